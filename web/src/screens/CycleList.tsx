import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { cycles } from '../data';
import { statusLabel } from '../labels';
import { Empty } from '../ui';

const ORDER = ['running', 'review', 'draft', 'closed', 'aborted'];

export function CycleList() {
  const sorted = () => [...cycles()].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || b.updatedAt.localeCompare(a.updatedAt));
  return (
    <section>
      <h1>Cycles</h1>
      <Show when={sorted().length > 0} fallback={<Empty><p>No tests yet. Open a hypothesis in the backlog and choose “Design a test”.</p></Empty>}>
        <ul class="cards">
          <For each={sorted()}>
            {(c) => (
              <li class="card">
                <A class="card-link" href={c.status === 'draft' ? `/cycles/${c.id}/design` : `/cycles/${c.id}`}>
                  <span class={`status s-${c.status}`}>{statusLabel[c.status]}</span>
                  <span class="card-body">
                    <strong class="card-title">{c.name}</strong>
                    <span class="meta">{c.variants.length} variants{c.decision ? ` · decided: ${c.decision}` : ''}{c.launchedAt ? ` · launched ${c.launchedAt.slice(0, 10)}` : ''}</span>
                  </span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
