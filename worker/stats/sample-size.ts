/**
 * Sample size and duration for a two-sided test at level alpha with the given power.
 * Proportions follow R's power.prop.test (strict = FALSE): pooled variance under H0, unpooled under H1,
 *   n = (z_{α/2} √(2 p̄ q̄) + z_β √(p₁q₁ + p₂q₂))² / (p₂ − p₁)²,
 * which is the closed-form root of the power equation R solves numerically. Means use the two-sample
 * normal formula n = 2σ²(z_{α/2} + z_β)² / δ². Per-variant n is rounded up; variants are not corrected
 * for multiplicity (the plan states alpha per comparison).
 */
import { normalQuantileUpper } from './distributions';
import type { SampleSizeMeanInput, SampleSizePlan, SampleSizeProportionInput } from './types';

function plan(exactPerVariant: number, variants: number, dailyUnits: number | undefined): SampleSizePlan {
  if (!Number.isFinite(exactPerVariant) || exactPerVariant <= 0)
    throw new RangeError('sample size is not finite for these inputs');
  const perVariant = Math.ceil(exactPerVariant);
  const total = perVariant * variants;
  return { perVariant, total, days: dailyUnits && dailyUnits > 0 ? Math.ceil(total / dailyUnits) : null };
}

/** The unrounded per-arm n of power.prop.test. */
export function sampleSizeProportionExact(
  baselineRate: number,
  relativeMde: number,
  alpha = 0.05,
  power = 0.8,
): number {
  const p1 = baselineRate;
  const p2 = baselineRate * (1 + relativeMde);
  if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1 && p1 !== p2)) {
    throw new RangeError(
      'baselineRate and baselineRate × (1 + relativeMde) must be different rates strictly between 0 and 1',
    );
  }
  const zAlpha = normalQuantileUpper(alpha / 2);
  const zBeta = normalQuantileUpper(1 - power);
  const pBar = (p1 + p2) / 2;
  const root = zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (root * root) / ((p2 - p1) * (p2 - p1));
}

export function sampleSizeProportion(input: SampleSizeProportionInput): SampleSizePlan {
  const n = sampleSizeProportionExact(input.baselineRate, input.relativeMde, input.alpha, input.power);
  return plan(n, input.variants ?? 2, input.dailyUnits);
}

export function sampleSizeMeanExact(
  baselineMean: number,
  sd: number,
  relativeMde: number,
  alpha = 0.05,
  power = 0.8,
): number {
  const delta = Math.abs(baselineMean * relativeMde);
  if (!(delta > 0 && sd > 0)) throw new RangeError('the effect (baselineMean × relativeMde) and sd must be non-zero');
  const z = normalQuantileUpper(alpha / 2) + normalQuantileUpper(1 - power);
  return (2 * sd * sd * z * z) / (delta * delta);
}

export function sampleSizeMean(input: SampleSizeMeanInput): SampleSizePlan {
  const n = sampleSizeMeanExact(input.baselineMean, input.sd, input.relativeMde, input.alpha, input.power);
  return plan(n, input.variants ?? 2, input.dailyUnits);
}
