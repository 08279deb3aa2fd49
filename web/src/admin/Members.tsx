import type { InferResponseType } from 'hono/client';
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { api, call } from '../api';
import { me } from '../data';
import { Empty, ErrorBox, Loading, toast } from '../ui';
import { CopyField, Dialog, FieldNote, FormError, ROLE_HELP, ROLE_LABEL, useSubmit } from './ui';

type Member = InferResponseType<typeof api.members.$get, 200>['items'][number];
const ROLES = ['viewer', 'member', 'lead', 'admin'] as const;
type Role = (typeof ROLES)[number];
const LABELS = { email: 'Email', name: 'Name', role: 'Role', status: 'Status' };
const STATUS_LABEL: Record<string, string> = {
  active: 'Active',
  invited: 'Invited, not joined yet',
  disabled: 'Disabled',
};

function RoleSelect(props: { value: Role; onChange: (r: Role) => void; error?: string | undefined }) {
  return (
    <label>
      Role
      <select
        name="role"
        value={props.value}
        aria-describedby={props.error ? 'role-error' : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value as Role)}
      >
        <For each={ROLES}>{(r) => <option value={r}>{ROLE_LABEL[r]}</option>}</For>
      </select>
      <span class="muted small">
        {ROLE_LABEL[props.value]}: {ROLE_HELP[props.value]}
      </span>
    </label>
  );
}

function InviteDialog(props: { open: boolean; onClose: () => void; onInvited: () => void }) {
  const [email, setEmail] = createSignal('');
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<Role>('member');
  const [link, setLink] = createSignal<{ url: string; name: string }>();
  const form = useSubmit(LABELS);
  const close = () => {
    setLink(undefined);
    setEmail('');
    setName('');
    form.reset();
    props.onClose();
  };
  const submit = (e: Event) => {
    e.preventDefault();
    void form.run(async () => {
      const res = await call(api.members.$post({ json: { email: email(), name: name(), role: role() } }));
      setLink({ url: res.inviteUrl, name: res.member.name });
      props.onInvited();
    });
  };
  return (
    <Dialog open={props.open} title="Invite someone" onClose={close}>
      <Show
        when={link()}
        fallback={
          <form class="stack" onSubmit={submit} novalidate>
            <label>
              Email
              <input
                name="email"
                type="email"
                required
                value={email()}
                aria-describedby={form.fields().email ? 'email-error' : undefined}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
            </label>
            <FieldNote id="email-error" label="Email" message={form.fields().email} />
            <label>
              Name
              <input
                name="name"
                required
                value={name()}
                aria-describedby={form.fields().name ? 'name-error' : undefined}
                onInput={(e) => setName(e.currentTarget.value)}
              />
            </label>
            <FieldNote id="name-error" label="Name" message={form.fields().name} />
            <RoleSelect value={role()} onChange={setRole} error={form.fields().role} />
            <FieldNote id="role-error" label="Role" message={form.fields().role} />
            <FormError message={form.error()} />
            <button type="submit" class="primary" disabled={form.busy()}>
              {form.busy() ? 'Inviting…' : 'Invite'}
            </button>
          </form>
        }
      >
        {(l) => (
          <div class="stack">
            <p>
              <strong>{l().name}</strong> is invited. Send them this link: it works once, for 7 days, and lets them
              choose a password.
            </p>
            <CopyField label="Invite link" value={l().url} testId="invite-link" />
            <button type="button" onClick={close}>
              Done
            </button>
          </div>
        )}
      </Show>
    </Dialog>
  );
}

function ManageDialog(props: { member: Member | undefined; onClose: () => void; onChanged: () => void }) {
  const [role, setRole] = createSignal<Role>('member');
  const [link, setLink] = createSignal<string>();
  const form = useSubmit(LABELS);
  const m = () => props.member;
  const open = () => !!m();
  createEffect(on(m, (current) => current && setRole(current.role)));
  const patch = (json: { role?: Role; status?: 'active' | 'disabled' }, done: string) =>
    form.run(async () => {
      const current = m()!;
      await call(api.members[':id'].$patch({ param: { id: current.id }, json: { ...json, version: current.version } }));
      toast(done);
      props.onChanged();
      close();
    });
  const renew = () =>
    form.run(async () => {
      const res = await call(api.members[':id']['invite-link'].$post({ param: { id: m()!.id } }));
      setLink(res.inviteUrl);
      props.onChanged();
    });
  const close = () => {
    setLink(undefined);
    form.reset();
    props.onClose();
  };
  return (
    <Dialog open={open()} title={`Manage ${m()?.name ?? ''}`} onClose={close}>
      <Show when={m()}>
        {(current) => (
          <div class="stack">
            <p class="muted">
              {current().email} · {STATUS_LABEL[current().status]}
            </p>
            <form
              class="stack"
              onSubmit={(e) => {
                e.preventDefault();
                void patch({ role: role() }, `${current().name} is now ${ROLE_LABEL[role()]?.toLowerCase()}`);
              }}
            >
              <RoleSelect value={role()} onChange={setRole} error={form.fields().role} />
              <button type="submit" class="primary" disabled={form.busy() || role() === current().role}>
                {form.busy() ? 'Saving…' : 'Change role'}
              </button>
            </form>
            <Show when={current().status === 'invited'}>
              <Show
                when={link()}
                fallback={
                  <button type="button" disabled={form.busy()} onClick={() => void renew()}>
                    New invite link
                  </button>
                }
              >
                {(url) => <CopyField label="New invite link (the old one no longer works)" value={url()} />}
              </Show>
            </Show>
            <Show
              when={current().status === 'disabled'}
              fallback={
                <button
                  type="button"
                  class="danger"
                  disabled={form.busy()}
                  onClick={() => void patch({ status: 'disabled' }, `${current().name} is disabled and signed out`)}
                >
                  Disable {current().name}
                </button>
              }
            >
              <button
                type="button"
                disabled={form.busy()}
                onClick={() => void patch({ status: 'active' }, `${current().name} is enabled again`)}
              >
                Re-enable {current().name}
              </button>
            </Show>
            <p class="muted small">Disabling signs them out at once and keeps everything they wrote.</p>
            <FormError message={form.error()} />
          </div>
        )}
      </Show>
    </Dialog>
  );
}

export default function Members() {
  const [list, { refetch }] = createResource(() => call(api.members.$get()));
  const [inviting, setInviting] = createSignal(false);
  const [managing, setManaging] = createSignal<Member>();
  const members = () => list()?.items ?? [];
  return (
    <>
      <div class="row between">
        <h1>Members</h1>
        <button type="button" class="primary" onClick={() => setInviting(true)}>
          + Invite
        </button>
      </div>
      <Show when={!list.error} fallback={<ErrorBox error={list.error} retry={refetch} />}>
        <Show when={list()} fallback={<Loading label="Loading members…" />}>
          <Show
            when={members().length > 1}
            fallback={
              <Empty>
                <p>Only you so far. Invite your team: each person gets a link to choose a password.</p>
              </Empty>
            }
          >
            <p class="muted small">{members().length} people. A workspace always keeps at least one active admin.</p>
          </Show>
          <ul class="cards">
            <For each={members()}>
              {(m) => (
                <li class="card admin-row" data-testid="member-row">
                  <span class="card-body">
                    <strong class="card-title">
                      {m.name}
                      {m.id === me()?.memberId ? ' (you)' : ''}
                    </strong>
                    <span class="meta">
                      {ROLE_LABEL[m.role]} · {STATUS_LABEL[m.status]}
                    </span>
                    <span class="meta small card-title">{m.email}</span>
                  </span>
                  <button type="button" onClick={() => setManaging(m)} aria-label={`Manage ${m.name}`}>
                    Manage
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <InviteDialog open={inviting()} onClose={() => setInviting(false)} onInvited={() => void refetch()} />
      <ManageDialog member={managing()} onClose={() => setManaging(undefined)} onChanged={() => void refetch()} />
    </>
  );
}
