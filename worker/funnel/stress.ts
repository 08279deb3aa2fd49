/**
 * One-tap stress tests on a scenario, the objective's guardrails as lines a result crosses or not, and the
 * tornado of which input moves profit most per point of improvement. Pure, shared with the PWA.
 */
import { applyChanges, type Funnel, type FunnelChange, type FunnelMetrics, funnelMetrics } from './model';

export type StressKey = 'rates' | 'cpc' | 'saturation';
export type StressTest = { key: StressKey; label: string; explain: string };
export const STRESS_TESTS: StressTest[] = [
  { key: 'rates', label: 'Conversion −15%', explain: 'every stage rate drops by 15%' },
  { key: 'cpc', label: 'CPC +20%', explain: 'the same traffic costs 20% more' },
  { key: 'saturation', label: 'Channels saturate', explain: 'spend buys traffic at elasticity 0.5' },
];

/** The scenario's funnel, then the stress on top of it (its own elasticity where it says so). */
export function stressFunnel(base: Funnel, changes: readonly FunnelChange[], key: StressKey): Funnel {
  if (key === 'saturation') {
    const scales = changes.some((c) => c.target === 'spend');
    const more: FunnelChange[] = scales ? [] : [{ target: 'spend', relative: 0.2 }];
    return applyChanges({ ...base, elasticity: 0.5 }, [...changes, ...more]);
  }
  const scenario = applyChanges(base, changes);
  if (key === 'cpc') return applyChanges({ ...scenario, elasticity: 0 }, [{ target: 'spend', relative: 0.2 }]);
  return applyChanges(
    scenario,
    scenario.stages.map((s) => ({ target: s.name, relative: -0.15 })),
  );
}

export type Guardrails = { cacMax?: number; roasFloor?: number };
export type Crossing = { guardrail: 'cacMax' | 'roasFloor'; limit: number; value: number | null; crossed: boolean };

/** CAC above its ceiling (or no conversions at all) and ROAS below its floor cross the objective's lines. */
export function crossings(m: FunnelMetrics, g: Guardrails): Crossing[] {
  const out: Crossing[] = [];
  if (g.cacMax != null)
    out.push({ guardrail: 'cacMax', limit: g.cacMax, value: m.cpa, crossed: m.cpa == null || m.cpa > g.cacMax });
  if (g.roasFloor != null)
    out.push({
      guardrail: 'roasFloor',
      limit: g.roasFloor,
      value: m.roas,
      crossed: m.roas == null || m.roas < g.roasFloor,
    });
  return out;
}

export type TornadoBar = { target: string; label: string; up: number; down: number };

/**
 * Profit change per point of improvement: each stage rate ±1 percentage point (kept inside 0..1), traffic and
 * value ±1%. Sorted by the widest swing first.
 */
export function tornado(f: Funnel): TornadoBar[] {
  const base = funnelMetrics(f).profit;
  const profitWith = (c: FunnelChange) => funnelMetrics(applyChanges(f, [c])).profit - base;
  const bars: TornadoBar[] = f.stages.map((s) => ({
    target: s.name,
    label: `${s.name} rate ±1 pt`,
    up: profitWith({ target: s.name, absolute: Math.min(0.01, 1 - s.rate) }),
    down: profitWith({ target: s.name, absolute: -Math.min(0.01, s.rate) }),
  }));
  for (const target of ['traffic', 'value'] as const)
    bars.push({
      target,
      label: `${target} ±1%`,
      up: profitWith({ target, relative: 0.01 }),
      down: profitWith({ target, relative: -0.01 }),
    });
  return bars.sort((a, b) => Math.abs(b.up - b.down) - Math.abs(a.up - a.down));
}
