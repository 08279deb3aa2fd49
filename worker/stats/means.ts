/** Welch's unequal-variance t-test of mean_B − mean_A with a t-based interval. */
import { tQuantileUpper, tSf } from './distributions';
import { welchDf, type Arm } from './arms';
import type { Interval } from './types';

export type WelchTest = { statistic: number; df: number; pValue: number; ci: Interval };

/** Student-t test of an estimate with standard error se and (real) df, two-sided, CI at 1 − alpha. */
export function tTest(
  estimate: number,
  se: number,
  df: number,
  alpha: number,
): { statistic: number; pValue: number; ci: Interval } {
  const statistic = estimate / se;
  const crit = tQuantileUpper(alpha / 2, df);
  return {
    statistic,
    pValue: Math.min(1, 2 * tSf(Math.abs(statistic), df)),
    ci: [estimate - crit * se, estimate + crit * se],
  };
}

/** null when a variance is undefined (fewer than two units) or both are zero. */
export function welchTest(a: Arm, b: Arm, alpha: number): WelchTest | null {
  if (a.mean === null || b.mean === null || a.variance === null || b.variance === null) return null;
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  if (!(se > 0)) return null;
  const df = welchDf(a.variance, a.n, b.variance, b.n);
  return { ...tTest(b.mean - a.mean, se, df, alpha), df };
}
