/**
 * One arm reduced to what every test needs: n, the mean (the rate, for proportions) and the per-unit
 * variance with the n − 1 denominator (p(1 − p) for proportions, as gbstats). null where undefined.
 */
import type { MeanVariant, ProportionVariant } from './types';

export type Arm = { name: string; n: number; mean: number | null; variance: number | null; conversions: number };

export function proportionArm(v: ProportionVariant): Arm {
  if (v.units === 0) return { name: v.name, n: 0, mean: null, variance: null, conversions: 0 };
  const p = v.conversions / v.units;
  return { name: v.name, n: v.units, mean: p, variance: p * (1 - p), conversions: v.conversions };
}

export function meanArm(v: MeanVariant): Arm {
  const n = v.units;
  if (n === 0) return { name: v.name, n: 0, mean: null, variance: null, conversions: 0 };
  if ('mean' in v) return { name: v.name, n, mean: v.mean, variance: n >= 2 ? v.sd * v.sd : null, conversions: 0 };
  const mean = v.sum / n;
  // Σx² − (Σx)²/n can dip a few ulps below 0 for constant data; that is zero variance, not an error.
  const variance = n >= 2 ? Math.max(0, (v.sumSquares - (v.sum * v.sum) / n) / (n - 1)) : null;
  return { name: v.name, n, mean, variance, conversions: 0 };
}

/** Welch–Satterthwaite degrees of freedom (unrounded) from per-unit variances. */
export function welchDf(varianceA: number, nA: number, varianceB: number, nB: number): number {
  const a = varianceA / nA;
  const b = varianceB / nB;
  return ((a + b) * (a + b)) / ((a * a) / (nA - 1) + (b * b) / (nB - 1));
}
