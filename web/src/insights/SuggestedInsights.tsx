import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { api, call, can } from '../api';
import { me } from '../data';

/** On a closed test's learning: the insights it may support (same channel, lever or tags), so evidence accrues. */
export default function SuggestedInsights(props: { cycleId: string }) {
  const [suggestions] = createResource(
    () => props.cycleId,
    (cycleId) =>
      call(api.insights.suggestions.$get({ query: { cycleId } }))
        .then((r) => r.items)
        .catch(() => []),
  );
  return (
    <Show when={(suggestions() ?? []).length > 0}>
      <section class="card-section" aria-labelledby="suggested-insights">
        <h2 id="suggested-insights">May support these insights</h2>
        <ul class="plain-list">
          <For each={suggestions()}>
            {(s) => (
              <li>
                <A href={`/insights/${s.insightId}`}>{s.title}</A>{' '}
                <span class="muted small">({s.reasons.join('; ')})</span>
              </li>
            )}
          </For>
        </ul>
        <Show when={can(me(), 'lead')}>
          <p class="muted small">Open an insight to cite this test; its lift joins the pooled estimate.</p>
        </Show>
      </section>
    </Show>
  );
}
