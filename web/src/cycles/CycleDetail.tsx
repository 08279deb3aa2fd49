import { A, useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { api, call, can, HttpError, type Cycle, type Snapshot } from '../api';
import { LiftChart, TimeChart } from '../ui/charts';
import { cycles, me, metrics, ops, queueSnapshot, refresh, upsertCycle, watchedMetrics } from '../data';
import { metricViews, progressOf, ruleChecks, ruleTextOf, spendOf, srmMismatch, verdictOf } from './evidence';
import { decisionLabel, DECISIONS, money, pct, statusLabel, today } from '../ui/labels';
import { ErrorBox, Loading, toast } from '../ui';
import { ResultsImport } from './ResultsImport';
import { Comments } from '../comments';

export default function CycleDetail() {
  const params = useParams<{ id: string }>();
  const [cycle, { mutate }] = createResource(
    () => params.id,
    async (id) => {
      try {
        const fresh = await call(api.cycles[':id'].$get({ param: { id } }));
        upsertCycle(fresh);
        return fresh;
      } catch (err) {
        const cached = cycles().find((c) => c.id === id);
        if (cached) return cached;
        throw err;
      }
    },
  );
  const [analysis, { refetch: reanalyze }] = createResource(
    () => cycle() && cycle()!.status !== 'draft' && cycle()!.id,
    (id) => call(api.cycles[':id'].analysis.$get({ param: { id } })),
  );
  const [snapshots, { refetch: refetchSnapshots }] = createResource(
    () => cycle()?.id,
    (id) =>
      call(api.cycles[':id'].snapshots.$get({ param: { id } }))
        .then((r) => r.items)
        .catch(() => [] as Snapshot[]),
  );
  const reload = () => {
    void reanalyze();
    void refetchSnapshots();
  };

  return (
    <Show
      when={cycle()}
      fallback={
        <Show when={cycle.error} fallback={<Loading label="Loading the test…" />}>
          <ErrorBox error={cycle.error} />
        </Show>
      }
    >
      {(c) => (
        <section>
          <p class="muted">
            <A href="/cycles">← Cycles</A>
          </p>
          <h1>{c().name}</h1>
          <p>
            <span class={`status s-${c().status}`}>{statusLabel[c().status]}</span>{' '}
            {c()
              .variants.map((v) => `${v.name} (${v.weight})`)
              .join(' vs ')}
            <Show when={c().status === 'draft'}>
              {' '}
              · <A href={`/cycles/${c().id}/design`}>Edit design</A>
            </Show>
          </p>
          <Show when={c().status !== 'draft'}>
            <Show
              when={analysis()}
              fallback={
                <Show when={analysis.error} fallback={<Loading label="Analysing results…" />}>
                  <ErrorBox error={analysis.error} retry={reanalyze} />
                </Show>
              }
            >
              {(a) => <Analysis analysis={a()} />}
            </Show>
            <OverTime cycle={c()} snapshots={snapshots() ?? []} />
            <Show when={can(me(), 'member') && (c().status === 'running' || c().status === 'review')}>
              <A href={`/cycles/${c().id}/import`} class="button" data-testid="import-link">
                Import from ad platform
              </A>
              <SnapshotForm cycle={c()} onSaved={reload} />
              <ResultsImport cycle={c()} onSaved={reload} />
            </Show>
            <Show when={can(me(), 'lead') && (c().status === 'running' || c().status === 'review')}>
              <CloseForm
                cycle={c()}
                verdict={verdictOf(analysis()).decision}
                onClosed={(closed) => {
                  mutate(closed);
                  void refresh();
                }}
              />
            </Show>
            <Show when={c().status === 'closed'}>
              <p>
                Closed with <strong>{decisionLabel[c().decision ?? ''] ?? c().decision}</strong>.{' '}
                {c().overrideReason ? `Override reason: ${c().overrideReason}` : ''}
              </p>
              <p>{c().learningText}</p>
            </Show>
          </Show>
          <Comments targetType="cycle" targetId={c().id} />
        </section>
      )}
    </Show>
  );
}

function Analysis(props: { analysis: unknown }) {
  const views = () => metricViews(props.analysis);
  const verdict = () => verdictOf(props.analysis);
  const progress = () => progressOf(props.analysis);
  const checks = () => ruleChecks(props.analysis);
  return (
    <div class="stack">
      <Show when={ruleTextOf(props.analysis)}>
        <p class="statement">Rule: {ruleTextOf(props.analysis)}</p>
      </Show>
      <div class={`verdict v-${verdict().decision ?? 'none'}`} data-testid="verdict">
        <strong>The rule says: {decisionLabel[verdict().decision ?? ''] ?? 'not enough data'}</strong>
        <ul>
          <For each={verdict().reasons}>{(r) => <li>{r}</li>}</For>
        </ul>
      </div>
      <div>
        <p>
          Day {progress().daysRunning ?? 0} of at least {progress().minDays ?? '?'}
          <Show when={(progress().daysLeft ?? 0) > 0}> — {progress().daysLeft} days left</Show>
          <Show when={progress().unitsLeft != null && progress().unitsLeft! > 0}>
            {' '}
            · {progress().unitsLeft!.toLocaleString()} units per variant still to go
          </Show>
        </p>
        <progress
          max="1"
          value={Math.min(1, progress().fraction ?? 0)}
          aria-label="Progress towards the planned sample and duration"
        />
        <Show when={srmMismatch(props.analysis)}>
          <p class="error" role="alert">
            Sample ratio mismatch: the traffic split is off — check the setup before trusting the result.
          </p>
        </Show>
        <Show when={spendOf(props.analysis) != null}>
          <p>Spend so far: {money(spendOf(props.analysis))}</p>
        </Show>
      </div>
      <Show when={checks().length > 0}>
        <ul class="checks-list" aria-label="Decision rule status">
          <For each={checks()}>
            {(ch) => (
              <li class={`check-${ch.status}`}>
                <span class="sr-only">{ch.status.replace(/_/g, ' ')}: </span>
                <span aria-hidden="true">{ch.status === 'met' ? '✓' : ch.status === 'not_met' ? '✗' : '…'}</span>{' '}
                {ch.check}: {ch.detail}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <LiftChart
        title="Lift vs control (primary and secondary)"
        metrics={views().filter((m) => m.role !== 'guardrail')}
      />
      <Show when={views().some((m) => m.role === 'guardrail')}>
        <div class="guardrails">
          <LiftChart title="Guardrails (must not get worse)" metrics={views().filter((m) => m.role === 'guardrail')} />
        </div>
      </Show>
    </div>
  );
}

function OverTime(props: { cycle: Cycle; snapshots: Snapshot[] }) {
  const primaryId = () =>
    (props.cycle.decisionRule as { primaryMetricId?: string } | null)?.primaryMetricId ?? props.cycle.primaryMetricId;
  const metric = () => metrics().find((m) => m.id === primaryId());
  const series = createMemo(() =>
    props.cycle.variants.map((v) => ({
      name: v.name,
      points: props.snapshots
        .filter((s) => s.metricId === primaryId() && s.variantKey === v.key && s.units > 0)
        .map((s) => ({
          date: s.date,
          value:
            metric()?.kind === 'proportion' ? (s.conversions ?? 0) / s.units : (s.mean ?? (s.valueSum ?? 0) / s.units),
        })),
    })),
  );
  return (
    <TimeChart
      title={`${metric()?.name ?? 'Primary metric'} over time`}
      series={series()}
      format={(v) => (metric()?.kind === 'proportion' ? pct(v, 2) : v.toFixed(2))}
    />
  );
}

function SnapshotForm(props: { cycle: Cycle; onSaved: () => void }) {
  const watched = () => watchedMetrics(props.cycle);
  const [metricId, setMetricId] = createSignal(watched()[0]?.id ?? '');
  const metric = () => metrics().find((m) => m.id === metricId());
  const [date, setDate] = createSignal(today());
  const [rows, setRows] = createSignal<Record<string, Record<string, string>>>({});
  const setField = (variant: string, field: string, value: string) =>
    setRows({ ...rows(), [variant]: { ...rows()[variant], [field]: value } });
  const pendingHere = () => ops().filter((o) => o.kind === 'snapshot.create' && o.parentId === props.cycle.id).length;
  const fieldsFor = () => {
    const m = metric();
    if (!m) return [] as [string, string][];
    const f: [string, string][] = [['units', `Units (${m.unit}s)`]];
    if (m.kind === 'proportion' || m.costFormula === 'cpa') f.push(['conversions', 'Conversions']);
    if (m.kind === 'mean') f.push(['mean', 'Mean'], ['sd', 'Std. deviation']);
    if (m.kind === 'cost') f.push(['spend', 'Spend']);
    if (m.costFormula === 'roas') f.push(['revenue', 'Revenue']);
    return f;
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    for (const v of props.cycle.variants) {
      const r = rows()[v.key] ?? {};
      if (r.units === undefined || r.units === '') continue;
      const totals: Record<string, number> = {};
      for (const [k] of fieldsFor()) if (r[k] !== undefined && r[k] !== '') totals[k] = Number(r[k]);
      await queueSnapshot(props.cycle.id, {
        ...totals,
        metricId: metricId(),
        variantKey: v.key,
        date: date(),
        units: Number(r.units),
      });
    }
    setRows({});
    toast(navigator.onLine ? 'Results saved' : 'Results saved on this device — they sync when you are online');
    setTimeout(props.onSaved, 800);
  };
  return (
    <form class="stack card-form" onSubmit={(e) => void submit(e)} aria-label="Add results">
      <h2>
        Add results <span class="muted small">(cumulative totals so far)</span>
      </h2>
      <div class="row">
        <label>
          Metric
          <select name="metricId" value={metricId()} onChange={(e) => setMetricId(e.currentTarget.value)}>
            <For each={watched()}>{(m) => <option value={m.id}>{m.name}</option>}</For>
          </select>
        </label>
        <label>
          As of
          <input name="date" type="date" value={date()} max={today()} onInput={(e) => setDate(e.currentTarget.value)} />
        </label>
      </div>
      <For each={props.cycle.variants}>
        {(v) => (
          <fieldset class="row">
            <legend>{v.name}</legend>
            <For each={fieldsFor()}>
              {([k, label]) => (
                <label>
                  {label}
                  <input
                    name={`${v.key}.${k}`}
                    type="number"
                    min="0"
                    step="any"
                    inputMode="decimal"
                    value={rows()[v.key]?.[k] ?? ''}
                    onInput={(e) => setField(v.key, k, e.currentTarget.value)}
                  />
                </label>
              )}
            </For>
          </fieldset>
        )}
      </For>
      <div class="row">
        <button type="submit" class="primary">
          Save results
        </button>
        <Show when={pendingHere() > 0}>
          <span class="badge pending">{pendingHere()} waiting to sync</span>
        </Show>
      </div>
    </form>
  );
}

function CloseForm(props: { cycle: Cycle; verdict: string | null; onClosed: (c: Cycle) => void }) {
  const [decision, setDecision] = createSignal<'ship' | 'kill' | 'iterate' | ''>('');
  const [reason, setReason] = createSignal('');
  const [summary, setSummary] = createSignal('');
  const [nextSteps, setNextSteps] = createSignal('');
  const [followUps, setFollowUps] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const override = () => decision() !== '' && decision() !== props.verdict;
  const submit = async (e: Event) => {
    e.preventDefault();
    const d = decision();
    if (!d) return setError('Choose ship, kill or iterate.');
    if (override() && !reason().trim())
      return setError(
        `The rule says "${decisionLabel[props.verdict ?? ''] ?? 'not decided'}"; say why you decide "${decisionLabel[d]}".`,
      );
    setBusy(true);
    setError(undefined);
    try {
      const result = await call(
        api.cycles[':id'].close.$post({
          param: { id: props.cycle.id },
          json: {
            version: props.cycle.version,
            decision: d,
            ...(override() ? { overrideReason: reason().trim() } : {}),
            learning: {
              summary: summary().trim() || '(no summary)',
              ...(nextSteps().trim() ? { nextSteps: nextSteps().trim() } : {}),
            },
            followUps: followUps()
              .split('\n')
              .map((t) => t.trim())
              .filter(Boolean)
              .slice(0, 10)
              .map((title) => ({ id: crypto.randomUUID(), title })),
          },
        }),
      );
      toast('Closed — the learning is published');
      props.onClosed(result.cycle);
    } catch (err) {
      setError(err instanceof HttpError ? err.message : 'You need to be online to close a test.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="stack card-form" onSubmit={(e) => void submit(e)} aria-label="Close the test">
      <h2>Close the test</h2>
      <p>
        The pre-registered rule's verdict:{' '}
        <strong data-testid="close-verdict">{decisionLabel[props.verdict ?? ''] ?? 'not available'}</strong>
      </p>
      <fieldset class="row">
        <legend>Decision</legend>
        <For each={DECISIONS}>
          {(d) => (
            <label class="check">
              <input
                type="radio"
                name="decision"
                value={d}
                checked={decision() === d}
                onChange={() => setDecision(d)}
              />{' '}
              {decisionLabel[d]}
            </label>
          )}
        </For>
      </fieldset>
      <Show when={override()}>
        <label>
          Why override the rule? (required)
          <textarea
            name="overrideReason"
            rows="2"
            required
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </label>
      </Show>
      <label>
        What we learned
        <textarea
          name="summary"
          rows="3"
          required
          maxLength={5000}
          value={summary()}
          onInput={(e) => setSummary(e.currentTarget.value)}
        />
      </label>
      <label>
        What next
        <textarea name="nextSteps" rows="2" value={nextSteps()} onInput={(e) => setNextSteps(e.currentTarget.value)} />
      </label>
      <label>
        Follow-up hypotheses (one title per line)
        <textarea name="followUps" rows="2" value={followUps()} onInput={(e) => setFollowUps(e.currentTarget.value)} />
      </label>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <button type="submit" class="primary" disabled={busy()}>
        {busy() ? 'Closing…' : 'Close and publish the learning'}
      </button>
    </form>
  );
}
