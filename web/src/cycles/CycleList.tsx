import { For, Show } from 'solid-js';
import { cycles } from '../data';
import { statusLabel } from '../ui/labels';
import { Empty, StatusCard } from '../ui';

const ORDER = ['running', 'review', 'draft', 'closed', 'aborted'];

export function CycleList() {
  const sorted = () =>
    [...cycles()].sort(
      (a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || b.updatedAt.localeCompare(a.updatedAt),
    );
  return (
    <section>
      <h1>Cycles</h1>
      <p class="muted">
        <a href="/api/exports/cycles.csv" download="hadi-cycles.csv" data-testid="export-cycles">
          Download results (CSV: one row per variant and metric)
        </a>
      </p>
      <Show
        when={sorted().length > 0}
        fallback={
          <Empty>
            <p>No tests yet. Open a hypothesis in the backlog and choose “Design a test”.</p>
          </Empty>
        }
      >
        <ul class="cards">
          <For each={sorted()}>
            {(c) => (
              <StatusCard
                href={c.status === 'draft' ? `/cycles/${c.id}/design` : `/cycles/${c.id}`}
                chipClass={`s-${c.status}`}
                chip={statusLabel[c.status] ?? c.status}
                title={c.name}
                meta={`${c.variants.length} variants${c.decision ? ` · decided: ${c.decision}` : ''}${c.launchedAt ? ` · launched ${c.launchedAt.slice(0, 10)}` : ''}`}
              />
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
