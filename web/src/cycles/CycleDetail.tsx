import { A, useParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, lazy, on, Show } from 'solid-js';
import { can, type Cycle, type Snapshot } from '../api';
import { cycles, me, metrics, refresh, resultsSentAt, upsertCycle } from '../data';
import { ErrorBox, Loading } from '../ui';
import { LiftChart, TimeChart } from '../ui/charts';
import { decisionLabel, pct, statusLabel } from '../ui/labels';
import { Arms } from './Arms';
import { CloseForm } from './CloseForm';
import { metricViews, verdictOf } from './evidence';
import { LeadActions } from './LeadActions';
import { Later } from './Later';
import { ResultConflicts, Results } from './Results';
import { CostOfLearning } from '../money';
import { RuleStatus } from './RuleStatus';
import { SnapshotForm } from './SnapshotForm';
import './test-screen.css';
import { Comments } from '../comments';
import { takeAnalysis, takeCycle, takeSnapshots } from './reads';

/** The CSV import loads when its section renders; its parser (papaparse, zod) only when a file is picked. */
const ResultsImport = lazy(() => import('./ResultsImport').then((m) => ({ default: m.ResultsImport })));

const isOpen = (c: Cycle) => c.status === 'running' || c.status === 'review';

/** The test screen: the rule and its verdict, per-arm evidence, money, results (with corrections), lead actions. */
export default function CycleDetail() {
  const params = useParams<{ id: string }>();
  const [cycle, { mutate }] = createResource(
    () => params.id,
    async (id) => {
      try {
        const fresh = await takeCycle(id);
        upsertCycle(fresh);
        return fresh;
      } catch (err) {
        const cached = cycles().find((c) => c.id === id);
        if (cached) return cached;
        throw err;
      }
    },
  );
  // The analysis and the results are asked for with the test, not after it: one round trip less before the verdict
  // shows. Not for a test known to be a draft (it has none); a new version of the test (launched, moved) asks again.
  const knownDraft = () => (cycle() ?? cycles().find((c) => c.id === params.id))?.status === 'draft';
  const [analysis, { refetch: reanalyze }] = createResource(
    () => !knownDraft() && params.id,
    (id) => takeAnalysis(id),
  );
  createEffect(
    on(
      () => cycle()?.version,
      (version, before) => before !== undefined && version !== before && void reanalyze(),
    ),
  );
  const [snapshots, { refetch: refetchSnapshots }] = createResource(
    () => params.id,
    (id) => takeSnapshots(id).catch(() => [] as Snapshot[]),
  );
  /** The first analysis has arrived (or failed); reading the error first, as an errored resource throws when read. */
  const analysed = () => !!analysis.error || analysis() !== undefined;
  const reload = () => {
    void reanalyze();
    void refetchSnapshots();
  };
  // A result sent from the outbox (typed here, replayed after a reload, or settled in place) shows at once.
  createEffect(on(resultsSentAt, reload, { defer: true }));
  const changed = (next: Cycle) => {
    mutate(next);
    upsertCycle(next);
    void refresh();
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
        <section class="test-screen">
          <p class="muted">
            <A href="/cycles">← Cycles</A>
          </p>
          <h1>{c().name}</h1>
          <p>
            <span class={`status s-${c().status}`} data-testid="cycle-status">
              {statusLabel[c().status]}
            </span>{' '}
            {c()
              .variants.map((v) => `${v.name} (${v.weight})`)
              .join(' vs ')}
            <Show when={c().status === 'draft'}>
              {' '}
              · <A href={`/cycles/${c().id}/design`}>Edit design</A>
            </Show>
          </p>
          <Show when={can(me(), 'lead') && isOpen(c())}>
            <LeadActions cycle={c()} onChanged={changed} />
          </Show>
          <Show when={c().status === 'aborted'}>
            <p class="verdict v-none">Aborted: {c().abortReason}</p>
          </Show>
          {/* Everything below waits for the first analysis, so the evidence doesn't push the forms down (layout shift). */}
          <Show when={c().status !== 'draft' && analysed()}>
            <Show when={!analysis.error && analysis()} fallback={<ErrorBox error={analysis.error} retry={reanalyze} />}>
              {(a) => <Evidence analysis={a()} ended={!isOpen(c())} />}
            </Show>
            <Later>
              <OverTime cycle={c()} snapshots={snapshots() ?? []} />
            </Later>
            <Show when={can(me(), 'member') && isOpen(c())}>
              <Later>
                <A href={`/cycles/${c().id}/import`} class="button" data-testid="import-link">
                  Import from ad platform
                </A>
                <ResultConflicts cycle={c()} onResolved={reload} />
                <SnapshotForm cycle={c()} onSaved={reload} />
              </Later>
              <Later>
                <ResultsImport cycle={c()} onSaved={reload} />
              </Later>
            </Show>
            <Later>
              <Results
                cycle={c()}
                snapshots={snapshots() ?? []}
                editable={can(me(), 'member') && isOpen(c())}
                onChanged={reload}
              />
            </Later>
            <Later>
              <Show when={can(me(), 'lead') && isOpen(c())}>
                <CloseForm
                  cycle={c()}
                  verdict={verdictOf(analysis()).decision}
                  onClosed={(closed) => changed(closed)}
                />
              </Show>
              <Show when={c().status === 'closed'}>
                <p data-testid="closed-decision">
                  Closed with <strong>{decisionLabel[c().decision ?? ''] ?? c().decision}</strong>.{' '}
                  {c().overrideReason ? `Override reason: ${c().overrideReason}` : ''}
                </p>
                <p>{c().learningText}</p>
              </Show>
            </Later>
          </Show>
          <Show when={c().status !== 'draft' && !analysed()}>
            <Loading label="Analysing results…" />
          </Show>
          <Show when={c().status === 'draft' || analysed()}>
            <Later>
              <Comments targetType="cycle" targetId={c().id} />
            </Later>
          </Show>
        </section>
      )}
    </Show>
  );
}

function Evidence(props: { analysis: unknown; ended: boolean }) {
  const views = () => metricViews(props.analysis);
  return (
    <div class="stack">
      <RuleStatus analysis={props.analysis} ended={props.ended} />
      <Later>
        <Arms views={views()} />
      </Later>
      <Later>
        <CostOfLearning analysis={props.analysis} />
      </Later>
      <Later>
        <LiftChart
          title="Lift vs control (primary and secondary)"
          metrics={views().filter((m) => m.role !== 'guardrail')}
        />
        <Show when={views().some((m) => m.role === 'guardrail')}>
          <div class="guardrails">
            <LiftChart
              title="Guardrails (must not get worse)"
              metrics={views().filter((m) => m.role === 'guardrail')}
            />
          </div>
        </Show>
      </Later>
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
