import { A, useSearchParams } from '@solidjs/router';
import { createMemo, For, Match, onMount, Show, Switch } from 'solid-js';
import { can } from '../api';
import { me, metrics } from '../data';
import { Empty, ErrorBox, Loading, StatusCard } from '../ui';
import { formatValue, unitOf } from './format';
import { loadObjectives, OBJECTIVE_STATUSES, objectives, objectivesError, objectivesState } from './store';

export const objectiveStatusLabel: Record<string, string> = {
  active: 'Active',
  achieved: 'Achieved',
  archived: 'Archived',
};

/** "Conversion rate: 5% → 6% by 2027-03-31": the measurable part of a SMART objective in one line. */
export function objectiveLine(o: {
  primaryMetricId: string | null;
  baseline: number | null;
  target: number | null;
  deadline: string | null;
}) {
  const metric = metrics().find((m) => m.id === o.primaryMetricId);
  const unit = unitOf(metric);
  const parts = [
    metric ? metric.name : 'No primary metric yet',
    o.baseline != null || o.target != null ? `: ${formatValue(o.baseline, unit)} → ${formatValue(o.target, unit)}` : '',
    o.deadline ? ` by ${o.deadline}` : '',
  ];
  return parts.join('');
}

export default function ObjectiveList() {
  const [params, setParams] = useSearchParams<{ status?: string }>();
  const status = () => params.status ?? 'active';
  onMount(() => void loadObjectives());
  const shown = createMemo(() =>
    objectives()
      .filter((o) => o.status === status())
      .sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.title.localeCompare(b.title)),
  );
  const canWrite = () => can(me(), 'lead');
  return (
    <section>
      <div class="row between">
        <h1>Objectives</h1>
        <Show when={canWrite()}>
          <A class="button primary" href="/objectives/new">
            + New objective
          </A>
        </Show>
      </div>
      <p class="muted small">
        What the tests are for: one metric to move, by how much, by when, within which money limits.
      </p>
      <div class="segmented" role="group" aria-label="Show objectives">
        <For each={OBJECTIVE_STATUSES}>
          {(s) => (
            <button
              type="button"
              aria-pressed={status() === s}
              onClick={() => setParams({ status: s === 'active' ? undefined : s })}
            >
              {objectiveStatusLabel[s]} ({objectives().filter((o) => o.status === s).length})
            </button>
          )}
        </For>
      </div>
      <Switch>
        <Match when={objectivesState() === 'loading' || objectivesState() === 'idle'}>
          <Loading label="Loading objectives…" />
        </Match>
        <Match when={objectivesState() === 'error'}>
          <ErrorBox error={objectivesError()} retry={() => void loadObjectives()} />
        </Match>
        <Match when={shown().length === 0}>
          <Empty>
            <Show
              when={objectives().length === 0}
              fallback={<p>No {objectiveStatusLabel[status()]?.toLowerCase()} objectives.</p>}
            >
              <p data-testid="objectives-empty">
                No objectives yet.{' '}
                {canWrite()
                  ? 'Set the first one: the metric your tests should move, the target and the money limits.'
                  : 'A lead sets them; until then, tests are not tied to an outcome.'}
              </p>
              <Show when={canWrite()}>
                <A class="button primary" href="/objectives/new">
                  Set an objective
                </A>
              </Show>
            </Show>
          </Empty>
        </Match>
        <Match when={true}>
          <ul class="cards">
            <For each={shown()}>
              {(o) => (
                <StatusCard
                  href={`/objectives/${o.id}`}
                  chipClass={`o-${o.status}`}
                  chip={objectiveStatusLabel[o.status] ?? o.status}
                  title={o.title}
                  testId="objective-card"
                  meta={objectiveLine(o)}
                />
              )}
            </For>
          </ul>
        </Match>
      </Switch>
    </section>
  );
}
