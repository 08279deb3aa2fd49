import { For, Show } from 'solid-js';
import { decisionLabel } from '../ui/labels';
import { progressOf, ruleChecks, ruleTextOf, srmOf, verdictOf } from './evidence';

/**
 * The locked rule in words, its verdict with reasons, progress, the traffic split and each condition's status.
 * `ended`: a closed or aborted test says how long it ran, not what is left.
 */
export function RuleStatus(props: { analysis: unknown; ended?: boolean }) {
  const verdict = () => verdictOf(props.analysis);
  const progress = () => progressOf(props.analysis);
  const checks = () => ruleChecks(props.analysis);
  const srm = () => srmOf(props.analysis);
  return (
    <div class="stack">
      <Show when={ruleTextOf(props.analysis)}>
        <p class="statement">Rule: {ruleTextOf(props.analysis)}</p>
      </Show>
      <div class={`verdict v-${verdict().decision ?? 'none'}`} data-testid="verdict">
        <strong>The rule says: {decisionLabel[verdict().decision ?? ''] ?? 'not enough data'}</strong>
        <ul>
          <For each={verdict().reasons}>{(r) => <li>{r}</li>}</For>
        </ul>
      </div>
      <div>
        <Show
          when={!props.ended}
          fallback={
            <p>
              Ran {progress().daysRunning ?? 0} {progress().daysRunning === 1 ? 'day' : 'days'} (the plan was at least{' '}
              {progress().minDays ?? '?'}).
            </p>
          }
        >
          <p>
            Day {progress().daysRunning ?? 0} of at least {progress().minDays ?? '?'}
            <Show when={(progress().daysLeft ?? 0) > 0}> — {progress().daysLeft} days left</Show>
            <Show when={progress().unitsLeft != null && progress().unitsLeft! > 0}>
              {' '}
              · {progress().unitsLeft!.toLocaleString()} units per arm still to go
            </Show>
          </p>
          <progress
            max="1"
            value={Math.min(1, progress().fraction ?? 0)}
            aria-label="Progress towards the planned sample and duration"
          />
        </Show>
        <Show
          when={srm().mismatch}
          fallback={
            <Show when={srm().pValue != null}>
              <p data-testid="srm">
                Traffic split: matches the plan (sample-ratio check p = {srm().pValue!.toPrecision(2)}; a mismatch is p
                &lt; 0.001).
              </p>
            </Show>
          }
        >
          <p class="error" role="alert" data-testid="srm">
            Sample ratio mismatch (p = {srm().pValue?.toPrecision(2)}): the traffic split is off — check the setup
            before trusting the result.
          </p>
        </Show>
      </div>
      <Show when={checks().length > 0}>
        <ul class="checks-list" aria-label="Decision rule status">
          <For each={checks()}>
            {(ch) => (
              <li class={`check-${ch.status}`}>
                <span class="sr-only">{ch.status.replace(/_/g, ' ')}: </span>
                <span aria-hidden="true">{ch.status === 'met' ? '✓' : ch.status === 'not_met' ? '✗' : '…'}</span>{' '}
                {ch.check}: {props.ended ? endedDetail(ch.detail) : ch.detail}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}

/** A stopped test has nothing "left": what it lacked is how far it stopped short of its plan. */
const endedDetail = (detail: string) => detail.replace(/ \(([\d,]+) left\)$/, ' ($1 short of the plan)');
