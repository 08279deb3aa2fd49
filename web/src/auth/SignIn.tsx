import { useNavigate, useParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { auth, call, HttpError, NetworkError } from '../api';
import { signedIn } from '../data';
import { FieldError } from '../ui';

function useSubmit() {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setFields({});
    try {
      await fn();
    } catch (err) {
      if (err instanceof HttpError) {
        setError(err.message);
        setFields(err.fields);
      } else setError(err instanceof NetworkError ? 'You are offline; sign in once you are connected.' : String(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, fields, run };
}

export function SignIn() {
  const [mode, setMode] = createSignal<'login' | 'setup'>('login');
  const [workspace, setWorkspace] = createSignal('');
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const { busy, error, fields, run } = useSubmit();

  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const profile =
        mode() === 'login'
          ? await call(auth.login.$post({ json: { email: email(), password: password() } }))
          : await call(
              auth.setup.$post({
                json: { workspace: workspace(), name: name(), email: email(), password: password() },
              }),
            );
      await signedIn({ ...profile, tokenId: null });
    });
  };

  return (
    <main id="main" class="page narrow">
      <h1>{mode() === 'login' ? 'Sign in to Hadi' : 'Set up Hadi'}</h1>
      <p class="muted">
        {mode() === 'login'
          ? 'The experiment log for your marketing team.'
          : 'Create the workspace and its first admin. This works only once.'}
      </p>
      <form onSubmit={submit} class="stack" aria-describedby={error() ? 'signin-error' : undefined}>
        <Show when={mode() === 'setup'}>
          <label>
            Workspace name
            <input name="workspace" required value={workspace()} onInput={(e) => setWorkspace(e.currentTarget.value)} />
          </label>
          <FieldError id="workspace-error" message={fields().workspace} />
          <label>
            Your name
            <input
              name="name"
              autocomplete="name"
              required
              value={name()}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </label>
          <FieldError id="name-error" message={fields().name} />
        </Show>
        <label>
          Email
          <input
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <FieldError id="email-error" message={fields().email} />
        <label>
          Password
          <input
            name="password"
            type="password"
            autocomplete={mode() === 'login' ? 'current-password' : 'new-password'}
            required
            minLength={mode() === 'setup' ? 10 : 1}
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <FieldError id="password-error" message={fields().password} />
        <Show when={error()}>
          <p class="error" role="alert" id="signin-error">
            {error()}
          </p>
        </Show>
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? 'Please wait…' : mode() === 'login' ? 'Sign in' : 'Create workspace'}
        </button>
      </form>
      <p>
        <button type="button" class="link" onClick={() => setMode(mode() === 'login' ? 'setup' : 'login')}>
          {mode() === 'login' ? 'First time here? Set up a workspace' : 'Already set up? Sign in'}
        </button>
      </p>
    </main>
  );
}

export function AcceptInvite() {
  const params = useParams<{ token: string }>();
  const navigate = useNavigate();
  const [name, setName] = createSignal('');
  const [password, setPassword] = createSignal('');
  const { busy, error, fields, run } = useSubmit();
  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const profile = await call(
        auth['accept-invite'].$post({
          json: { token: params.token, password: password(), ...(name().trim() ? { name: name() } : {}) },
        }),
      );
      await signedIn({ ...profile, tokenId: null });
      navigate('/', { replace: true });
    });
  };
  return (
    <section class="narrow">
      <h1>Join your team on Hadi</h1>
      <form onSubmit={submit} class="stack">
        <label>
          Your name (optional)
          <input name="name" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <p class="muted">
          New to Hadi? Choose a password. Already use Hadi with this email? Enter your current password instead.
        </p>
        <label>
          Password (10+ characters)
          <input
            name="password"
            type="password"
            autocomplete="new-password"
            required
            minLength={10}
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <FieldError id="password-error" message={fields().password} />
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? 'Please wait…' : 'Join'}
        </button>
      </form>
    </section>
  );
}
