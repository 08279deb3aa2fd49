import { A, useParams } from '@solidjs/router';
import type { InferResponseType } from 'hono/client';
import { createMemo, createResource, createSignal, For, lazy, Show, Suspense } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import {
  crossings,
  type Funnel,
  type FunnelChange,
  FunnelChangeError,
  type FunnelMetrics,
  funnelDelta,
  funnelMetrics,
  applyChanges,
  STRESS_TESTS,
  type StressKey,
  stressFunnel,
} from '../../../worker/funnel';
import { api, call, can, HttpError } from '../api';
import { me } from '../data';
import { formatCount, formatRatio } from '../money/format';
import { ErrorBox, Loading, toast } from '../ui';
import { money } from '../ui/labels';
import { describeChange, isRate, signedPct } from './format';
import { GuardrailChart } from './GuardrailChart';
import './funnel.css';

const Tornado = lazy(() => import('./Tornado'));

type Data = InferResponseType<(typeof api.funnels)[':id']['$get'], 200>;
type Scenario = { id: string; name: string; changes: FunnelChange[] };

const STARTER: Funnel = {
  traffic: 10000,
  spend: 5000,
  stages: [
    { name: 'lead', rate: 0.05 },
    { name: 'sale', rate: 0.2 },
  ],
  value: 100,
  margin: 1,
  elasticity: 1,
};

export default function FunnelScreen() {
  const params = useParams<{ id: string }>();
  const [data, { refetch }] = createResource(
    () => params.id,
    (id) => call(api.funnels[':id'].$get({ param: { id } })),
  );
  return (
    <Show
      when={data()}
      fallback={
        <Show when={data.error} fallback={<Loading label="Loading the funnel…" />}>
          <ErrorBox error={data.error} retry={refetch} />
        </Show>
      }
    >
      {(d) => <FunnelEditor data={d()} reload={refetch} />}
    </Show>
  );
}

/** Runs the funnel, or says which change does not fit. */
function safely(f: () => Funnel): { funnel: Funnel; metrics: FunnelMetrics } | { error: string } {
  try {
    const funnel = f();
    return { funnel, metrics: funnelMetrics(funnel) };
  } catch (e) {
    if (e instanceof FunnelChangeError) return { error: e.message };
    throw e;
  }
}

function FunnelEditor(props: { data: Data; reload: () => void }) {
  const editable = () => can(me(), 'lead');
  const stored = props.data.funnel;
  const [model, setModel] = createStore<Funnel>(
    structuredClone(stored?.model ?? (props.data.prefill as Funnel | null) ?? STARTER),
  );
  const [periodDays, setPeriodDays] = createSignal(stored?.periodDays ?? 30);
  const [scenarios, setScenarios] = createStore<Scenario[]>(structuredClone((stored?.scenarios ?? []) as Scenario[]));
  const [draft, setDraft] = createStore<Scenario>({ id: crypto.randomUUID(), name: 'New scenario', changes: [] });
  const [stress, setStress] = createSignal<StressKey | null>(null);
  const [version, setVersion] = createSignal(stored?.version ?? null);
  const [showTornado, setShowTornado] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();

  // Plain copies that read every field, so memos re-run on any edit (a store read through unwrap() is not tracked).
  const snapshot = (): Funnel => ({
    traffic: model.traffic,
    spend: model.spend,
    stages: model.stages.map((s) => ({ name: s.name, rate: s.rate })),
    value: model.value,
    margin: model.margin,
    elasticity: model.elasticity,
  });
  const copyChanges = (list: FunnelChange[]): FunnelChange[] =>
    list.map((c) =>
      c.relative !== undefined
        ? { target: c.target, relative: c.relative }
        : { target: c.target, absolute: c.absolute ?? 0 },
    );
  const base = createMemo(() => safely(snapshot));
  const baseMetrics = () => {
    const b = base();
    return 'metrics' in b ? b.metrics : null;
  };
  const run = (changes: FunnelChange[]) => {
    const f = snapshot();
    const c = copyChanges(changes);
    return safely(() => applyChanges(f, c));
  };
  const draftResult = createMemo(() => run(draft.changes));
  const stressed = createMemo(() => {
    const key = stress();
    if (!key) return null;
    const f = snapshot();
    const c = copyChanges(draft.changes);
    return safely(() => stressFunnel(f, c, key));
  });
  const guardrails = () => props.data.guardrails as { cacMax?: number; roasFloor?: number };
  const targets = () => ['traffic', 'spend', 'value', 'margin', ...model.stages.map((s) => s.name)];

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await call(
        api.funnels[':id'].$put({
          param: { id: props.data.objectiveId },
          json: {
            model: unwrap(model),
            periodDays: periodDays(),
            scenarios: unwrap(scenarios),
            ...(version() ? { version: version()! } : {}),
          },
        }),
      );
      setVersion(saved.version);
      toast('Funnel saved');
    } catch (e) {
      if (e instanceof HttpError && e.status === 409)
        setError('Someone saved this funnel meanwhile: reload to see it.');
      else setError(e instanceof HttpError ? `${e.message}` : 'Could not save (offline?)');
    } finally {
      setBusy(false);
    }
  };
  const keepScenario = () => {
    const copy = structuredClone(unwrap(draft));
    setScenarios((list) => [...list.filter((s) => s.id !== copy.id), copy]);
    setDraft({ id: crypto.randomUUID(), name: 'New scenario', changes: [] });
  };

  return (
    <section class="stack" aria-labelledby="funnel-title">
      <p class="muted">
        <A href="/funnels">← Funnels</A>
      </p>
      <h1 id="funnel-title">Funnel: {props.data.title}</h1>
      <Overview data={props.data} />
      <Show when={!stored && props.data.prefill}>
        <p class="muted">Prefilled from what this objective’s tests measured. Adjust it and save.</p>
      </Show>
      <Show when={!stored && !props.data.prefill}>
        <p class="muted">No funnel yet: these are example numbers. Put in your own traffic, spend, rates and value.</p>
      </Show>

      <fieldset disabled={!editable()}>
        <legend>The funnel per period</legend>
        <div class="funnel-row">
          <Num
            label="Period (days)"
            value={periodDays()}
            set={(v) => setPeriodDays(Math.max(1, Math.round(v)))}
            name="periodDays"
          />
          <Num label="Traffic" value={model.traffic} set={(v) => setModel('traffic', v)} name="traffic" />
          <Num label="Spend" value={model.spend} set={(v) => setModel('spend', v)} name="spend" />
        </div>
        <For each={model.stages}>
          {(s, i) => (
            <div class="funnel-row">
              <label>
                Stage {i() + 1}
                <input
                  name={`stage-${i()}-name`}
                  value={s.name}
                  onChange={(e) => setModel('stages', i(), 'name', e.currentTarget.value.trim() || s.name)}
                />
              </label>
              <Num
                label="Rate (%)"
                value={s.rate * 100}
                set={(v) => setModel('stages', i(), 'rate', Math.min(1, Math.max(0, v / 100)))}
                name={`stage-${i()}-rate`}
              />
              <button
                type="button"
                class="link"
                aria-label={`Remove stage ${s.name}`}
                disabled={model.stages.length < 2}
                onClick={() => setModel('stages', (list) => list.filter((_, j) => j !== i()))}
              >
                Remove
              </button>
            </div>
          )}
        </For>
        <button
          type="button"
          class="button"
          onClick={() => setModel('stages', (list) => [...list, { name: `stage ${list.length + 1}`, rate: 0.5 }])}
        >
          + Stage
        </button>
        <div class="funnel-row">
          <Num label="Value per conversion" value={model.value} set={(v) => setModel('value', v)} name="value" />
          <Num
            label="Margin (%)"
            value={(model.margin ?? 1) * 100}
            set={(v) => setModel('margin', Math.min(1, Math.max(0, v / 100)))}
            name="margin"
          />
          <Num
            label="Elasticity"
            value={model.elasticity ?? 1}
            set={(v) => setModel('elasticity', Math.min(3, Math.max(0, v)))}
            name="elasticity"
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>Scenario</legend>
        <label>
          Name
          <input name="scenario-name" value={draft.name} onInput={(e) => setDraft('name', e.currentTarget.value)} />
        </label>
        <For each={draft.changes}>
          {(c, i) => (
            <div class="funnel-row">
              <label>
                Moves
                <select value={c.target} onChange={(e) => setDraft('changes', i(), 'target', e.currentTarget.value)}>
                  <For each={targets()}>{(t) => <option value={t}>{t}</option>}</For>
                </select>
              </label>
              <label>
                By
                <select
                  value={c.relative !== undefined ? 'relative' : 'absolute'}
                  onChange={(e) =>
                    setDraft(
                      'changes',
                      i(),
                      e.currentTarget.value === 'relative'
                        ? { target: c.target, relative: 0 }
                        : { target: c.target, absolute: 0 },
                    )
                  }
                >
                  <option value="relative">%</option>
                  <option value="absolute">{isRate(c.target) ? 'points' : 'amount'}</option>
                </select>
              </label>
              <Num
                label="Change"
                value={
                  c.relative !== undefined
                    ? c.relative * 100
                    : isRate(c.target)
                      ? (c.absolute ?? 0) * 100
                      : (c.absolute ?? 0)
                }
                set={(v) =>
                  setDraft(
                    'changes',
                    i(),
                    c.relative !== undefined
                      ? { target: c.target, relative: v / 100 }
                      : { target: c.target, absolute: isRate(c.target) ? v / 100 : v },
                  )
                }
                name={`change-${i()}`}
              />
              <button
                type="button"
                class="link"
                aria-label={`Remove change ${i() + 1}`}
                onClick={() => setDraft('changes', (l) => l.filter((_, j) => j !== i()))}
              >
                Remove
              </button>
            </div>
          )}
        </For>
        <div class="row">
          <button
            type="button"
            class="button"
            onClick={() => setDraft('changes', (l) => [...l, { target: 'traffic', relative: 0.1 }])}
          >
            + Change
          </button>
          <button type="button" class="button" disabled={'error' in draftResult()} onClick={keepScenario}>
            Keep scenario
          </button>
        </div>
      </fieldset>

      <h2>Compare</h2>
      <div class="funnel-grid" data-testid="scenario-grid">
        <Show when={baseMetrics()} fallback={<p class="error">{(base() as { error: string }).error}</p>}>
          {(b) => <Result title="Today" m={b()} />}
        </Show>
        <For each={scenarios}>
          {(s) => (
            <ScenarioCard
              title={s.name}
              changes={s.changes}
              result={run(s.changes)}
              base={baseMetrics()}
              onEdit={() => setDraft(structuredClone(unwrap(s)))}
              onRemove={editable() ? () => setScenarios((l) => l.filter((x) => x.id !== s.id)) : undefined}
            />
          )}
        </For>
        <ScenarioCard
          title={`${draft.name} (editing)`}
          changes={draft.changes}
          result={draftResult()}
          base={baseMetrics()}
        />
      </div>

      <h2>Stress tests</h2>
      <p class="muted">One tap applies a shock on top of the scenario you are editing.</p>
      <div class="row" role="group" aria-label="Stress tests">
        <For each={STRESS_TESTS}>
          {(t) => (
            <button
              type="button"
              class="button"
              aria-pressed={stress() === t.key}
              title={t.explain}
              onClick={() => setStress(stress() === t.key ? null : t.key)}
            >
              {t.label}
            </button>
          )}
        </For>
      </div>
      <Show when={stressed()} keyed>
        {(r) => {
          if ('error' in r) return <p class="error">{r.error}</p>;
          const label = STRESS_TESTS.find((t) => t.key === stress())!;
          const draftM = () =>
            'metrics' in draftResult() ? (draftResult() as { metrics: FunnelMetrics }).metrics : null;
          return (
            <div class="stack" data-testid="stress-result">
              <p>
                <strong>{label.label}</strong> ({label.explain}): profit {money(r.metrics.profit)}, CAC{' '}
                {money(r.metrics.cpa)}, ROAS {formatRatio(r.metrics.roas)}.
              </p>
              <Show when={crossings(r.metrics, guardrails()).length === 0}>
                <p class="muted">
                  This objective has no CAC ceiling or ROAS floor: set them on the objective to see the lines.
                </p>
              </Show>
              <For each={crossings(r.metrics, guardrails())}>
                {(c) => (
                  <>
                    <p class={c.crossed ? 'crossed' : 'held'} data-testid={`guardrail-${c.guardrail}`}>
                      {c.guardrail === 'cacMax'
                        ? `CAC ${money(c.value)} ${c.crossed ? 'crosses' : 'stays under'} the ceiling of ${money(c.limit)}`
                        : `ROAS ${formatRatio(c.value)} ${c.crossed ? 'falls below' : 'stays above'} the floor of ${formatRatio(c.limit)}`}
                    </p>
                    <GuardrailChart
                      title={c.guardrail === 'cacMax' ? 'CAC against the ceiling' : 'ROAS against the floor'}
                      kind={c.guardrail === 'cacMax' ? 'ceiling' : 'floor'}
                      money={c.guardrail === 'cacMax'}
                      limit={c.limit}
                      rows={[
                        {
                          label: 'Today',
                          value:
                            c.guardrail === 'cacMax' ? (baseMetrics()?.cpa ?? null) : (baseMetrics()?.roas ?? null),
                        },
                        {
                          label: 'Scenario',
                          value: c.guardrail === 'cacMax' ? (draftM()?.cpa ?? null) : (draftM()?.roas ?? null),
                        },
                        { label: 'Stressed', value: c.value },
                      ]}
                    />
                  </>
                )}
              </For>
            </div>
          );
        }}
      </Show>

      <h2>What moves profit most</h2>
      <Show
        when={showTornado()}
        fallback={
          <button type="button" class="button" onClick={() => setShowTornado(true)}>
            Show the tornado chart
          </button>
        }
      >
        <Show when={'funnel' in base() && base()}>
          {(b) => (
            <Suspense fallback={<Loading label="Drawing…" />}>
              <Tornado funnel={(b() as { funnel: Funnel }).funnel} />
            </Suspense>
          )}
        </Show>
      </Show>

      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <Show
        when={editable()}
        fallback={<p class="muted">Leads save the funnel; you can try scenarios here without saving.</p>}
      >
        <button type="button" class="button primary" disabled={busy() || 'error' in base()} onClick={() => void save()}>
          {busy() ? 'Saving…' : 'Save funnel and scenarios'}
        </button>
      </Show>
    </section>
  );
}

function Num(props: { label: string; value: number; set: (v: number) => void; name: string }) {
  return (
    <label>
      {props.label}
      <input
        type="number"
        step="any"
        inputMode="decimal"
        name={props.name}
        value={Number.isFinite(props.value) ? Math.round(props.value * 1e6) / 1e6 : ''}
        onChange={(e) => {
          const v = Number(e.currentTarget.value);
          if (e.currentTarget.value !== '' && Number.isFinite(v) && v >= (props.name.startsWith('change') ? -1e12 : 0))
            props.set(v);
        }}
      />
    </label>
  );
}

function Overview(props: { data: Data }) {
  const b = () => props.data.budget;
  const p = () => props.data.pace;
  return (
    <div class="card" data-testid="objective-money">
      <p>
        <Show
          when={b().envelope != null}
          fallback={<>Spent on tests so far: {money(b().spent)} (no budget envelope set).</>}
        >
          Spent {money(b().spent)} of the {money(b().envelope)} envelope ({Math.round((b().share ?? 0) * 100)}%)
          {b().over ? ' — over budget.' : '.'}
        </Show>
      </p>
      <p>
        Primary metric:{' '}
        {p().status === 'on_pace'
          ? 'on pace'
          : p().status === 'behind'
            ? 'behind pace'
            : p().status === 'reached'
              ? 'target reached'
              : 'pace unknown'}
        <Show when={p().status !== 'reached'}>
          {' '}
          <span class="muted">({p().reason})</span>
        </Show>
      </p>
    </div>
  );
}

function Result(props: { title: string; m: FunnelMetrics; delta?: ReturnType<typeof funnelDelta> }) {
  const d = (k: 'conversions' | 'revenue' | 'cpa' | 'roas' | 'profit') =>
    props.delta ? <span class="muted small"> {signedPct(props.delta[k])}</span> : null;
  return (
    <article class="card">
      <h3>{props.title}</h3>
      <dl>
        <dt>Conversions</dt>
        <dd>
          {formatCount(props.m.conversions, 1)}
          {d('conversions')}
        </dd>
        <dt>Revenue</dt>
        <dd>
          {money(props.m.revenue)}
          {d('revenue')}
        </dd>
        <dt>CAC</dt>
        <dd>
          {money(props.m.cpa)}
          {d('cpa')}
        </dd>
        <dt>ROAS</dt>
        <dd>
          {formatRatio(props.m.roas)}
          {d('roas')}
        </dd>
        <dt>Profit</dt>
        <dd>
          {money(props.m.profit)}
          {d('profit')}
        </dd>
      </dl>
    </article>
  );
}

function ScenarioCard(props: {
  title: string;
  changes: FunnelChange[];
  result: ReturnType<typeof safely>;
  base: FunnelMetrics | null;
  onEdit?: () => void;
  onRemove?: () => void;
}) {
  return (
    <div>
      <Show
        when={'metrics' in props.result && props.result}
        fallback={<p class="error">{(props.result as { error: string }).error}</p>}
      >
        {(r) => (
          <Result
            title={props.title}
            m={(r() as { metrics: FunnelMetrics }).metrics}
            delta={props.base ? funnelDelta(props.base, (r() as { metrics: FunnelMetrics }).metrics) : undefined}
          />
        )}
      </Show>
      <p class="small muted">{props.changes.length ? props.changes.map(describeChange).join(', ') : 'no changes'}</p>
      <div class="row">
        <Show when={props.onEdit}>
          <button type="button" class="link" onClick={() => props.onEdit?.()}>
            Edit
          </button>
        </Show>
        <Show when={props.onRemove}>
          <button type="button" class="link" onClick={() => props.onRemove?.()}>
            Remove
          </button>
        </Show>
      </div>
    </div>
  );
}
