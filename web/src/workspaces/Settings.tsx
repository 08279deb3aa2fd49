import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { api, auth, call, can, HttpError, type WorkspaceSettings } from '../api';
import { me, signedIn } from '../data';
import { ErrorBox, FieldError, Loading, toast } from '../ui';
import { CURRENCIES, loadWorkspaces, TIME_ZONES } from './store';

/** Admins edit the workspace's name, currency and time zone (versioned: a concurrent edit is shown, not lost). */
export default function Settings() {
  const [settings, { mutate, refetch }] = createResource(() => call(api.workspace.$get()));
  return (
    <section class="narrow">
      <p>
        <A href="/workspaces">← Workspaces</A>
      </p>
      <h1>Workspace settings</h1>
      <Show when={can(me(), 'admin')} fallback={<p>Only admins change workspace settings.</p>}>
        <Show when={!settings.error} fallback={<ErrorBox error={settings.error} retry={() => void refetch()} />}>
          <Show when={settings()} fallback={<Loading />}>
            {(s) => <SettingsForm settings={s()} saved={(next) => mutate(next)} />}
          </Show>
        </Show>
      </Show>
    </section>
  );
}

function SettingsForm(props: { settings: WorkspaceSettings; saved: (s: WorkspaceSettings) => void }) {
  const [name, setName] = createSignal(props.settings.name);
  const [currency, setCurrency] = createSignal(props.settings.currency);
  const [timeZone, setTimeZone] = createSignal(props.settings.timeZone);
  const [version, setVersion] = createSignal(props.settings.version);
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const zones = () => (TIME_ZONES.includes(timeZone()) ? TIME_ZONES : [timeZone(), ...TIME_ZONES]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setFields({});
    setError(undefined);
    try {
      const next = await call(
        api.workspace.$patch({
          json: { name: name(), currency: currency(), timeZone: timeZone(), version: version() },
        }),
      );
      setVersion(next.version);
      props.saved(next);
      await signedIn({ ...(await call(auth.me.$get())) });
      void loadWorkspaces().catch(() => undefined);
      toast('Settings saved');
    } catch (err) {
      if (err instanceof HttpError && err.code === 'version_conflict' && err.current) {
        const current = err.current as WorkspaceSettings;
        setError('Another admin changed these settings meanwhile; their values are shown. Save again to apply yours.');
        setName(current.name);
        setCurrency(current.currency);
        setTimeZone(current.timeZone);
        setVersion(current.version);
      } else if (err instanceof HttpError) {
        setFields(err.fields);
        setError(err.message);
      } else setError('You are offline: settings change once you are connected.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="stack" onSubmit={(e) => void submit(e)}>
      <label>
        Name
        <input
          name="name"
          required
          maxLength={120}
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
          aria-describedby="settings-name-error"
        />
      </label>
      <FieldError id="settings-name-error" message={fields().name} />
      <label>
        Currency (budgets, spend and costs are shown in it)
        <select name="currency" value={currency()} onChange={(e) => setCurrency(e.currentTarget.value)}>
          <For each={CURRENCIES}>{(c) => <option value={c}>{c}</option>}</For>
        </select>
      </label>
      <FieldError id="settings-currency-error" message={fields().currency} />
      <label>
        Time zone (the week and “today” follow it)
        <select name="timeZone" value={timeZone()} onChange={(e) => setTimeZone(e.currentTarget.value)}>
          <For each={zones()}>{(z) => <option value={z}>{z.replaceAll('_', ' ')}</option>}</For>
        </select>
      </label>
      <FieldError id="settings-tz-error" message={fields().timeZone} />
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <button type="submit" class="primary" disabled={busy()}>
        {busy() ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}
