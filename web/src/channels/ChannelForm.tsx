import { useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { api, call, HttpError, NetworkError, type Channel } from '../api';
import { channels, setChannels } from '../data';
import { FieldError, toast } from '../ui';
import { CHANNEL_JOBS, CHANNEL_KINDS, jobLabel, kindLabel } from './store';

type Form = { name: string; kind: Channel['kind'] | ''; job: Channel['job'] | '' };
type Errors = Partial<Record<keyof Form | 'form', string>>;

export function upsertChannel(c: Channel) {
  setChannels([...channels().filter((x) => x.id !== c.id), c]);
}

/** Add a channel, or rename / re-job one (admins). Archiving is a separate button on the channel's screen. */
export function ChannelForm(props: { channel?: Channel; onSaved?: (c: Channel) => void }) {
  const navigate = useNavigate();
  const [form, setForm] = createStore<Form>({
    name: props.channel?.name ?? '',
    kind: props.channel?.kind ?? '',
    job: props.channel?.job ?? '',
  });
  const [errors, setErrors] = createSignal<Errors>({});
  const [saving, setSaving] = createSignal(false);
  const invalid = (k: keyof Form) =>
    errors()[k] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `err-${k}` } : {};

  const save = async (e: Event) => {
    e.preventDefault();
    const found: Errors = {};
    const name = form.name.trim();
    if (!name) found.name = 'Give the channel a name';
    else if (channels().some((c) => c.id !== props.channel?.id && c.name.toLowerCase() === name.toLowerCase()))
      found.name = 'another channel already has this name';
    if (!form.kind) found.kind = 'Choose what kind of channel it is';
    if (!form.job) found.job = 'Choose the job it does in the funnel';
    setErrors(found);
    if (Object.keys(found).length) return document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    setSaving(true);
    try {
      const body = { name, kind: form.kind as Channel['kind'], job: form.job as Channel['job'] };
      const c = props.channel;
      const saved = c
        ? await call(api.channels[':id'].$patch({ param: { id: c.id }, json: { ...body, version: c.version } }))
        : await call(api.channels.$post({ json: { ...body, id: crypto.randomUUID() } }));
      upsertChannel(saved);
      toast(c ? 'Channel saved' : `${saved.name} added to the channel map`);
      if (props.onSaved) props.onSaved(saved);
      else navigate(`/channels/${saved.id}`);
    } catch (err) {
      if (err instanceof HttpError) setErrors({ form: err.message, ...(err.fields as Errors) });
      else if (err instanceof NetworkError) setErrors({ form: 'You are offline: channels are saved online only.' });
      else throw err;
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="stack" noValidate onSubmit={(e) => void save(e)} aria-label="Channel">
      <label>
        Name
        <input
          name="name"
          maxLength={80}
          value={form.name}
          onInput={(e) => setForm('name', e.currentTarget.value)}
          {...invalid('name')}
        />
        <FieldError id="err-name" message={errors().name} />
      </label>
      <label>
        Kind
        <select
          name="kind"
          value={form.kind}
          onChange={(e) => setForm('kind', e.currentTarget.value as Form['kind'])}
          {...invalid('kind')}
        >
          <option value="">Choose a kind</option>
          <For each={CHANNEL_KINDS}>
            {(k) => (
              <option value={k} selected={form.kind === k}>
                {kindLabel(k)}
              </option>
            )}
          </For>
        </select>
        <FieldError id="err-kind" message={errors().kind} />
      </label>
      <fieldset {...invalid('job')}>
        <legend>Job in the funnel</legend>
        <For each={CHANNEL_JOBS}>
          {(j) => (
            <label class="check">
              <input type="radio" name="job" value={j} checked={form.job === j} onChange={() => setForm('job', j)} />
              <span>
                {jobLabel[j]!.name} <span class="muted small">— {jobLabel[j]!.hint}</span>
              </span>
            </label>
          )}
        </For>
        <FieldError id="err-job" message={errors().job} />
      </fieldset>
      <Show when={Object.keys(errors()).length}>
        <p class="error" role="alert" data-testid="form-errors">
          {errors().form ?? 'Fix the fields marked above.'}
        </p>
      </Show>
      <div class="row">
        <button type="submit" class="primary" disabled={saving()}>
          {saving() ? 'Saving…' : props.channel ? 'Save channel' : 'Add channel'}
        </button>
      </div>
    </form>
  );
}
