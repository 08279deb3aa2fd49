/**
 * Money metrics per variant with delta-method (normal) intervals, spend treated as fixed:
 *   CPC  = spend / clicks (units),      Var ≈ CPC² / clicks                (clicks ~ Poisson)
 *   CPA  = spend / conversions,         Var ≈ CPA² (1 − x/n) / x           (conversions ~ Binomial(n, p))
 *   ROAS = revenue / spend,             Var ≈ n · revenueSd² / spend²      (revenue = Σ per-unit values)
 * Differences use Var_A + Var_B; relative lift uses the same delta method as gbstats (no covariance).
 * ROAS without revenueSd has an estimate but no interval.
 */
import { normalQuantileUpper, normalSf } from './distributions';
import type { CostComparison, CostInput, CostResult, CostVariant, Interval } from './types';

type CostArm = { estimate: number | null; variance: number | null; note: string | null };

function costArm(formula: CostInput['formula'], v: CostVariant): CostArm {
  if (formula === 'cpc') {
    if (v.units === 0) return { estimate: null, variance: null, note: `${v.name} has no clicks, so CPC is undefined` };
    const cpc = v.spend / v.units;
    return { estimate: cpc, variance: (cpc * cpc) / v.units, note: null };
  }
  if (formula === 'cpa') {
    const x = v.conversions ?? 0;
    if (x === 0) return { estimate: null, variance: null, note: `${v.name} has no conversions, so CPA is undefined` };
    const cpa = v.spend / x;
    return { estimate: cpa, variance: (cpa * cpa * (1 - x / v.units)) / x, note: null };
  }
  if (v.spend === 0) return { estimate: null, variance: null, note: `${v.name} has no spend, so ROAS is undefined` };
  const roas = (v.revenue ?? 0) / v.spend;
  if (v.revenueSd === undefined || v.units < 2) {
    return {
      estimate: roas,
      variance: null,
      note: `${v.name} has no per-unit revenue spread (revenueSd, two or more units), so ROAS has no interval`,
    };
  }
  return { estimate: roas, variance: (v.units * v.revenueSd * v.revenueSd) / (v.spend * v.spend), note: null };
}

const finiteOrNull = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);

function interval(estimate: number, variance: number, z: number): Interval | null {
  const half = z * Math.sqrt(variance);
  const ci: Interval = [estimate - half, estimate + half];
  return variance > 0 && Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? ci : null;
}

function compareArms(a: CostArm, b: CostArm, name: string, z: number): CostComparison {
  const out: CostComparison = {
    name,
    estimate: finiteOrNull(b.estimate),
    ci: b.estimate !== null && b.variance !== null ? interval(b.estimate, b.variance, z) : null,
    absoluteLift: null,
    relativeLift: null,
    ciAbsolute: null,
    pValue: null,
    relative: null,
    notes: [a.note, b.note].filter((n): n is string => n !== null),
  };
  if (a.estimate === null || b.estimate === null) return out;
  out.absoluteLift = finiteOrNull(b.estimate - a.estimate);
  out.relativeLift = a.estimate !== 0 ? finiteOrNull(b.estimate / a.estimate - 1) : null;
  if (a.estimate === 0) out.notes.push('the control is 0, so relative change is undefined');
  if (a.variance === null || b.variance === null) return out;
  if (!(a.variance + b.variance > 0)) {
    out.notes.push('neither arm has any uncertainty, so there is no test');
    return out;
  }
  const diff = b.estimate - a.estimate;
  const se = Math.sqrt(a.variance + b.variance);
  out.ciAbsolute = interval(diff, a.variance + b.variance, z);
  out.pValue = finiteOrNull(Math.min(1, 2 * normalSf(Math.abs(diff) / se)));
  if (a.estimate === 0) return out;
  const ratio = b.estimate / a.estimate;
  const relVariance = b.variance / (a.estimate * a.estimate) + (ratio * ratio * a.variance) / (a.estimate * a.estimate);
  const sr = Math.sqrt(relVariance);
  if (relVariance > 0 && Number.isFinite(sr)) {
    const rel = ratio - 1;
    out.relative = {
      stddev: sr,
      ci: [rel - z * sr, rel + z * sr],
      pValue: Math.min(1, 2 * normalSf(Math.abs(rel) / sr)),
    };
  } else {
    out.notes.push('the relative change has no computable uncertainty');
  }
  return out;
}

export function compareCost(input: CostInput): CostResult {
  const z = normalQuantileUpper((input.alpha ?? 0.05) / 2);
  const arms = input.variants.map((v) => costArm(input.formula, v));
  const [a, ...rest] = arms;
  const control = input.variants[0];
  if (!a || !control || rest.length === 0)
    throw new RangeError('compareCost needs a control and at least one treatment');
  return {
    control: {
      name: control.name,
      estimate: finiteOrNull(a.estimate),
      ci: a.estimate !== null && a.variance !== null ? interval(a.estimate, a.variance, z) : null,
    },
    variants: rest.map((b, i) => compareArms(a, b, input.variants[i + 1]?.name ?? '', z)),
  };
}
