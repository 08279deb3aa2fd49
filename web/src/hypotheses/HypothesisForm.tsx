import { A, useNavigate, useParams } from '@solidjs/router';
import { createMemo, createSignal, For, onMount, Show } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { can } from '../api';
import {
  channelName,
  channels,
  dropDraft,
  hypotheses,
  loadDraft,
  me,
  metricName,
  metrics,
  saveDraft,
  write,
} from '../data';
import { iceLabel, leverLabel, LEVERS, statusLabel } from '../ui/labels';
import { Empty, toast } from '../ui';
import { HypothesisChain } from '../chain/ChainLinks';
import { Comments } from '../comments';

type Form = {
  title: string;
  change: string;
  audience: string;
  channelId: string;
  metricId: string;
  move: '' | 'increase' | 'decrease';
  expectedImpact: string;
  rationale: string;
  lever: string;
  impact: number | null;
  confidence: number | null;
  ease: number | null;
  tags: string;
};
const blank: Form = {
  title: '',
  change: '',
  audience: '',
  channelId: '',
  metricId: '',
  move: '',
  expectedImpact: '',
  rationale: '',
  lever: '',
  impact: null,
  confidence: null,
  ease: null,
  tags: '',
};

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The form's values as the API's hypothesis fields. */
export function toBody(f: Form) {
  const impact = f.expectedImpact.trim() === '' ? null : Number(f.expectedImpact) / 100;
  return {
    title: f.title.trim(),
    change: orNull(f.change),
    audience: orNull(f.audience),
    channelId: orNull(f.channelId),
    metricId: orNull(f.metricId),
    move: f.move === '' ? null : f.move,
    expectedImpact: impact != null && Number.isFinite(impact) ? impact : null,
    rationale: orNull(f.rationale),
    lever: orNull(f.lever) as (typeof LEVERS)[number] | null,
    impact: f.impact,
    confidence: f.confidence,
    ease: f.ease,
    tags: [
      ...new Set(
        f.tags
          .split(/[,\s]+/)
          .map((t) => t.replace(/^#/, '').trim())
          .filter(Boolean),
      ),
    ].slice(0, 20),
  };
}

/** 1–10, or not scored: the far left (0) is the real unset state, so the bar never shows a score nobody gave. */
function Slider(props: { label: string; hint: string; value: number | null; set: (v: number | null) => void }) {
  const id = `ice-${props.label.toLowerCase()}`;
  return (
    <div class="slider">
      <label for={id}>
        {props.label} <span class="muted">— {props.hint}</span>:{' '}
        <strong>{props.value == null ? 'not scored' : `${props.value} of 10`}</strong>
      </label>
      <input
        id={id}
        type="range"
        min="0"
        max="10"
        step="1"
        classList={{ unset: props.value == null }}
        value={props.value ?? 0}
        onInput={(e) => {
          const v = Number(e.currentTarget.value);
          props.set(v >= 1 ? v : null);
        }}
        aria-valuetext={props.value == null ? 'not scored' : `${props.value} of 10`}
      />
      <Show when={props.value != null}>
        <button type="button" class="link small" onClick={() => props.set(null)}>
          clear
        </button>
      </Show>
    </div>
  );
}

export function HypothesisForm() {
  const params = useParams<{ id?: string }>();
  const navigate = useNavigate();
  const existing = createMemo(() => (params.id ? hypotheses().find((h) => h.id === params.id) : undefined));
  const draftKey = () => `h:${params.id ?? 'new'}`;
  const [form, setForm] = createStore<Form>({ ...blank });
  const [ready, setReady] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const editable = () => can(me(), 'member') && (!existing() || ['backlog', 'parked'].includes(existing()!.status));

  onMount(async () => {
    const draft = await loadDraft<Form>(draftKey());
    const h = existing();
    if (draft) setForm(draft);
    else if (h) {
      setForm({
        title: h.title,
        change: h.change ?? '',
        audience: h.audience ?? '',
        channelId: h.channelId ?? '',
        metricId: h.metricId ?? '',
        move: h.move ?? '',
        expectedImpact: h.expectedImpact == null ? '' : String(Math.round(h.expectedImpact * 1000) / 10),
        rationale: h.rationale ?? '',
        lever: h.lever ?? '',
        impact: h.impact,
        confidence: h.confidence,
        ease: h.ease,
        tags: h.tags.join(', '),
      });
    }
    setReady(true);
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm(key, value as never);
    clearTimeout(timer);
    timer = setTimeout(() => void saveDraft(draftKey(), unwrap(form)), 250);
  };

  const statement = () => {
    const b = toBody(form);
    if (!b.change) return null;
    return `If we ${b.change}${b.audience ? ` for ${b.audience}` : ''}${b.channelId ? ` on ${channelName(b.channelId) ?? 'the channel'}` : ''}, then ${metricName(b.metricId) ?? 'the metric'} will ${b.move ?? 'change'}${b.expectedImpact != null ? ` by ${Math.round(b.expectedImpact * 1000) / 10}%` : ''}${b.rationale ? `, because ${b.rationale}` : ''}.`;
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const body = toBody(form);
    if (!body.title) return setError('Give it a title — that is all you need to save.');
    clearTimeout(timer);
    const h = existing();
    if (h) await write({ kind: 'hypothesis.update', entityId: h.id, body, baseVersion: h.version });
    else await write({ kind: 'hypothesis.create', entityId: crypto.randomUUID(), body });
    await dropDraft(draftKey());
    toast(navigator.onLine ? 'Saved' : 'Saved on this device — it will sync when you are online');
    navigate('/');
  };

  return (
    <Show
      when={!params.id || existing()}
      fallback={
        <Empty>
          <p>
            This hypothesis is not on this device yet. <A href="/">Back to the backlog</A>
          </p>
        </Empty>
      }
    >
      <section>
        <h1>{existing() ? (editable() ? 'Edit hypothesis' : 'Hypothesis') : 'New hypothesis'}</h1>
        <Show when={existing()}>
          {(h) => (
            <p class="muted">
              {statusLabel[h().status]}
              <Show when={h().incomplete?.length > 0}>
                {' '}
                · <span class="badge">Incomplete: {h().incomplete.length} parts missing</span>
              </Show>
              <Show when={can(me(), 'member') && h().status === 'backlog' && !h().pending}>
                {' '}
                · <A href={`/cycles/new/${h().id}`}>Design a test →</A>
              </Show>
            </p>
          )}
        </Show>
        <Show when={existing()}>{(h) => <HypothesisChain hypothesisId={h().id} />}</Show>
        <Show when={ready()}>
          <form class="stack" onSubmit={(e) => void save(e)} aria-label="Hypothesis">
            <label>
              Title (enough to save)
              <input
                name="title"
                required
                maxLength={200}
                value={form.title}
                onInput={(e) => set('title', e.currentTarget.value)}
                disabled={!editable()}
              />
            </label>
            <fieldset disabled={!editable()}>
              <legend>The statement</legend>
              <label>
                If we… (the change)
                <textarea
                  name="change"
                  rows="2"
                  maxLength={1000}
                  value={form.change}
                  onInput={(e) => set('change', e.currentTarget.value)}
                />
              </label>
              <label>
                for… (the audience)
                <input
                  name="audience"
                  maxLength={500}
                  value={form.audience}
                  onInput={(e) => set('audience', e.currentTarget.value)}
                />
              </label>
              <label>
                on… (channel)
                <select
                  name="channelId"
                  value={form.channelId}
                  onChange={(e) => set('channelId', e.currentTarget.value)}
                >
                  <option value="">Choose a channel</option>
                  <For each={channels()}>
                    {(c) => (
                      <option value={c.id} selected={c.id === form.channelId}>
                        {c.name}
                      </option>
                    )}
                  </For>
                </select>
              </label>
              <label>
                then… (metric)
                <select name="metricId" value={form.metricId} onChange={(e) => set('metricId', e.currentTarget.value)}>
                  <option value="">Choose a metric</option>
                  <For each={metrics()}>
                    {(m) => (
                      <option value={m.id} selected={m.id === form.metricId}>
                        {m.name}
                      </option>
                    )}
                  </For>
                </select>
              </label>
              <div class="row">
                <label>
                  will…
                  <select
                    name="move"
                    value={form.move}
                    onChange={(e) => set('move', e.currentTarget.value as Form['move'])}
                  >
                    <option value="">—</option>
                    <option value="increase">increase</option>
                    <option value="decrease">decrease</option>
                  </select>
                </label>
                <label>
                  by (expected impact, %)
                  <input
                    name="expectedImpact"
                    type="number"
                    inputMode="decimal"
                    step="0.1"
                    min="-1000"
                    max="10000"
                    value={form.expectedImpact}
                    onInput={(e) => set('expectedImpact', e.currentTarget.value)}
                  />
                </label>
              </div>
              <label>
                because… (the rationale)
                <textarea
                  name="rationale"
                  rows="2"
                  maxLength={2000}
                  value={form.rationale}
                  onInput={(e) => set('rationale', e.currentTarget.value)}
                />
              </label>
              <Show when={statement()}>
                <p class="statement" aria-live="polite">
                  {statement()}
                </p>
              </Show>
            </fieldset>
            <fieldset disabled={!editable()}>
              <legend>Lever, score and tags</legend>
              <label>
                Lever (change one at a time)
                <select name="lever" value={form.lever} onChange={(e) => set('lever', e.currentTarget.value)}>
                  <option value="">Choose a lever</option>
                  <For each={LEVERS}>
                    {(l) => (
                      <option value={l} selected={l === form.lever}>
                        {leverLabel(l)}
                      </option>
                    )}
                  </For>
                </select>
              </label>
              <Slider
                label="Impact"
                hint="how much it could move the metric"
                value={form.impact}
                set={(v) => set('impact', v)}
              />
              <Slider
                label="Confidence"
                hint="how sure you are"
                value={form.confidence}
                set={(v) => set('confidence', v)}
              />
              <Slider label="Ease" hint="how cheap to test" value={form.ease} set={(v) => set('ease', v)} />
              <p class="muted small" data-testid="ice-total">
                {form.impact != null && form.confidence != null && form.ease != null
                  ? `${iceLabel(Math.round(((form.impact + form.confidence + form.ease) / 3) * 10) / 10)}: the average of impact, confidence and ease.`
                  : 'ICE (of 10) is the average of the three once all are scored; the backlog is ranked by it.'}
              </p>
              <label>
                Tags (comma separated)
                <input name="tags" value={form.tags} onInput={(e) => set('tags', e.currentTarget.value)} />
              </label>
            </fieldset>
            <Show when={error()}>
              <p class="error" role="alert">
                {error()}
              </p>
            </Show>
            <Show
              when={editable()}
              fallback={<p class="muted">This hypothesis is {existing()?.status}; its status now follows its cycle.</p>}
            >
              <div class="row">
                <button type="submit" class="primary">
                  Save
                </button>
                <A href="/" class="button">
                  Cancel
                </A>
                <span class="muted small">Drafts are kept on this device as you type.</span>
              </div>
            </Show>
          </form>
        </Show>
        <Show when={existing()}>{(h) => <Comments targetType="hypothesis" targetId={h().id} />}</Show>
      </section>
    </Show>
  );
}
