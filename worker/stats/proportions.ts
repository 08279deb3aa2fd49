/** Two-proportion tests: pooled z-test (no continuity correction) and the unpooled Wald interval. */
import { normalQuantileUpper, normalSf } from './distributions';
import type { Arm } from './arms';
import type { Interval } from './types';

export type ZTest = { statistic: number; pValue: number };

/** Pooled z-test of p_B − p_A; null when the pooled rate is 0 or 1 (no variance under H0). */
export function pooledZTest(a: Arm, b: Arm): ZTest | null {
  if (a.mean === null || b.mean === null) return null;
  const pooled = (a.conversions + b.conversions) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  if (!(se > 0)) return null;
  const statistic = (b.mean - a.mean) / se;
  // 2·P(Z > |z|) from the survival function, so p ≈ 1e-190 keeps all its digits.
  return { statistic, pValue: Math.min(1, 2 * normalSf(Math.abs(statistic))) };
}

/** Unpooled Wald interval of p_B − p_A at 1 − alpha (not clamped to [−1, 1]); null when its width is 0. */
export function waldInterval(a: Arm, b: Arm, alpha: number): Interval | null {
  if (a.mean === null || b.mean === null || a.variance === null || b.variance === null) return null;
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  if (!(se > 0)) return null;
  const diff = b.mean - a.mean;
  const crit = normalQuantileUpper(alpha / 2);
  return [diff - crit * se, diff + crit * se];
}
