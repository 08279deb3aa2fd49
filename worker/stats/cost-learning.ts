/**
 * What a test cost to learn, per arm: spend, CPC, CPA and ROAS with intervals, and the opportunity cost of the
 * arms that lost (conversions they would have had at the winner's rate).
 *
 * Spend is known exactly; the counts under it are random. So CPA = spend / conversions and CPC = spend / clicks
 * get Fieller intervals: with an exact numerator, Fieller's set is the image of the denominator's Wald interval,
 * [S / (x + z·se), S / (x − z·se)], asymmetric and unbounded above (null) when the denominator's interval reaches
 * 0. Conversions are Binomial(n, p) (se² = x(1 − x/n)), clicks Poisson (se² = clicks). ROAS = revenue / spend is
 * linear in revenue, so its delta-method interval is exact in form: (R ± z·√n·sd) / S, with sd the per-unit
 * revenue spread.
 * Opportunity cost of a losing arm with n units and x conversions, winner rate p_w = x_w / n_w:
 * lost = n·p_w − x, Var ≈ n²·p_w(1 − p_w)/n_w + x(1 − x/n) (independent arms, delta method).
 */
import { normalQuantileUpper } from './distributions';
import type { Interval } from './types';

export type LearningArm = {
  key: string;
  name: string;
  /** Units of the primary metric (visitors, clicks, sessions…). */
  units: number;
  conversions: number | null;
  /** Paid clicks, when the workspace measures them (a click metric or a CPC metric). */
  clicks: number | null;
  spend: number | null;
  revenue: number | null;
  /** Per-unit revenue standard deviation (for the ROAS interval). */
  revenueSd: number | null;
};
export type RatioEstimate = {
  estimate: number | null;
  /** Lower and upper bound; the upper is null when the interval has no finite upper end. */
  ci: [number, number | null] | null;
  method: 'fieller' | 'delta';
  note: string | null;
};
export type ArmCost = {
  key: string;
  name: string;
  spend: number | null;
  units: number;
  conversions: number | null;
  revenue: number | null;
  cpc: RatioEstimate;
  cpa: RatioEstimate;
  roas: RatioEstimate;
};
export type OpportunityCost = {
  key: string;
  name: string;
  /** Conversions this arm would have had at the winner's rate, minus what it had (negative: it did better). */
  conversionsLost: number;
  ci: Interval | null;
  /** conversionsLost × the winner's revenue per conversion, when revenue is known. */
  revenueLost: number | null;
  /** What was spent on this arm. */
  spend: number | null;
};
export type CostOfLearning = {
  alpha: number;
  totalSpend: number | null;
  arms: ArmCost[];
  /** The arm the others are measured against: the decided winner, or the best conversion rate. */
  winnerKey: string | null;
  opportunity: OpportunityCost[];
  conversionsLost: number | null;
  notes: string[];
};

const none = (method: RatioEstimate['method'], note: string): RatioEstimate => ({
  estimate: null,
  ci: null,
  method,
  note,
});

/** spend / count with the count's standard error: Fieller for an exact numerator. */
export function fiellerExactNumerator(spend: number, count: number, se: number, z: number): RatioEstimate {
  const estimate = spend / count;
  const low = count + z * se;
  const high = count - z * se;
  return {
    estimate,
    ci: [spend / low, high > 0 ? spend / high : null],
    method: 'fieller',
    note: high > 0 ? null : 'too few to bound it above: the interval is open-ended',
  };
}

function cpa(arm: LearningArm, z: number): RatioEstimate {
  if (arm.spend == null) return none('fieller', `${arm.name} has no spend recorded`);
  const x = arm.conversions;
  if (x == null || x <= 0) return none('fieller', `${arm.name} has no conversions, so CPA is undefined`);
  return fiellerExactNumerator(arm.spend, x, Math.sqrt(x * Math.max(0, 1 - x / arm.units)), z);
}

function cpc(arm: LearningArm, z: number): RatioEstimate {
  if (arm.spend == null) return none('fieller', `${arm.name} has no spend recorded`);
  const c = arm.clicks;
  if (c == null || c <= 0) return none('fieller', `${arm.name} has no clicks measured, so CPC is undefined`);
  return fiellerExactNumerator(arm.spend, c, Math.sqrt(c), z);
}

function roas(arm: LearningArm, z: number): RatioEstimate {
  if (!arm.spend) return none('delta', `${arm.name} has no spend, so ROAS is undefined`);
  if (arm.revenue == null) return none('delta', `${arm.name} has no revenue recorded`);
  const estimate = arm.revenue / arm.spend;
  if (arm.revenueSd == null || arm.units < 2)
    return { estimate, ci: null, method: 'delta', note: 'no per-unit revenue spread, so no interval' };
  const half = (z * Math.sqrt(arm.units) * arm.revenueSd) / arm.spend;
  return { estimate, ci: [estimate - half, estimate + half], method: 'delta', note: null };
}

const rate = (a: LearningArm) => (a.conversions != null && a.units > 0 ? a.conversions / a.units : null);

function pickWinner(arms: LearningArm[], winnerKey: string | null | undefined): LearningArm | null {
  const named = winnerKey ? arms.find((a) => a.key === winnerKey) : undefined;
  if (named) return rate(named) == null ? null : named;
  const rated = arms.filter((a) => rate(a) != null);
  return rated.reduce<LearningArm | null>((best, a) => (best && rate(best)! >= rate(a)! ? best : a), null);
}

function opportunityOf(arm: LearningArm, winner: LearningArm, z: number): OpportunityCost {
  const pw = winner.conversions! / winner.units;
  const x = arm.conversions ?? 0;
  const lost = arm.units * pw - x;
  const variance = (arm.units * arm.units * pw * (1 - pw)) / winner.units + x * Math.max(0, 1 - x / arm.units);
  const half = z * Math.sqrt(variance);
  const perConversion = winner.revenue != null && winner.conversions! > 0 ? winner.revenue / winner.conversions! : null;
  return {
    key: arm.key,
    name: arm.name,
    conversionsLost: lost,
    ci: variance > 0 ? [lost - half, lost + half] : null,
    revenueLost: perConversion == null ? null : lost * perConversion,
    spend: arm.spend,
  };
}

export function costOfLearning(input: {
  arms: LearningArm[];
  winnerKey?: string | null;
  alpha?: number;
}): CostOfLearning {
  const alpha = input.alpha ?? 0.05;
  const z = normalQuantileUpper(alpha / 2);
  const spends = input.arms.map((a) => a.spend).filter((s): s is number => s != null);
  const winner = pickWinner(input.arms, input.winnerKey);
  const notes: string[] = [];
  if (!winner) notes.push('no arm has a conversion rate yet, so there is no opportunity cost to count');
  const opportunity = winner
    ? input.arms.filter((a) => a !== winner && a.conversions != null).map((a) => opportunityOf(a, winner, z))
    : [];
  return {
    alpha,
    totalSpend: spends.length ? spends.reduce((s, x) => s + x, 0) : null,
    arms: input.arms.map((a) => ({
      key: a.key,
      name: a.name,
      spend: a.spend,
      units: a.units,
      conversions: a.conversions,
      revenue: a.revenue,
      cpc: cpc(a, z),
      cpa: cpa(a, z),
      roas: roas(a, z),
    })),
    winnerKey: winner?.key ?? null,
    opportunity,
    conversionsLost: winner ? opportunity.reduce((s, o) => s + Math.max(0, o.conversionsLost), 0) : null,
    notes,
  };
}
