/**
 * Relative lift (mean_B − mean_A) / mean_A the way GrowthBook's gbstats does its frequentist and
 * sequential tests: delta-method variance without covariance,
 *   Var = σ_B²/(μ_A² n_B) + σ_A² μ_B²/(μ_A⁴ n_A),
 * Student t with the Welch df of the raw variances for the fixed-horizon test, and Howard et al.'s
 * asymptotic confidence sequence (gbstats SequentialTwoSidedTTest) for the always-valid one.
 */
import { welchDf, type Arm } from './arms';
import { tTest } from './means';
import type { RelativeResult, SequentialResult } from './types';

export type RelativeLift = { lift: number; stddev: number; df: number; nA: number; nB: number };

/** Why the relative lift cannot be tested, or null when it can. */
export function relativeUnavailable(a: Arm, b: Arm): string | null {
  if (a.mean === null || b.mean === null) return 'an arm has no units';
  if (a.mean === 0) return 'the control is 0, so relative lift is undefined';
  if (a.variance === null || b.variance === null || a.n < 2 || b.n < 2)
    return 'an arm has fewer than two units, so its variance is unknown';
  return null;
}

export function relativeLift(a: Arm, b: Arm): RelativeLift | string {
  const why = relativeUnavailable(a, b);
  if (why !== null) return why;
  const mA = a.mean as number;
  const mB = b.mean as number;
  const vA = a.variance as number;
  const vB = b.variance as number;
  // Written as ratios so μ_A ≈ 0 overflows only when the answer truly is astronomically wide.
  const r = mB / mA;
  const variance = vB / (mA * mA * b.n) + (vA * r * r) / (mA * mA * a.n);
  if (!(variance > 0)) return 'neither arm varies, so the relative lift has no uncertainty to test';
  const stddev = Math.sqrt(variance);
  const lift = (mB - mA) / mA;
  if (!Number.isFinite(stddev) || !Number.isFinite(lift)) return 'the control is too close to 0 for a relative lift';
  return { lift, stddev, df: welchDf(vA, a.n, vB, b.n), nA: a.n, nB: b.n };
}

export function relativeTest(rel: RelativeLift, alpha: number): RelativeResult {
  const { pValue, ci } = tTest(rel.lift, rel.stddev, rel.df, alpha);
  return { stddev: rel.stddev, ci, pValue };
}

/**
 * gbstats' sequential two-sided test: with N = n_A + n_B, ρ = √((−2 ln α + ln(1 − 2 ln α)) / tuning),
 * half-width = √(N Var) √(2(Nρ² + 1) ln(√(Nρ² + 1)/α) / (Nρ)²) and e-value
 * exp(ρ² T² / (2(Nρ² + 1))) / √(Nρ² + 1) with T² = lift² N / Var; p = min(1, 1/e). The e-value is kept in
 * logs so a huge effect gives p = 0 rather than overflowing.
 */
export function sequentialTest(rel: RelativeLift, alpha: number, tuning: number): SequentialResult {
  const n = rel.nA + rel.nB;
  const logAlpha = Math.log(alpha);
  const rho2 = (-2 * logAlpha + Math.log(1 - 2 * logAlpha)) / tuning;
  const scale = n * rho2 + 1;
  const variance = rel.stddev * rel.stddev;
  const half = Math.sqrt(variance * n) * Math.sqrt((2 * scale * (0.5 * Math.log(scale) - logAlpha)) / (n * n * rho2));
  const t2 = (rel.lift * rel.lift * n) / variance;
  const logE = (rho2 * t2) / (2 * scale) - 0.5 * Math.log(scale);
  return { ci: [rel.lift - half, rel.lift + half], pValue: Math.min(1, Math.exp(-logE)) };
}
