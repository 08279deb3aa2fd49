import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { statusLabel } from '../ui/labels';
import { localChain } from './local';

/**
 * Small chain sections other screens render with one line: where an idea came from and what tested it
 * (hypothesis screen), and what a learning led to (learning screen). Both link to the full chain view.
 */
export function HypothesisChain(props: { hypothesisId: string }) {
  const chain = () => localChain(props.hypothesisId);
  const parent = () => chain()?.ancestors.at(-1);
  return (
    <Show when={chain() && (chain()!.ancestors.length || chain()!.tests.length) ? chain() : null}>
      {(c) => (
        <section class="chain-links" aria-label="HADI chain" data-testid="hypothesis-chain">
          <Show when={parent()}>
            {(p) => (
              <p>
                Came from the test <A href={`/cycles/${p().cycle.id}`}>{p().cycle.name}</A>
                <Show when={p().learning}>
                  {(l) => (
                    <>
                      {' '}
                      and its learning <A href={`/learnings/${l().id}`}>{l().title}</A>
                    </>
                  )}
                </Show>
                .
              </p>
            )}
          </Show>
          <Show when={c().tests.length}>
            <p>
              Tested in:{' '}
              <For each={c().tests}>
                {(t, i) => (
                  <>
                    {i() > 0 ? ', ' : ''}
                    <A href={t.cycle.status === 'draft' ? `/cycles/${t.cycle.id}/design` : `/cycles/${t.cycle.id}`}>
                      {t.cycle.name}
                    </A>{' '}
                    <span class="muted">({statusLabel[t.cycle.status] ?? t.cycle.status})</span>
                  </>
                )}
              </For>
            </p>
          </Show>
          <p>
            <A href={`/chain/${props.hypothesisId}`}>See the whole chain →</A>
          </p>
        </section>
      )}
    </Show>
  );
}

export function FollowUps(props: { hypothesisId: string; cycleId: string }) {
  const test = () => localChain(props.hypothesisId)?.tests.find((t) => t.cycle.id === props.cycleId);
  return (
    <section class="chain-links" aria-labelledby="follow-ups-heading" data-testid="follow-ups">
      <h2 id="follow-ups-heading">Follow-up ideas</h2>
      <Show
        when={test()?.followUps.length}
        fallback={<p class="muted">This learning led to no follow-up idea yet. Members log one in the backlog.</p>}
      >
        <ul>
          <For each={test()!.followUps}>
            {(h) => (
              <li>
                <A href={`/h/${h.id}`}>{h.title}</A> <span class="muted">({statusLabel[h.status] ?? h.status})</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p>
        <A href={`/chain/${props.hypothesisId}`}>Walk the whole chain →</A>
      </p>
    </section>
  );
}
