/**
 * zod input schemas for the statistics endpoints and calculators. They reject impossible data with an
 * issue whose path names the field (e.g. `variants.1.conversions`) and whose message names the variant,
 * and cap magnitudes so nothing downstream can overflow. Degenerate but possible data (zero units, zero
 * conversions, identical arms) is accepted: the engine answers it with nulls and notes.
 */
import { z } from 'zod';
import type { CompareInput, CostInput, MeanVariant, ProportionVariant } from './types';
import { sampleSizeProportionExact } from './sample-size';

export const MAX_UNITS = 1e12;
/** Largest magnitude accepted for means, sds, spend and revenue. */
export const MAX_VALUE = 1e12;
export const MAX_VARIANTS = 20;

// z.number() already rejects NaN and ±Infinity in zod 4; the rest is checked with variant names below.
const num = z.number();
const alphaSchema = z
  .number()
  .gt(0, { error: 'alpha must be greater than 0' })
  .lt(0.5, { error: 'alpha must be below 0.5' });

type Ctx = z.RefinementCtx;
const issue = (ctx: Ctx, path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

function checkCount(ctx: Ctx, path: (string | number)[], field: string, value: number, who: string): boolean {
  if (!Number.isInteger(value)) issue(ctx, path, `${field} (${value}) must be a whole number for ${who}`);
  else if (value < 0) issue(ctx, path, `${field} (${value}) cannot be negative for ${who}`);
  else if (value > MAX_UNITS) issue(ctx, path, `${field} (${value}) is above the limit of ${MAX_UNITS} for ${who}`);
  else return true;
  return false;
}

function checkValue(
  ctx: Ctx,
  path: (string | number)[],
  field: string,
  value: number,
  who: string,
  opts: { min?: number; max?: number } = {},
): boolean {
  const max = opts.max ?? MAX_VALUE;
  if (opts.min !== undefined && value < opts.min) issue(ctx, path, `${field} (${value}) cannot be negative for ${who}`);
  else if (Math.abs(value) > max) issue(ctx, path, `${field} (${value}) is above the limit of ${max} for ${who}`);
  else return true;
  return false;
}

function checkWeights(ctx: Ctx, weights: number[] | undefined, count: number, label: string) {
  if (!weights) return;
  if (weights.length !== count)
    issue(ctx, ['weights'], `weights has ${weights.length} entries but there are ${count} ${label}`);
  weights.forEach((w, i) => {
    if (!(w > 0)) issue(ctx, ['weights', i], `weight ${i + 1} (${w}) must be greater than 0`);
    else if (w > MAX_UNITS) issue(ctx, ['weights', i], `weight ${i + 1} (${w}) is above the limit of ${MAX_UNITS}`);
  });
}

const variantSchema = z.object({
  name: z.string().trim().min(1, { error: 'every variant needs a name' }).max(100),
  units: num,
  conversions: num.optional(),
  mean: num.optional(),
  sd: num.optional(),
  sum: num.optional(),
  sumSquares: num.optional(),
});
type RawVariant = z.infer<typeof variantSchema>;

const MEAN_FIELDS = ['mean', 'sd', 'sum', 'sumSquares'] as const;

function checkProportionVariant(ctx: Ctx, v: RawVariant, i: number, who: string) {
  const at = (f: string) => ['variants', i, f];
  const extra = MEAN_FIELDS.find((f) => v[f] !== undefined);
  if (extra)
    issue(
      ctx,
      at(extra),
      `${extra} does not belong in a proportion metric (variant ${v.name}); send units and conversions`,
    );
  if (v.conversions === undefined)
    return issue(ctx, at('conversions'), `conversions is required for variant ${v.name}`);
  const unitsOk = checkCount(ctx, at('units'), 'units', v.units, who);
  if (checkCount(ctx, at('conversions'), 'conversions', v.conversions, who) && unitsOk && v.conversions > v.units) {
    issue(ctx, at('conversions'), `conversions (${v.conversions}) exceed units (${v.units}) for ${who}`);
  }
}

function meanShape(v: RawVariant): 'mean' | 'sum' | null {
  if (v.mean !== undefined && v.sd !== undefined && v.sum === undefined && v.sumSquares === undefined) return 'mean';
  if (v.sum !== undefined && v.sumSquares !== undefined && v.mean === undefined && v.sd === undefined) return 'sum';
  return null;
}

function checkMeanVariant(ctx: Ctx, v: RawVariant, i: number, who: string) {
  const at = (f: string) => ['variants', i, f];
  if (v.conversions !== undefined)
    issue(ctx, at('conversions'), `conversions does not belong in a mean metric (variant ${v.name})`);
  const unitsOk = checkCount(ctx, at('units'), 'units', v.units, who);
  const shape = meanShape(v);
  if (shape === null) {
    const field = v.mean === undefined && v.sum === undefined ? 'mean' : v.mean !== undefined ? 'sd' : 'sumSquares';
    return issue(ctx, at(field), `variant ${v.name} needs either mean and sd, or sum and sumSquares (not a mix)`);
  }
  if (shape === 'mean') {
    checkValue(ctx, at('mean'), 'mean', v.mean as number, who);
    checkValue(ctx, at('sd'), 'sd', v.sd as number, who, { min: 0 });
    return;
  }
  const sum = v.sum as number;
  const sumSquares = v.sumSquares as number;
  const sumOk = checkValue(ctx, at('sum'), 'sum', sum, who, { max: MAX_VALUE * MAX_UNITS });
  const ssOk = checkValue(ctx, at('sumSquares'), 'sumSquares', sumSquares, who, {
    min: 0,
    max: MAX_VALUE * MAX_VALUE * MAX_UNITS,
  });
  if (!sumOk || !ssOk || !unitsOk) return;
  if (v.units === 0 && (sum !== 0 || sumSquares !== 0))
    return issue(ctx, at('sum'), `sum and sumSquares must be 0 when ${who} has no units`);
  // Σx² ≥ (Σx)²/n (Cauchy–Schwarz); allow rounding in how the caller accumulated the sums.
  if (v.units > 0 && sumSquares - (sum * sum) / v.units < -1e-9 * Math.max(sumSquares, 1)) {
    issue(
      ctx,
      at('sumSquares'),
      `sumSquares (${sumSquares}) is too small for sum (${sum}) over ${v.units} units: the variance would be negative for ${who}`,
    );
  }
}

export const compareInputSchema = z
  .object({
    metric: z.enum(['proportion', 'mean']),
    variants: z
      .array(variantSchema)
      .min(2, { error: 'at least two variants are needed: the control first, then one or more treatments' })
      .max(MAX_VARIANTS, { error: `at most ${MAX_VARIANTS} variants` }),
    alpha: alphaSchema.default(0.05),
    correction: z.enum(['none', 'holm', 'bh']).default('holm'),
    weights: z.array(num).optional(),
    sequentialTuning: num.gt(0, { error: 'sequentialTuning must be positive' }).max(MAX_UNITS).default(5000),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.variants.forEach((v, i) => {
      if (seen.has(v.name)) issue(ctx, ['variants', i, 'name'], `variant name "${v.name}" is used twice`);
      seen.add(v.name);
      const who = `variant ${v.name}`;
      if (input.metric === 'proportion') checkProportionVariant(ctx, v, i, who);
      else checkMeanVariant(ctx, v, i, who);
    });
    if (input.metric === 'mean') {
      const shapes = new Set(input.variants.map(meanShape).filter((s) => s !== null));
      if (shapes.size > 1)
        issue(ctx, ['variants'], 'all variants must use the same shape: mean and sd, or sum and sumSquares');
    }
    checkWeights(ctx, input.weights, input.variants.length, 'variants');
  })
  .transform((input): CompareInput => {
    const variants = input.variants.map((v): ProportionVariant | MeanVariant => {
      if (input.metric === 'proportion') return { name: v.name, units: v.units, conversions: v.conversions as number };
      return v.mean !== undefined
        ? { name: v.name, units: v.units, mean: v.mean, sd: v.sd as number }
        : { name: v.name, units: v.units, sum: v.sum as number, sumSquares: v.sumSquares as number };
    });
    return {
      metric: input.metric,
      variants,
      alpha: input.alpha,
      correction: input.correction,
      sequentialTuning: input.sequentialTuning,
      ...(input.weights ? { weights: input.weights } : {}),
    };
  });

const powerSchema = z
  .number()
  .min(0.5, { error: 'power must be at least 0.5' })
  .lt(1, { error: 'power must be below 1' });
const plannedVariants = z
  .number()
  .int({ error: 'variants must be a whole number' })
  .min(2, { error: 'at least two variants' })
  .max(MAX_VARIANTS);
const dailyUnits = z.number().gt(0, { error: 'dailyUnits must be positive' }).max(MAX_UNITS).optional();
const relativeMdeSchema = z
  .number()
  .refine((x) => x !== 0, { error: 'relativeMde cannot be 0' })
  .refine((x) => x === 0 || Math.abs(x) >= 1e-6, { error: 'relativeMde is too small to plan for (below 0.0001%)' })
  .refine((x) => Math.abs(x) <= 100, { error: 'relativeMde is above 100 (10,000%)' });

export const sampleSizeInputSchema = z
  .object({
    baselineRate: z
      .number()
      .gt(0, { error: 'baselineRate must be above 0' })
      .lt(1, { error: 'baselineRate must be below 1' }),
    relativeMde: relativeMdeSchema,
    alpha: alphaSchema.default(0.05),
    power: powerSchema.default(0.8),
    variants: plannedVariants.default(2),
    dailyUnits,
  })
  .superRefine((input, ctx) => {
    const target = input.baselineRate * (1 + input.relativeMde);
    if (!(target > 0 && target < 1)) {
      issue(
        ctx,
        ['relativeMde'],
        `a ${input.relativeMde * 100}% change on ${input.baselineRate * 100}% gives ${target * 100}%, which is not a rate between 0% and 100%`,
      );
      return;
    }
    // A vanishing rate makes the answer overflow: say so about the input rather than fail on the output.
    const n = requiredPerVariant(input.baselineRate, input.relativeMde, input.alpha, input.power);
    if (!(n > 0 && n <= MAX_UNITS))
      issue(
        ctx,
        ['baselineRate'],
        'at this rate no test could detect the change: it would need over 10¹² units per variant',
      );
  });

const requiredPerVariant = (rate: number, mde: number, alpha: number, power: number) => {
  try {
    return sampleSizeProportionExact(rate, mde, alpha, power);
  } catch {
    return Number.NaN;
  }
};

export const sampleSizeMeanInputSchema = z.object({
  baselineMean: z
    .number()
    .refine((x) => x !== 0 && Math.abs(x) <= MAX_VALUE, { error: 'baselineMean must be non-zero and within ±1e12' }),
  sd: z.number().gt(0, { error: 'sd must be positive' }).max(MAX_VALUE),
  relativeMde: relativeMdeSchema,
  alpha: alphaSchema.default(0.05),
  power: powerSchema.default(0.8),
  variants: plannedVariants.default(2),
  dailyUnits,
});

export const srmInputSchema = z
  .object({
    observed: z.array(num).min(2, { error: 'at least two observed counts are needed' }).max(MAX_VARIANTS),
    weights: z.array(num).optional(),
  })
  .superRefine((input, ctx) => {
    input.observed.forEach((o, i) => checkCount(ctx, ['observed', i], 'observed count', o, `variant ${i + 1}`));
    checkWeights(ctx, input.weights, input.observed.length, 'observed counts');
  });

export const costInputSchema = z
  .object({
    formula: z.enum(['cpa', 'cpc', 'roas']),
    variants: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(100),
          units: num,
          spend: num,
          conversions: num.optional(),
          revenue: num.optional(),
          revenueSd: num.optional(),
        }),
      )
      .min(2, { error: 'at least two variants are needed: the control first, then one or more treatments' })
      .max(MAX_VARIANTS),
    alpha: alphaSchema.default(0.05),
  })
  .superRefine((input, ctx) => {
    input.variants.forEach((v, i) => {
      const who = `variant ${v.name}`;
      const at = (f: string) => ['variants', i, f];
      const unitsOk = checkCount(ctx, at('units'), 'units', v.units, who);
      checkValue(ctx, at('spend'), 'spend', v.spend, who, { min: 0 });
      if (input.formula === 'cpa' && v.conversions === undefined)
        issue(ctx, at('conversions'), `conversions is required for CPA (${who})`);
      if (input.formula === 'roas' && v.revenue === undefined)
        issue(ctx, at('revenue'), `revenue is required for ROAS (${who})`);
      if (
        v.conversions !== undefined &&
        checkCount(ctx, at('conversions'), 'conversions', v.conversions, who) &&
        unitsOk &&
        v.conversions > v.units
      ) {
        issue(ctx, at('conversions'), `conversions (${v.conversions}) exceed units (${v.units}) for ${who}`);
      }
      if (v.revenue !== undefined) checkValue(ctx, at('revenue'), 'revenue', v.revenue, who);
      if (v.revenueSd !== undefined) checkValue(ctx, at('revenueSd'), 'revenueSd', v.revenueSd, who, { min: 0 });
    });
  })
  .transform((input): CostInput => input);
