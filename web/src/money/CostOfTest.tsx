import { Show } from 'solid-js';
import { expectedValueOf } from './expected-value';
import { money } from '../ui/labels';
import { formatCount } from './format';
import './money.css';

type Props = {
  hypothesis: unknown;
  budget: number | null;
  days: number;
  dailyUnits: number;
  variants: { weight: number }[];
};

/** The design screen's price tag: budget, days and traffic sent to untested variants, against the idea's worth. */
export default function CostOfTest(props: Props) {
  const ev = () => expectedValueOf(props.hypothesis);
  const diverted = () => {
    const total = props.variants.reduce((s, v) => s + Math.max(0, v.weight), 0);
    const control = Math.max(0, props.variants[0]?.weight ?? 0);
    return total > 0 ? props.dailyUnits * props.days * (1 - control / total) : 0;
  };
  return (
    <section class="cost-of-test card" aria-label="Cost of the test" data-testid="cost-of-test">
      <h3>Cost of the test</h3>
      <p>
        {props.budget != null ? money(props.budget) : 'No budget set'} over at least {props.days} days, sending about{' '}
        {formatCount(diverted())} units to untested variants.
      </p>
      <Show
        when={ev()}
        fallback={
          <p class="muted">
            No expected value yet: give the hypothesis an objective with a funnel, a funnel stage, an expected impact
            and a confidence.
          </p>
        }
      >
        {(e) => (
          <p>
            Against it: {money(e().expectedValue)} expected profit over {e().horizonDays} days
            <Show when={props.budget}> — {formatCount(e().expectedValue / props.budget!, 1)}× the budget</Show>.
          </p>
        )}
      </Show>
    </section>
  );
}
