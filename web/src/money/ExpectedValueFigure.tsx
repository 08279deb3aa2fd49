import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { expectedValueOf } from './expected-value';
import { money } from '../ui/labels';

/** One figure on a backlog card: the idea's expected profit, its assumptions on tap. */
export function ExpectedValueFigure(props: { h: unknown }) {
  const ev = () => expectedValueOf(props.h);
  // The assumptions are built on the first tap: 30 cards' hidden lists slowed the backlog's first paint on a phone.
  const [opened, setOpened] = createSignal(false);
  return (
    <Show when={ev()}>
      {(e) => (
        <details class="ev" data-testid="expected-value" onToggle={(t) => t.currentTarget.open && setOpened(true)}>
          <summary>
            Worth {money(e().expectedValue)} <span class="muted">expected profit, {e().horizonDays} days</span>
          </summary>
          <Show when={opened()}>
            <ul class="small">
              <li>
                If it works: {money(e().profitIfRight)} profit per {e().periodDays}-day period
              </li>
              <For each={e().assumptions}>{(a) => <li>{a}</li>}</For>
            </ul>
            <Show when={(props.h as { objectiveId?: string | null }).objectiveId}>
              {(id) => <A href={`/objectives/${id()}/funnel`}>Open the objective’s funnel</A>}
            </Show>
          </Show>
        </details>
      )}
    </Show>
  );
}
