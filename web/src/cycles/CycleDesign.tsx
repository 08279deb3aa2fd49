import '../zod-jitless';
import { A, useNavigate, useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { describeRule } from '../../../worker/rules/describe';
import type { DecisionRule } from '../../../worker/rules/schema';
import { sampleSizeProportion } from '../../../worker/stats';
import { api, call, can, HttpError, type Cycle } from '../api';
import { cycles, hypotheses, me, metrics, upsertCycle } from '../data';
import { ErrorBox, Loading, toast } from '../ui';
import { CostOfTest } from '../money';
import { currencySymbol } from '../ui/labels';
import { asPercent, mergeRule } from './design-body';
import { fieldProblems, type Problem, showProblem } from './design-validity';

type Variant = Cycle['variants'][number];
type Guardrail = DecisionRule['guardrails'][number];
type Design = {
  name: string;
  change: string;
  audience: string;
  variants: Variant[];
  primaryMetricId: string;
  secondaryMetricIds: string[];
  guardrails: Guardrail[];
  method: 'frequentist' | 'sequential' | 'bayesian';
  alpha: number;
  minChanceToBeat: number;
  minRelativeLift: number;
  minDays: number;
  minUnitsPerVariant: number;
  plannedSampleSizePerVariant: number | null;
  budget: number | null;
  cpaCeiling: number | null;
  roasFloor: number | null;
  baselineRate: number;
  relativeMde: number;
  dailyUnits: number;
};

export default function CycleDesign() {
  const params = useParams<{ id?: string; hypothesisId?: string }>();
  const navigate = useNavigate();
  const [existing] = createResource(
    () => params.id,
    async (id) => cycles().find((c) => c.id === id) ?? (await call(api.cycles[':id'].$get({ param: { id } }))),
  );
  return (
    <Show
      when={!params.id || existing()}
      fallback={
        <Show when={existing.error} fallback={<Loading />}>
          <ErrorBox error={existing.error} />
        </Show>
      }
    >
      <DesignForm
        cycle={existing()}
        hypothesisId={params.hypothesisId ?? existing()?.hypothesisId ?? ''}
        done={(c) => navigate(c.status === 'draft' ? `/cycles/${c.id}/design` : `/cycles/${c.id}`)}
      />
    </Show>
  );
}

function DesignForm(props: { cycle: Cycle | undefined; hypothesisId: string; done: (c: Cycle) => void }) {
  const hypothesis = () => hypotheses().find((h) => h.id === props.hypothesisId);
  const c = props.cycle;
  const rule = (c?.decisionRule ?? null) as Partial<DecisionRule> | null;
  const [d, setD] = createStore<Design>({
    name: c?.name ?? hypothesis()?.title ?? '',
    change: c?.change ?? hypothesis()?.change ?? '',
    audience: c?.audience ?? hypothesis()?.audience ?? '',
    // Whole stored objects, so fields this screen doesn't show (a variant's description, a guardrail's scale) survive.
    variants: c?.variants.map((v) => ({ ...v })) ?? [
      { key: 'control', name: 'Control', weight: 50 },
      { key: 'b', name: 'Variant B', weight: 50 },
    ],
    primaryMetricId: rule?.primaryMetricId ?? hypothesis()?.metricId ?? metrics()[0]?.id ?? '',
    secondaryMetricIds: c?.secondaryMetricIds ?? [],
    guardrails: rule?.guardrails?.map((g) => ({ ...g })) ?? [],
    method: rule?.method ?? 'frequentist',
    alpha: rule?.alpha ?? 0.05,
    minChanceToBeat: rule?.minChanceToBeat ?? 0.95,
    minRelativeLift: rule?.minRelativeLift ?? 0,
    minDays: rule?.minDays ?? 7,
    minUnitsPerVariant: rule?.minUnitsPerVariant ?? 0,
    plannedSampleSizePerVariant: rule?.plannedSampleSizePerVariant ?? c?.plannedSampleSize ?? null,
    budget: c?.budget ?? null,
    cpaCeiling: rule?.money?.cpaCeiling ?? null,
    roasFloor: rule?.money?.roasFloor ?? null,
    baselineRate: 0.03,
    relativeMde: 0.1,
    dailyUnits: 1000,
  });
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [problems, setProblems] = createSignal<Problem[]>([]);
  let formEl: HTMLFormElement | undefined;
  let launchDialog: HTMLDialogElement | undefined;
  // The record as last saved: a second save of the same screen patches it with its new version (not a new create).
  const [stored, setStored] = createSignal(c);
  const launched = () => !!c && c.status !== 'draft';
  // Viewers read a draft design; only members and up may change it (the API refuses them too).
  const locked = () => launched() || !can(me(), 'member');

  const decisionRule = () =>
    mergeRule(stored()?.decisionRule as Partial<DecisionRule> | null, {
      primaryMetricId: d.primaryMetricId,
      method: d.method,
      alpha: d.alpha,
      minChanceToBeat: d.minChanceToBeat,
      minRelativeLift: d.minRelativeLift,
      guardrails: unwrap(d.guardrails).map((g) => ({ ...g })),
      cpaCeiling: d.cpaCeiling,
      roasFloor: d.roasFloor,
      minUnitsPerVariant: d.minUnitsPerVariant,
      minDays: d.minDays,
      plannedSampleSizePerVariant: d.plannedSampleSizePerVariant,
    });
  const ruleText = () =>
    d.primaryMetricId
      ? describeRule(decisionRule(), metrics(), d.variants.length - 1, me()?.currency ?? undefined)
      : 'Choose a primary metric to write the rule.';
  const plan = createMemo(() => {
    try {
      return sampleSizeProportion({
        baselineRate: d.baselineRate,
        relativeMde: d.relativeMde,
        alpha: d.alpha,
        power: 0.8,
        variants: d.variants.length,
        dailyUnits: d.dailyUnits,
      });
    } catch (err) {
      return err instanceof Error ? err.message : 'Cannot compute';
    }
  });

  const body = () => ({
    name: d.name.trim(),
    change: d.change.trim() || null,
    audience: d.audience.trim() || null,
    variants: unwrap(d.variants).map((v) => ({ ...v })),
    secondaryMetricIds: d.secondaryMetricIds.filter((id) => id !== d.primaryMetricId),
    decisionRule: d.primaryMetricId ? decisionRule() : null,
    minDays: d.minDays,
    plannedSampleSize: d.plannedSampleSizePerVariant,
    budget: d.budget,
  });

  /** The browser's own checks, shown in words: the first bad field scrolls into view below the sticky header. */
  const checked = () => {
    const found = formEl ? fieldProblems(formEl) : [];
    setProblems(found);
    if (found[0]) showProblem(found[0]);
    return found.length === 0;
  };
  const run = async (fn: () => Promise<Cycle>) => {
    setBusy(true);
    setError(undefined);
    setProblems([]);
    try {
      const saved = await fn();
      upsertCycle(saved);
      setStored(saved);
      return saved;
    } catch (err) {
      setError(err instanceof HttpError ? err.message : 'You need to be online to design a test.');
      if (err instanceof HttpError && formEl) {
        const named = fieldProblems(formEl, err.fields);
        setProblems(named);
        if (named[0]) showProblem(named[0]);
      }
      return null;
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    if (!checked()) return Promise.resolve(null);
    const current = stored();
    return run(() =>
      current
        ? call(api.cycles[':id'].$patch({ param: { id: current.id }, json: { ...body(), version: current.version } }))
        : call(
            api.cycles.$post({
              json: {
                ...body(),
                id: crypto.randomUUID(),
                hypothesisId: props.hypothesisId,
                objectiveId: hypothesis()?.objectiveId ?? null,
              },
            }),
          ),
    );
  };
  const askToLaunch = () => {
    if (checked()) launchDialog?.showModal();
  };
  const saveAndLaunch = async () => {
    launchDialog?.close();
    const saved = await save();
    if (!saved) return;
    const launched = await run(() =>
      call(api.cycles[':id'].launch.$post({ param: { id: saved.id }, json: { version: saved.version } })),
    );
    if (launched) {
      toast('Launched — the decision rule is now locked');
      props.done(launched);
    } else props.done(saved);
  };

  return (
    <section>
      <p class="muted">
        <A href="/cycles">← Cycles</A>
      </p>
      <h1>{c ? 'Test design' : 'Design a test'}</h1>
      <Show when={hypothesis()}>{(h) => <p class="muted">For: {h().title}</p>}</Show>
      <form
        class="stack"
        noValidate
        ref={formEl}
        aria-label="Test design"
        onSubmit={(e) => {
          e.preventDefault();
          void save().then((s) => {
            if (!s) return;
            toast(`Draft saved: ${s.name}`);
            props.done(s);
          });
        }}
      >
        <fieldset disabled={locked()}>
          <legend>Action</legend>
          <label>
            Test name
            <input
              name="name"
              required
              maxLength={200}
              value={d.name}
              onInput={(e) => setD('name', e.currentTarget.value)}
            />
          </label>
          <label>
            What changes
            <textarea name="change" rows="2" value={d.change} onInput={(e) => setD('change', e.currentTarget.value)} />
          </label>
          <label>
            Audience
            <input name="audience" value={d.audience} onInput={(e) => setD('audience', e.currentTarget.value)} />
          </label>
          <label>
            Budget ({currencySymbol()})
            <input
              name="budget"
              type="number"
              min="0"
              inputMode="decimal"
              value={d.budget ?? ''}
              onInput={(e) => setD('budget', e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
            />
          </label>
        </fieldset>
        <fieldset disabled={locked()}>
          <legend>Variants and allocation (control first)</legend>
          <For each={d.variants}>
            {(v, i) => (
              <div class="row variant">
                <label>
                  Key
                  <input
                    name={`variants.${i()}.key`}
                    required
                    value={v.key}
                    pattern="[A-Za-z0-9_\-]{1,32}"
                    onInput={(e) => setD('variants', i(), 'key', e.currentTarget.value)}
                  />
                </label>
                <label class="grow">
                  Name
                  <input
                    name={`variants.${i()}.name`}
                    required
                    maxLength={80}
                    value={v.name}
                    onInput={(e) => setD('variants', i(), 'name', e.currentTarget.value)}
                  />
                </label>
                <label>
                  Weight
                  <input
                    name={`variants.${i()}.weight`}
                    type="number"
                    min="1"
                    max="1000"
                    step="any"
                    value={v.weight}
                    onInput={(e) => setD('variants', i(), 'weight', Number(e.currentTarget.value) || 1)}
                  />
                </label>
                <Show when={i() > 1}>
                  <button
                    type="button"
                    aria-label={`Remove ${v.name}`}
                    onClick={() =>
                      setD(
                        'variants',
                        d.variants.filter((_, j) => j !== i()),
                      )
                    }
                  >
                    ×
                  </button>
                </Show>
              </div>
            )}
          </For>
          <Show when={d.variants.length < 8}>
            <button
              type="button"
              onClick={() =>
                setD('variants', [
                  ...d.variants,
                  {
                    key: String.fromCharCode(97 + d.variants.length),
                    name: `Variant ${String.fromCharCode(65 + d.variants.length)}`,
                    weight: 50,
                  },
                ])
              }
            >
              + Add variant
            </button>
          </Show>
        </fieldset>
        <fieldset disabled={locked()}>
          <legend>Metrics</legend>
          <label>
            Primary metric (the rule judges this one)
            <select
              name="primaryMetricId"
              value={d.primaryMetricId}
              onChange={(e) => setD('primaryMetricId', e.currentTarget.value)}
            >
              <option value="">Choose…</option>
              {/* `selected` per option: the select's value alone is set before its options exist, so a reopened
                  draft showed "Choose…". */}
              <For each={metrics()}>
                {(m) => (
                  <option value={m.id} selected={m.id === d.primaryMetricId}>
                    {m.name}
                  </option>
                )}
              </For>
            </select>
          </label>
          <fieldset class="checks">
            <legend>Secondary metrics (watched, not judged)</legend>
            <For each={metrics().filter((m) => m.id !== d.primaryMetricId)}>
              {(m) => (
                <label class="check">
                  <input
                    type="checkbox"
                    checked={d.secondaryMetricIds.includes(m.id)}
                    onChange={(e) =>
                      setD(
                        'secondaryMetricIds',
                        e.currentTarget.checked
                          ? [...d.secondaryMetricIds, m.id]
                          : d.secondaryMetricIds.filter((x) => x !== m.id),
                      )
                    }
                  />{' '}
                  {m.name}
                </label>
              )}
            </For>
          </fieldset>
          <For each={d.guardrails}>
            {(g, i) => (
              <div class="row">
                <label class="grow">
                  Guardrail metric
                  <select
                    name={`decisionRule.guardrails.${i()}.metricId`}
                    value={g.metricId}
                    onChange={(e) => setD('guardrails', i(), 'metricId', e.currentTarget.value)}
                  >
                    <option value="">Choose…</option>
                    <For each={metrics()}>
                      {(m) => (
                        <option value={m.id} selected={m.id === g.metricId}>
                          {m.name}
                        </option>
                      )}
                    </For>
                  </select>
                </label>
                <label>
                  {g.scale === 'absolute' ? 'May worsen by at most (points)' : 'May worsen by at most (%)'}
                  <input
                    name={`decisionRule.guardrails.${i()}.maxWorsening`}
                    type="number"
                    min="0"
                    max="10000"
                    step="any"
                    value={asPercent(g.maxWorsening)}
                    onInput={(e) => setD('guardrails', i(), 'maxWorsening', Number(e.currentTarget.value) / 100)}
                  />
                </label>
                <button
                  type="button"
                  aria-label="Remove guardrail"
                  onClick={() =>
                    setD(
                      'guardrails',
                      d.guardrails.filter((_, j) => j !== i()),
                    )
                  }
                >
                  ×
                </button>
              </div>
            )}
          </For>
          <button
            type="button"
            onClick={() =>
              setD('guardrails', [...d.guardrails, { metricId: '', maxWorsening: 0.1, scale: 'relative' }])
            }
          >
            + Add guardrail
          </button>
        </fieldset>
        <fieldset disabled={locked()}>
          <legend>Decision rule</legend>
          <label>
            Method
            <select
              name="method"
              value={d.method}
              onChange={(e) => setD('method', e.currentTarget.value as Design['method'])}
            >
              <option value="frequentist">Fixed horizon (p-value, read once at the end)</option>
              <option value="sequential">Sequential (safe to peek)</option>
              <option value="bayesian">Bayesian (chance to beat control)</option>
            </select>
          </label>
          <Show
            when={d.method === 'bayesian'}
            fallback={
              <label>
                Significance level α
                <input
                  name="alpha"
                  type="number"
                  inputMode="decimal"
                  step="any"
                  min="0.001"
                  max="0.2"
                  value={d.alpha}
                  onInput={(e) => setD('alpha', Number(e.currentTarget.value))}
                />
              </label>
            }
          >
            <label>
              Minimum chance to beat control (%)
              <input
                name="minChanceToBeat"
                type="number"
                min="50"
                max="99.9"
                step="any"
                value={asPercent(d.minChanceToBeat)}
                onInput={(e) => setD('minChanceToBeat', Number(e.currentTarget.value) / 100)}
              />
            </label>
          </Show>
          <label>
            Minimum lift worth shipping (%)
            <input
              name="minRelativeLift"
              type="number"
              min="0"
              max="1000"
              step="any"
              value={asPercent(d.minRelativeLift)}
              onInput={(e) => setD('minRelativeLift', Number(e.currentTarget.value) / 100)}
            />
          </label>
          <label>
            Run at least (days)
            <input
              name="minDays"
              type="number"
              min="0"
              max="365"
              value={d.minDays}
              onInput={(e) => setD('minDays', Number(e.currentTarget.value) || 0)}
            />
          </label>
          <label>
            And at least (units per variant)
            <input
              name="minUnitsPerVariant"
              type="number"
              min="0"
              value={d.minUnitsPerVariant}
              onInput={(e) => setD('minUnitsPerVariant', Number(e.currentTarget.value) || 0)}
            />
          </label>
          <label>
            CPA ceiling ({currencySymbol()} per conversion, optional)
            <input
              name="cpaCeiling"
              type="number"
              min="0.01"
              step="any"
              inputMode="decimal"
              value={d.cpaCeiling ?? ''}
              onInput={(e) => setD('cpaCeiling', e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
            />
          </label>
          <label>
            ROAS floor (revenue per {currencySymbol()} spent, optional)
            <input
              name="roasFloor"
              type="number"
              min="0.01"
              step="any"
              inputMode="decimal"
              value={d.roasFloor ?? ''}
              onInput={(e) => setD('roasFloor', e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
            />
          </label>
          <p class="statement" data-testid="rule-text" aria-live="polite">
            {ruleText()}
          </p>
        </fieldset>
        <fieldset disabled={locked()}>
          <legend>Sample size and duration</legend>
          <div class="row">
            <label>
              Baseline rate (%)
              <input
                name="baselineRate"
                type="number"
                step="any"
                min="0.01"
                max="99"
                value={asPercent(d.baselineRate)}
                onInput={(e) => setD('baselineRate', Number(e.currentTarget.value) / 100)}
              />
            </label>
            <label>
              Smallest lift to detect (%)
              <input
                name="relativeMde"
                type="number"
                step="any"
                min="0.1"
                value={asPercent(d.relativeMde)}
                onInput={(e) => setD('relativeMde', Number(e.currentTarget.value) / 100)}
              />
            </label>
            <label>
              Units per day (all variants)
              <input
                name="dailyUnits"
                type="number"
                min="1"
                value={d.dailyUnits}
                onInput={(e) => setD('dailyUnits', Number(e.currentTarget.value) || 1)}
              />
            </label>
          </div>
          <Show when={typeof plan() === 'object' && plan()} fallback={<p class="error">{String(plan())}</p>}>
            {(p) => {
              const pl = p() as { perVariant: number; total: number; days: number | null };
              return (
                <p>
                  Needs <strong>{pl.perVariant.toLocaleString()}</strong> units per variant ({pl.total.toLocaleString()}{' '}
                  in all)
                  <Show when={pl.days != null}>
                    , about <strong>{pl.days}</strong> days
                  </Show>{' '}
                  at 80% power.{' '}
                  <button
                    type="button"
                    class="link"
                    onClick={() => {
                      setD('plannedSampleSizePerVariant', pl.perVariant);
                      if (pl.days != null) setD('minDays', Math.max(d.minDays, Math.min(365, pl.days)));
                    }}
                  >
                    Use this plan
                  </button>
                </p>
              );
            }}
          </Show>
          <CostOfTest
            hypothesis={hypothesis()}
            budget={d.budget}
            days={d.minDays}
            dailyUnits={d.dailyUnits}
            variants={d.variants}
          />
          <label>
            Planned units per variant
            <input
              name="plannedSampleSizePerVariant"
              type="number"
              min="1"
              value={d.plannedSampleSizePerVariant ?? ''}
              onInput={(e) =>
                setD('plannedSampleSizePerVariant', e.currentTarget.value === '' ? null : Number(e.currentTarget.value))
              }
            />
          </label>
        </fieldset>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <ProblemList problems={problems()} />
        <Show
          when={!locked()}
          fallback={
            <Show
              when={launched()}
              fallback={<p class="muted">A draft design: members and leads edit it; you can read it.</p>}
            >
              <p class="muted">
                Launched: the design and rule are locked. <A href={`/cycles/${c?.id}`}>See results →</A>
              </p>
            </Show>
          }
        >
          <div class="row">
            <button type="submit" disabled={busy() || !can(me(), 'member')}>
              {busy() ? 'Saving…' : 'Save draft'}
            </button>
            <Show when={can(me(), 'lead')}>
              <button type="button" class="primary" disabled={busy()} onClick={askToLaunch}>
                Launch (locks the rule)
              </button>
            </Show>
          </div>
        </Show>
      </form>
      <dialog ref={launchDialog} class="dialog" aria-labelledby="launch-title">
        <h2 id="launch-title">Launch this test?</h2>
        <p>Launching saves the design and locks the decision rule; the result will be judged by it:</p>
        <p class="statement">{ruleText()}</p>
        <div class="row">
          <button type="button" class="primary" onClick={() => void saveAndLaunch()}>
            Launch and lock the rule
          </button>
          <button type="button" onClick={() => launchDialog?.close()}>
            Not yet
          </button>
        </div>
      </dialog>
    </section>
  );
}

/** Every problem in words, each a button that takes you to its field. */
function ProblemList(props: { problems: Problem[] }) {
  return (
    <Show when={props.problems.length > 0}>
      <div class="error" role="alert" data-testid="design-problems">
        <p>{props.problems.length === 1 ? 'One field needs a fix' : `${props.problems.length} fields need a fix`}:</p>
        <ul>
          <For each={props.problems}>
            {(p) => (
              <li>
                <button type="button" class="link" onClick={() => showProblem(p)}>
                  {p.label}
                </button>
                : {p.message}
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  );
}
