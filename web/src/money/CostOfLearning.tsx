import { For, Show } from 'solid-js';
import type { CostOfLearning as Cost, RatioEstimate } from '../../../worker/stats/cost-learning';
import { money } from '../ui/labels';
import { formatCount, formatRatio } from './format';
import './money.css';

/** The cost of learning inside an analysis (GET /api/cycles/:id/analysis) or a learning's frozen evidence. */
const costOf = (analysis: unknown): Cost | null => {
  const c = analysis && typeof analysis === 'object' ? (analysis as { costOfLearning?: Cost }).costOfLearning : null;
  return c && Array.isArray(c.arms) && Array.isArray(c.opportunity) ? c : null;
};

function Ratio(props: { label: string; r: RatioEstimate; show: (x: number | null) => string }) {
  return (
    <Show when={props.r.estimate != null}>
      <li>
        {props.label} {props.show(props.r.estimate)}
        <Show when={props.r.ci}>
          {(ci) => (
            <span class="muted">
              {' '}
              ({props.show(ci()[0])} to {ci()[1] == null ? 'no upper bound yet' : props.show(ci()[1])})
            </span>
          )}
        </Show>
      </li>
    </Show>
  );
}

/** What a test cost to learn: spend per arm, CPC / CPA / ROAS with intervals, and the conversions losing arms gave up. */
export default function CostOfLearning(props: { analysis: unknown }) {
  const cost = () => costOf(props.analysis);
  const winner = () => cost()?.arms.find((a) => a.key === cost()?.winnerKey)?.name;
  const level = () => `${Math.round((1 - (cost()?.alpha ?? 0.05)) * 100)}%`;
  return (
    <Show when={cost()}>
      {(c) => (
        <section class="cost-of-learning" aria-labelledby="cost-of-learning-title" data-testid="cost-of-learning">
          <h3 id="cost-of-learning-title">What it cost to learn</h3>
          <p>
            {c().totalSpend == null ? 'No spend recorded yet.' : `${money(c().totalSpend)} spent on this test.`}{' '}
            <span class="muted">Ranges are {level()} intervals.</span>
          </p>
          <ul class="cost-arms">
            <For each={c().arms}>
              {(a) => (
                <li class="card">
                  <strong>{a.name}</strong>: {a.spend == null ? 'no spend recorded' : `${money(a.spend)} spent`}
                  <ul class="cost-figures">
                    <Ratio label="Cost per conversion (CPA)" r={a.cpa} show={(x) => money(x)} />
                    <Ratio label="Cost per click (CPC)" r={a.cpc} show={(x) => money(x, 2)} />
                    <Ratio label="Return on ad spend (ROAS)" r={a.roas} show={formatRatio} />
                  </ul>
                </li>
              )}
            </For>
          </ul>
          <Show
            when={c().opportunity.length > 0}
            fallback={<For each={c().notes}>{(n) => <p class="muted">{n}</p>}</For>}
          >
            <p>Opportunity cost, measured against {winner() ?? 'the best arm'}'s conversion rate:</p>
            <ul>
              <For each={c().opportunity}>
                {(o) => (
                  <li>
                    <Show
                      when={o.conversionsLost > 0}
                      fallback={
                        <>
                          {o.name} did not convert worse than {winner() ?? 'the best arm'}: nothing lost.
                        </>
                      }
                    >
                      {o.name} gave up about {formatCount(o.conversionsLost)} conversions
                      <Show when={o.ci}>
                        {(ci) => (
                          <span class="muted">
                            {' '}
                            ({formatCount(Math.max(0, ci()[0]))} to {formatCount(ci()[1])})
                          </span>
                        )}
                      </Show>
                      <Show when={o.revenueLost != null}> worth {money(o.revenueLost)} in revenue</Show>.
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
      )}
    </Show>
  );
}
