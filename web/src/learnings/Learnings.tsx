import { A, useParams, useSearchParams } from '@solidjs/router';
import { createMemo, For, lazy, Show } from 'solid-js';
import { channelName, channels, cycles, hypotheses, learnings } from '../data';
import { metricViews } from '../cycles/evidence';
import { CostOfLearning } from '../money';
import { decisionLabel, DECISIONS, leverLabel, LEVERS, money, pct, signedPct } from '../ui/labels';
import { FilterBar, InputFilter, SelectFilter } from '../ui/filters';
import { Empty, StatusCard } from '../ui';
import { FollowUps } from '../chain/ChainLinks';

// Insights a closed test may support (issue 12), loaded lazily with the insights screens.
const SuggestedInsights = lazy(() => import('../insights/SuggestedInsights'));
import { can } from '../api';
import { me } from '../data';

const ShareLearning = lazy(() => import('../shares/ShareLearning'));

export function LearningLog() {
  const [params, _setParams] = useSearchParams<{
    q?: string;
    channel?: string;
    lever?: string;
    decision?: string;
    tag?: string;
    from?: string;
    to?: string;
  }>();
  const filtered = createMemo(() => {
    const q = (params.q ?? '').toLowerCase().trim();
    return learnings()
      .filter(
        (l) =>
          (!params.channel || l.channelId === params.channel) &&
          (!params.lever || l.lever === params.lever) &&
          (!params.decision || l.decision === params.decision),
      )
      .filter((l) => !params.tag || l.tags.includes(params.tag.replace(/^#/, '')))
      .filter(
        (l) =>
          (!params.from || l.publishedAt.slice(0, 10) >= params.from) &&
          (!params.to || l.publishedAt.slice(0, 10) <= params.to),
      )
      .filter((l) => !q || [l.title, l.summary, l.nextSteps, ...l.tags].some((t) => t?.toLowerCase().includes(q)))
      .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  });
  return (
    <section>
      <h1>Learning log</h1>
      <p class="muted">
        <a href="/api/exports/learnings.csv" download="hadi-learnings.csv" data-testid="export-learnings">
          Download all learnings (CSV)
        </a>
      </p>
      <FilterBar names={['channel', 'lever', 'decision', 'tag', 'from', 'to']}>
        <SelectFilter
          label="Channel"
          name="channel"
          options={channels().map((c) => ({ value: c.id, label: c.name }))}
        />
        <SelectFilter label="Lever" name="lever" options={LEVERS.map((l) => ({ value: l, label: leverLabel(l) }))} />
        <SelectFilter
          label="Decision"
          name="decision"
          options={DECISIONS.map((d) => ({ value: d, label: decisionLabel[d] ?? d }))}
        />
        <InputFilter label="Tag" name="tag" />
        <InputFilter label="From" name="from" type="date" />
        <InputFilter label="To" name="to" type="date" />
      </FilterBar>
      <Show
        when={filtered().length > 0}
        fallback={
          <Empty>
            <p>
              {learnings().length
                ? 'Nothing matches these filters.'
                : 'No learnings yet: they appear here when a test is closed.'}
            </p>
          </Empty>
        }
      >
        <ul class="cards">
          <For each={filtered()}>
            {(l) => (
              <StatusCard
                href={`/learnings/${l.id}`}
                chipClass={`d-${l.decision}`}
                chip={decisionLabel[l.decision] ?? l.decision}
                title={l.title}
                testId="learning-card"
                meta={`${l.publishedAt.slice(0, 10)} · ${channelName(l.channelId) ?? 'No channel'} · ${leverLabel(l.lever)}${l.isOverride ? ' · overrode the rule' : ''}`}
              />
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

export function LearningDetail() {
  const params = useParams<{ id: string }>();
  const learning = () => learnings().find((l) => l.id === params.id);
  return (
    <Show
      when={learning()}
      fallback={
        <Empty>
          <p>
            This learning is not on this device yet. <A href="/learnings">Back to the log</A>
          </p>
        </Empty>
      }
    >
      {(l) => {
        const hypothesis = () => hypotheses().find((h) => h.id === l().hypothesisId);
        const cycle = () => cycles().find((c) => c.id === l().cycleId);
        const primary = () => metricViews(l().evidence).find((m) => m.role === 'primary');
        return (
          <article class="learning">
            <p class="muted">
              <A href="/learnings">← Learning log</A>
            </p>
            <h1>{l().title}</h1>
            <dl class="plain">
              <dt>What we tried</dt>
              <dd>
                {hypothesis()?.change
                  ? `We ${hypothesis()!.change}${hypothesis()!.audience ? ` for ${hypothesis()!.audience}` : ''}.`
                  : (cycle()?.name ?? l().title)}{' '}
                <span class="muted">
                  ({channelName(l().channelId) ?? 'no channel'}, lever: {leverLabel(l().lever)})
                </span>
              </dd>
              <dt>What happened</dt>
              <dd>
                <Show when={primary()} fallback={<span>No comparable result was recorded.</span>}>
                  {(m) => (
                    <For each={m().lifts}>
                      {(v) => (
                        <p>
                          {v.variant}: {m().name} moved {signedPct(v.lift)} versus control
                          <Show when={v.ci}>
                            {(ci) => (
                              <>
                                {' '}
                                — plausibly anywhere from {signedPct(ci()[0])} to {signedPct(ci()[1])}
                                {v.interval === 'credible' ? ' (credible interval)' : ''}
                              </>
                            )}
                          </Show>
                          <Show when={v.pValue != null}>
                            {' '}
                            ({v.interval === 'always-valid' ? 'always-valid p' : 'p'} ={' '}
                            {(v.adjustedPValue ?? v.pValue)!.toPrecision(2)}
                            {v.adjustedPValue != null ? ', corrected for several treatments' : ''})
                          </Show>
                          <Show when={v.chance != null}> ({pct(v.chance, 1)} chance to beat control)</Show>.
                        </p>
                      )}
                    </For>
                  )}
                </Show>
                <p>{l().summary}</p>
              </dd>
              <dt>Money</dt>
              {/* The cost of learning starts with the spend; older learnings without it show the spend alone. */}
              <Show when={!(l().evidence as { costOfLearning?: unknown } | null)?.costOfLearning}>
                <dd>{l().spend != null ? `${money(l().spend)} spent on the test.` : 'No spend was recorded.'}</dd>
              </Show>
              <dd>
                <CostOfLearning analysis={l().evidence} />
              </dd>
              <dt>Decision</dt>
              <dd>
                <strong>{decisionLabel[l().decision]}</strong>. The pre-registered rule said:{' '}
                {decisionLabel[l().verdict ?? ''] ?? l().verdict ?? 'no verdict'}.
                <Show when={l().isOverride}>
                  <p>Overridden because: {l().overrideReason}</p>
                </Show>
              </dd>
              <dt>What next</dt>
              <dd>{l().nextSteps ?? 'No next step written.'}</dd>
            </dl>
            <FollowUps hypothesisId={l().hypothesisId} cycleId={l().cycleId} />
            <Show when={l().tags.length}>
              <p class="muted">
                {l()
                  .tags.map((t) => `#${t}`)
                  .join(' ')}
              </p>
            </Show>
            <SuggestedInsights cycleId={l().cycleId} />
            <Show when={can(me(), 'lead')}>
              <ShareLearning learningId={l().id} />
            </Show>
            <p class="muted">
              <a
                href={`/api/learnings/${l().id}/markdown`}
                download={`learning-${l().id}.md`}
                data-testid="export-markdown"
              >
                Download as Markdown
              </a>
            </p>
          </article>
        );
      }}
    </Show>
  );
}
