import { createMemo, For, Show } from 'solid-js';
import type { Cycle, Snapshot } from '../api';
import { formatMoney } from './money';

type ArmMoney = { name: string; spend: number | null; cpa: number | null; roas: number | null };

/** The latest cumulative spend, conversions and revenue per arm (from the primary metric's snapshots). */
export function moneyByArm(cycle: Cycle, snapshots: Snapshot[]): ArmMoney[] {
  const primary =
    (cycle.decisionRule as { primaryMetricId?: string } | null)?.primaryMetricId ?? cycle.primaryMetricId ?? '';
  return cycle.variants.map((v) => {
    const latest = snapshots
      .filter((s) => s.variantKey === v.key && s.spend != null)
      .sort(
        (a, b) => Number(b.metricId === primary) - Number(a.metricId === primary) || b.date.localeCompare(a.date),
      )[0];
    const spend = latest?.spend ?? null;
    return {
      name: v.name,
      spend,
      cpa: spend != null && latest?.conversions ? spend / latest.conversions : null,
      roas: spend && latest?.revenue != null ? latest.revenue / spend : null,
    };
  });
}

/** Spend, CPA and ROAS per arm, in the workspace currency. */
export function Money(props: { cycle: Cycle; snapshots: Snapshot[] }) {
  const arms = createMemo(() => moneyByArm(props.cycle, props.snapshots));
  return (
    <section class="money" aria-label="Money per arm">
      <h2>Money per arm</h2>
      <Show
        when={arms().some((a) => a.spend != null)}
        fallback={<p class="muted">No spend reported yet: add spend with the results to see CPA and ROAS.</p>}
      >
        <table class="money-table">
          <thead>
            <tr>
              <th scope="col">Arm</th>
              <th scope="col">Spend</th>
              <th scope="col">CPA</th>
              <th scope="col">ROAS</th>
            </tr>
          </thead>
          <tbody>
            <For each={arms()}>
              {(a) => (
                <tr>
                  <th scope="row">{a.name}</th>
                  <td>{formatMoney(a.spend, 0)}</td>
                  <td>{formatMoney(a.cpa)}</td>
                  <td>{a.roas == null ? '—' : `${a.roas.toFixed(2)}×`}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        {/* Slot: intervals for spend, CPA and ROAS per arm come from the money-intervals work (issue 8); render them
            here as a caption row under each figure once the analysis carries them. */}
        <p class="muted small">CPA = spend per conversion; ROAS = revenue per unit of spend. Intervals: coming soon.</p>
      </Show>
    </section>
  );
}
