import { A, useNavigate } from '@solidjs/router';
import { createSignal, For, onMount, Show } from 'solid-js';
import { api, auth, call, can, HttpError, NetworkError } from '../api';
import { me, online, signedIn, signedOut, switchWorkspace } from '../data';
import { Empty, FieldError, toast } from '../ui';
import { CURRENCIES, invitations, loadWorkspaces, waitingIn, workspaces } from './store';

const roleLabel = { viewer: 'Viewer', member: 'Member', lead: 'Lead', admin: 'Admin' } as const;

/** The switcher: every workspace of the person, what waits to sync in each, invitations, and a new workspace. */
export default function Workspaces() {
  const navigate = useNavigate();
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const refresh = () =>
    loadWorkspaces().catch((err) => {
      if (!(err instanceof NetworkError)) setError(err instanceof Error ? err.message : String(err));
    });
  onMount(() => void refresh());

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const open = (id: string, name: string) =>
    act(async () => {
      await switchWorkspace(id);
      toast(`Now in ${name}`);
      navigate('/');
    });
  const accept = (id: string) =>
    act(async () => {
      const joined = await call(auth.invites[':id'].accept.$post({ param: { id } }));
      toast(`You joined ${joined.name}`);
      await refresh();
    });
  const leave = () =>
    act(async () => {
      if (!confirm(`Leave ${me()?.workspace}? You lose access at once; an admin can invite you again.`)) return;
      const res = await call(api.workspace.leave.$post());
      if (res.me) await signedIn({ ...res.me, tokenId: null });
      else await signedOut();
      await refresh();
      navigate('/');
    });

  return (
    <section class="narrow">
      <h1>Workspaces</h1>
      <p class="muted">
        Each client or brand is its own workspace: its own backlog, tests, people and currency. Writes made offline stay
        in the workspace they were written in.
      </p>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <Show
        when={workspaces().length > 0}
        fallback={
          <Empty>
            <p>{online() ? 'Loading your workspaces…' : 'Connect once to list your workspaces on this device.'}</p>
          </Empty>
        }
      >
        <ul class="cards" aria-label="Your workspaces">
          <For each={workspaces()}>
            {(w) => (
              <li class="card ws-card" data-testid="workspace-item" aria-current={w.id === me()?.workspaceId}>
                <span class="card-body grow">
                  <strong class="card-title">{w.name}</strong>
                  <span class="meta">
                    {roleLabel[w.role]} · {w.currency}
                    <Show when={waitingIn(w.id) > 0}> · {waitingIn(w.id)} waiting to sync</Show>
                  </span>
                </span>
                <Show when={w.id !== me()?.workspaceId} fallback={<span class="badge">You are here</span>}>
                  <button type="button" disabled={busy()} onClick={() => void open(w.id, w.name)}>
                    Switch
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <Show when={invitations().length > 0}>
        <h2>Invitations</h2>
        <ul class="cards">
          <For each={invitations()}>
            {(i) => (
              <li class="card ws-card" data-testid="invitation">
                <span class="card-body grow">
                  <strong class="card-title">{i.workspace}</strong>
                  <span class="meta">invites you as {roleLabel[i.role]}</span>
                </span>
                <button type="button" class="primary" disabled={busy() || !online()} onClick={() => void accept(i.id)}>
                  Join
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <NewWorkspace />

      <h2>This workspace</h2>
      <div class="row">
        <Show when={can(me(), 'admin')}>
          <A class="button" href="/workspace/settings">
            Settings
          </A>
        </Show>
        <button type="button" disabled={busy() || !online()} onClick={() => void leave()}>
          Leave {me()?.workspace}
        </button>
      </div>
    </section>
  );
}

function NewWorkspace() {
  const navigate = useNavigate();
  const [name, setName] = createSignal('');
  const [currency, setCurrency] = createSignal(me()?.currency ?? 'EUR');
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setFields({});
    setError(undefined);
    try {
      const created = await call(api.workspaces.$post({ json: { name: name(), currency: currency() } }));
      await switchWorkspace(created.id);
      await loadWorkspaces();
      toast(`${created.name} is ready: you are its admin`);
      navigate('/');
    } catch (err) {
      if (err instanceof HttpError) setFields(err.fields);
      setError(
        err instanceof NetworkError
          ? 'You are offline: create the workspace once you are connected.'
          : String((err as Error).message),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card-form stack" onSubmit={(e) => void submit(e)} aria-labelledby="new-ws">
      <h2 id="new-ws">New workspace</h2>
      <label>
        Name (a client or brand)
        <input
          name="workspace-name"
          required
          maxLength={120}
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
          aria-describedby="ws-name-error"
        />
      </label>
      <FieldError id="ws-name-error" message={fields().name} />
      <label>
        Currency for budgets and costs
        <select name="currency" value={currency()} onChange={(e) => setCurrency(e.currentTarget.value)}>
          <For each={CURRENCIES}>{(c) => <option value={c}>{c}</option>}</For>
        </select>
      </label>
      <FieldError id="ws-currency-error" message={fields().currency} />
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <button type="submit" class="primary" disabled={busy() || !online()}>
        {busy() ? 'Creating…' : 'Create and switch to it'}
      </button>
    </form>
  );
}
