import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { api, call } from '../api';
import { Empty, ErrorBox, Loading } from '../ui';

/** Every objective with a link to its funnel (the objectives screens link there too). */
export default function FunnelIndex() {
  const [list, { refetch }] = createResource(() => call(api.objectives.$get({ query: {} })));
  return (
    <section>
      <h1>Funnels</h1>
      <p class="muted">
        Each objective owns a funnel: model it, try scenarios, stress-test them against its guardrails.
      </p>
      <Show
        when={list()}
        fallback={
          <Show when={list.error} fallback={<Loading />}>
            {<ErrorBox error={list.error} retry={refetch} />}
          </Show>
        }
      >
        {(l) => (
          <Show
            when={l().items.length > 0}
            fallback={
              <Empty>
                <p>No objectives yet. A lead creates one first; then model its funnel here.</p>
              </Empty>
            }
          >
            <ul class="cards">
              <For each={l().items.filter((o) => o.status !== 'archived')}>
                {(o) => (
                  <li class="card">
                    <A href={`/objectives/${o.id}/funnel`}>{o.title}</A>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}
