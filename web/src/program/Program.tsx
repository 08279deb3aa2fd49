import { A, useSearchParams } from '@solidjs/router';
import type { InferResponseType } from 'hono/client';
import { createResource, createSignal, For, Show } from 'solid-js';
import { api, call } from '../api';
import { ForestPlot } from '../insights/ForestPlot';
import { ErrorBox, Loading } from '../ui';
import { FilterBar, InputFilter, SelectFilter } from '../ui/filters';
import { decisionLabel, signedPct } from '../ui/labels';
import { IceHistogram, SplitBar, WeekBars } from './charts';
import { days, shareOf } from './format';

export type ProgramView = InferResponseType<typeof api.program.$get, 200>;
type Tally = ProgramView['outcomes']['all'];
const BREAKDOWNS = [
  { key: 'byChannel', label: 'Channel' },
  { key: 'byLever', label: 'Lever' },
  { key: 'byFunnelStage', label: 'Funnel stage' },
] as const;

/** The program view: is the testing program as a whole moving the objectives? */
export default function Program() {
  const [params] = useSearchParams<{ from?: string; to?: string; objective?: string }>();
  const [objectives] = createResource(() =>
    call(api.objectives.$get({ query: {} }))
      .then((r) => r.items)
      .catch(() => []),
  );
  const [view, { refetch }] = createResource(
    () => ({ from: params.from, to: params.to, objectiveId: params.objective }),
    (q) =>
      call(
        api.program.$get({
          query: Object.fromEntries(Object.entries(q).filter(([, v]) => v)) as Record<string, string>,
        }),
      ),
  );
  return (
    <section class="program">
      <h1>Program</h1>
      <p class="row">
        <A class="button" href="/reviews">
          Weekly reviews
        </A>
        <A class="button" href="/insights">
          Insights
        </A>
      </p>
      <FilterBar names={['from', 'to', 'objective']} search={false}>
        <InputFilter label="From" name="from" type="date" />
        <InputFilter label="To" name="to" type="date" />
        <SelectFilter
          label="Objective"
          name="objective"
          options={(objectives() ?? []).map((o) => ({ value: o.id, label: o.title }))}
        />
      </FilterBar>
      <Show when={view.error}>
        <ErrorBox error={view.error} retry={() => void refetch()} />
      </Show>
      <Show when={view()} fallback={<Show when={!view.error}>{<Loading label="Reading the program…" />}</Show>}>
        {(v) => (
          <>
            <p class="muted">
              {v().range.from} to {v().range.to} ({v().range.timeZone})
            </p>
            <Velocity v={v()} />
            <Outcomes v={v()} />
            <Impact v={v()} />
            <Attention v={v()} />
          </>
        )}
      </Show>
    </section>
  );
}

function Velocity(props: { v: ProgramView }) {
  const vel = () => props.v.velocity;
  return (
    <section aria-labelledby="velocity">
      <h2 id="velocity">Velocity</h2>
      <dl class="facts">
        <div>
          <dt>Launched</dt>
          <dd>{vel().launched}</dd>
        </div>
        <div>
          <dt>Closed</dt>
          <dd>{vel().closed}</dd>
        </div>
        <div>
          <dt>Median test length</dt>
          <dd>{days(vel().durationDays.median)}</dd>
        </div>
        <div>
          <dt>Longest 10% take over</dt>
          <dd>{days(vel().durationDays.p90)}</dd>
        </div>
        <div>
          <dt>Reached their planned sample</dt>
          <dd>
            {shareOf(vel().reachedPlannedSample.reached, vel().reachedPlannedSample.withPlan)}
            <Show when={vel().reachedPlannedSample.withPlan === 0}>
              <span class="muted small"> no closed test had a plan</span>
            </Show>
          </dd>
        </div>
      </dl>
      <WeekBars weeks={vel().weeks} />
    </section>
  );
}

const tallyLine = (t: Tally) =>
  `${t.closed} closed · ${t.won} won · followed the rule ${shareOf(t.followedRule, t.closed)}`;

function Outcomes(props: { v: ProgramView }) {
  const [by, setBy] = createSignal<(typeof BREAKDOWNS)[number]['key']>('byChannel');
  const all = () => props.v.outcomes.all;
  return (
    <section aria-labelledby="outcomes">
      <h2 id="outcomes">Outcomes</h2>
      <Show
        when={all().closed > 0}
        fallback={
          <p class="empty">
            No test closed in this window. Close running tests from <A href="/cycles">Cycles</A> to see outcomes.
          </p>
        }
      >
        <SplitBar
          label="Decisions"
          parts={[
            { key: 'ship', label: 'ship', value: all().ship },
            { key: 'kill', label: 'kill', value: all().kill },
            { key: 'iterate', label: 'iterate', value: all().iterate },
          ]}
        />
        <SplitBar
          label="Results against control"
          parts={[
            { key: 'won', label: 'won', value: all().won },
            { key: 'lost', label: 'lost', value: all().lost },
            { key: 'inconclusive', label: 'inconclusive', value: all().inconclusive },
          ]}
        />
        <p data-testid="followed-rule">
          <strong>Followed their pre-registered rule: {shareOf(all().followedRule, all().closed)}</strong>
        </p>
        <Show when={props.v.outcomes.overrides.length > 0}>
          <h3>Overrides and their reasons</h3>
          <ul class="plain-list">
            <For each={props.v.outcomes.overrides}>
              {(o) => (
                <li>
                  <A href={`/cycles/${o.cycleId}`}>{o.name}</A>: decided {decisionLabel[o.decision] ?? o.decision}, the
                  rule said {decisionLabel[o.verdict ?? ''] ?? 'nothing yet'} — “{o.reason ?? 'no reason recorded'}”
                </li>
              )}
            </For>
          </ul>
        </Show>
        <h3>Breakdown</h3>
        <div class="row" role="group" aria-label="Break down by">
          <For each={BREAKDOWNS}>
            {(b) => (
              <button type="button" aria-pressed={by() === b.key} onClick={() => setBy(b.key)}>
                {b.label}
              </button>
            )}
          </For>
        </div>
        <ul class="plain-list">
          <For each={props.v.outcomes[by()]}>
            {(t) => (
              <li>
                <strong>{t.label}</strong>: {tallyLine(t)} · ship {t.ship} / kill {t.kill} / iterate {t.iterate}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function Impact(props: { v: ProgramView }) {
  return (
    <section aria-labelledby="impact">
      <h2 id="impact">Impact per objective</h2>
      <p class="muted small">
        Lifts of shipped tests on each objective's primary metric, as measured at test time: real effects often fade
        after launch, so read the pooled figure as an upper bound.
      </p>
      <Show
        when={props.v.impact.length > 0}
        fallback={<p class="empty">No objective yet: a lead sets objectives, and shipped tests count towards them.</p>}
      >
        <For each={props.v.impact}>
          {(o) => (
            <article class="card-section">
              <h3>{o.title}</h3>
              <Show
                when={o.tests.length > 0}
                fallback={
                  <p class="muted">
                    {o.metricId
                      ? 'No shipped test with a measured lift on its primary metric in this window.'
                      : 'Set the objective’s primary metric to pool the lifts of its shipped tests.'}
                  </p>
                }
              >
                <ForestPlot
                  title={`${o.metricName ?? 'Primary metric'}: shipped tests (as measured at test time)`}
                  rows={o.tests.map((t) => ({ label: t.name, effect: t.effect, ci: t.ci }))}
                  pooled={o.pooled}
                  pooledLabel="Combined"
                />
                <p>
                  Combined lift {signedPct(o.pooled?.estimate)} [{signedPct(o.pooled?.ci[0])},{' '}
                  {signedPct(o.pooled?.ci[1])}] over {o.tests.length} shipped test{o.tests.length === 1 ? '' : 's'}.{' '}
                  {o.heterogeneity}
                </p>
              </Show>
              <Show when={o.notPooled > 0}>
                <p class="muted small">
                  {o.notPooled} shipped test{o.notPooled === 1 ? '' : 's'} judged on another metric (not pooled).
                </p>
              </Show>
            </article>
          )}
        </For>
      </Show>
    </section>
  );
}

function Attention(props: { v: ProgramView }) {
  const a = () => props.v.attention;
  return (
    <section aria-labelledby="attention">
      <h2 id="attention">Needs attention</h2>
      <h3>Overdue ({a().overdue.length})</h3>
      <Show when={a().overdue.length > 0} fallback={<p class="muted">No running test is overdue.</p>}>
        <ul class="plain-list">
          <For each={a().overdue}>
            {(c) => (
              <li>
                <A href={`/cycles/${c.cycleId}`}>{c.name}</A>: {c.overdue.join('; ')} (day {c.daysRunning})
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h3>Warnings ({a().warnings.length})</h3>
      <Show
        when={a().warnings.length > 0}
        fallback={<p class="muted">No sample-ratio or guardrail warning on {a().running} running tests.</p>}
      >
        <ul class="plain-list">
          <For each={a().warnings}>
            {(c) => (
              <li>
                <A href={`/cycles/${c.cycleId}`}>{c.name}</A>:{' '}
                {[
                  c.srm.mismatch
                    ? 'the traffic split is off (sample ratio mismatch): fix it before reading results'
                    : '',
                  ...c.guardrailBreaches,
                ]
                  .filter(Boolean)
                  .join('; ')}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h3>Backlog health</h3>
      <dl class="facts">
        <div>
          <dt>Ideas waiting</dt>
          <dd>{a().backlog.ideas}</dd>
        </div>
        <div>
          <dt>Incomplete</dt>
          <dd>{a().backlog.incomplete}</dd>
        </div>
        <div>
          <dt>Untouched 60 days</dt>
          <dd>{a().backlog.untouched60Days}</dd>
        </div>
      </dl>
      <IceHistogram bins={a().backlog.ice.bins} unscored={a().backlog.ice.unscored} />
      <p>
        <A href="/">Open the backlog</A> to complete, score or park ideas.
      </p>
    </section>
  );
}
