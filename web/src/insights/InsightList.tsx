import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { api, call, can } from '../api';
import { channels, me } from '../data';
import { Empty, ErrorBox, Loading, StatusCard } from '../ui';
import { FieldError } from '../ui';
import { LEVERS, leverLabel, signedPct } from '../ui/labels';

/** Claims several tests speak to, with their pooled lift. Leads start one here and cite tests on its page. */
export default function InsightList() {
  const navigate = useNavigate();
  const [insights, { refetch }] = createResource(() => call(api.insights.$get({ query: {} })).then((r) => r.items));
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [busy, setBusy] = createSignal(false);
  const create = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    setBusy(true);
    setFields({});
    try {
      const created = await call(
        api.insights.$post({
          json: {
            id: crypto.randomUUID(),
            title: text('title'),
            claim: text('claim') || null,
            channelId: text('channelId') || null,
            lever: (text('lever') || null) as (typeof LEVERS)[number] | null,
            tags: text('tags')
              .split(',')
              .map((t) => t.trim().replace(/^#/, ''))
              .filter(Boolean),
          },
        }),
      );
      navigate(`/insights/${created.id}`);
    } catch (err) {
      const fieldErrors = (err as { fields?: Record<string, string> }).fields;
      setFields(fieldErrors && Object.keys(fieldErrors).length ? fieldErrors : { _: String((err as Error).message) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <p class="muted">
        <A href="/program">← Program</A>
      </p>
      <h1>Insights</h1>
      <p class="muted small">
        A claim several tests speak to. Hadi pools the measured lifts of the tests you cite, so evidence compounds.
      </p>
      <Show when={can(me(), 'lead')}>
        <details class="card-section">
          <summary>New insight</summary>
          <form
            class="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void create(e.currentTarget);
            }}
          >
            <label>
              Claim in one line
              <input name="title" required maxLength={200} placeholder="Urgency copy lifts conversion on paid social" />
              <FieldError id="title-error" message={fields().title} />
            </label>
            <label>
              Details (optional)
              <textarea name="claim" rows="3" maxLength={2000} />
            </label>
            <label>
              Channel
              <select name="channelId">
                <option value="">Any</option>
                <For each={channels()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
              </select>
            </label>
            <label>
              Lever
              <select name="lever">
                <option value="">Any</option>
                <For each={LEVERS}>{(l) => <option value={l}>{leverLabel(l)}</option>}</For>
              </select>
            </label>
            <label>
              Tags (comma separated)
              <input name="tags" placeholder="urgency, copy" />
            </label>
            <Show when={fields()._}>
              <p class="field-error" role="alert">
                {fields()._}
              </p>
            </Show>
            <button type="submit" class="primary" disabled={busy()}>
              Create and cite tests
            </button>
          </form>
        </details>
      </Show>
      <Show when={insights.error}>
        <ErrorBox error={insights.error} retry={() => void refetch()} />
      </Show>
      <Show when={insights()} fallback={<Show when={!insights.error}>{<Loading label="Loading insights…" />}</Show>}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={
              <Empty>
                <p>
                  No insight yet.{' '}
                  {can(me(), 'lead')
                    ? 'Write a claim above, then cite the closed tests that support or contradict it.'
                    : 'Leads write insights from several closed tests.'}
                </p>
              </Empty>
            }
          >
            <ul class="cards">
              <For each={list()}>
                {(i) => (
                  <StatusCard
                    href={`/insights/${i.id}`}
                    chipClass={i.pooled.result && i.pooled.result.ci[0] > 0 ? 'd-ship' : 's-draft'}
                    chip={i.pooled.result ? `Pooled ${signedPct(i.pooled.result.estimate)}` : 'No data'}
                    title={i.title}
                    testId="insight-card"
                    meta={`${i.citations.length} cited test${i.citations.length === 1 ? '' : 's'} · ${i.pooled.heterogeneity}`}
                  />
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}
