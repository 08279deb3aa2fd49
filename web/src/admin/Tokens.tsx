import type { InferResponseType } from 'hono/client';
import { createResource, createSignal, For, Show } from 'solid-js';
import { api, call } from '../api';
import { Empty, ErrorBox, Loading, toast } from '../ui';
import {
  ConfirmDialog,
  CopyField,
  Dialog,
  FieldNote,
  FormError,
  ROLE_HELP,
  ROLE_LABEL,
  timeAgo,
  useSubmit,
} from './ui';

type Token = InferResponseType<typeof api.tokens.$get, 200>['items'][number];
const ROLES = ['viewer', 'member', 'lead', 'admin'] as const;
type Role = (typeof ROLES)[number];
const LABELS = { name: 'Name', role: 'Role' };

/** Create a token; its secret is shown once, here, and never again (only its hash is stored). */
function CreateDialog(props: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<Role>('viewer');
  const [secret, setSecret] = createSignal<{ token: string; name: string }>();
  const form = useSubmit(LABELS);
  const close = () => {
    setSecret(undefined);
    setName('');
    form.reset();
    props.onClose();
  };
  const submit = (e: Event) => {
    e.preventDefault();
    void form.run(async () => {
      const res = await call(api.tokens.$post({ json: { name: name(), role: role() } }));
      setSecret({ token: res.token, name: res.name });
      props.onCreated();
    });
  };
  return (
    <Dialog open={props.open} title={secret() ? 'Copy your token now' : 'New API token'} onClose={close}>
      <Show
        when={secret()}
        fallback={
          <form class="stack" onSubmit={submit} novalidate>
            <label>
              Name (what uses it)
              <input
                name="name"
                placeholder="e.g. Ads importer"
                value={name()}
                aria-describedby={form.fields().name ? 'token-name-error' : undefined}
                onInput={(e) => setName(e.currentTarget.value)}
              />
            </label>
            <FieldNote id="token-name-error" label="Name" message={form.fields().name} />
            <label>
              Role
              <select name="role" value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
                <For each={ROLES}>{(r) => <option value={r}>{ROLE_LABEL[r]}</option>}</For>
              </select>
              <span class="muted small">
                {ROLE_LABEL[role()]}: {ROLE_HELP[role()]}
              </span>
            </label>
            <p class="muted small">Give it the lowest role that works: a token acts exactly with its role.</p>
            <FormError message={form.error()} />
            <button type="submit" class="primary" disabled={form.busy()}>
              {form.busy() ? 'Creating…' : 'Create token'}
            </button>
          </form>
        }
      >
        {(s) => (
          <div class="stack">
            <p class="warning" role="alert">
              This is the only time the token for “{s().name}” is shown. Copy it into your integration now: Hadi keeps
              only a fingerprint and cannot show it again. Lost it? Revoke it and create a new one.
            </p>
            <CopyField label="API token" value={s().token} testId="token-secret" />
            <p class="muted small">
              Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
            </p>
            <button type="button" onClick={close}>
              I have copied it
            </button>
          </div>
        )}
      </Show>
    </Dialog>
  );
}

export default function Tokens() {
  const [list, { refetch }] = createResource(() => call(api.tokens.$get()));
  const [creating, setCreating] = createSignal(false);
  const [revoking, setRevoking] = createSignal<Token>();
  const revokeForm = useSubmit({});
  const tokens = () => list()?.items ?? [];
  const revoke = () =>
    revokeForm.run(async () => {
      const t = revoking()!;
      await call(api.tokens[':id'].$delete({ param: { id: t.id } }));
      toast(`${t.name} is revoked: it stops working at once`);
      setRevoking(undefined);
      void refetch();
    });
  return (
    <>
      <div class="row between">
        <h1>API tokens</h1>
        <button type="button" class="primary" onClick={() => setCreating(true)}>
          + New token
        </button>
      </div>
      <p class="muted small">Keys for scripts and integrations (ads importers, dashboards). Each acts with one role.</p>
      <Show when={!list.error} fallback={<ErrorBox error={list.error} retry={refetch} />}>
        <Show when={list()} fallback={<Loading label="Loading tokens…" />}>
          <Show
            when={tokens().length}
            fallback={
              <Empty>
                <p>No tokens yet. Create one when a script or integration needs to read or write Hadi.</p>
              </Empty>
            }
          >
            <ul class="cards">
              <For each={tokens()}>
                {(t) => (
                  <li class="card admin-row" data-testid="token-row">
                    <span class="card-body">
                      <strong class="card-title">{t.name}</strong>
                      <span class="meta">
                        {ROLE_LABEL[t.role]} · created {timeAgo(t.createdAt)}
                        {t.revokedAt ? ` · revoked ${timeAgo(t.revokedAt)}` : ' · active'}
                      </span>
                    </span>
                    <Show when={!t.revokedAt}>
                      <button
                        type="button"
                        class="danger"
                        onClick={() => setRevoking(t)}
                        aria-label={`Revoke ${t.name}`}
                      >
                        Revoke
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </Show>
      <CreateDialog open={creating()} onClose={() => setCreating(false)} onCreated={() => void refetch()} />
      <ConfirmDialog
        open={!!revoking()}
        title={`Revoke ${revoking()?.name ?? ''}?`}
        error={revokeForm.error()}
        busy={revokeForm.busy()}
        action="Revoke token"
        busyAction="Revoking…"
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(undefined)}
      >
        <p>Anything using this token is refused from now on. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
