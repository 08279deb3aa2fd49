import { describe, expect, it } from 'vitest';
import { compareInputSchema, costInputSchema, sampleSizeInputSchema, srmInputSchema } from '../../worker/stats';

type Issue = { path: PropertyKey[]; message: string };
function issues(
  schema: { safeParse(x: unknown): { success: boolean; error?: { issues: Issue[] } } },
  input: unknown,
): { path: string; message: string }[] {
  const r = schema.safeParse(input);
  expect(r.success, `expected ${JSON.stringify(input)} to be rejected`).toBe(false);
  return (r.error?.issues ?? []).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

const P = (name: string, units: number, conversions: number) => ({ name, units, conversions });
const prop = (...variants: unknown[]) => ({ metric: 'proportion', variants });
const mean = (...variants: unknown[]) => ({ metric: 'mean', variants });

describe('compareInputSchema rejects impossible input, naming variant and field', () => {
  it.each([
    [
      'conversions exceed units',
      prop(P('A', 100, 10), P('B', 100, 120)),
      'variants.1.conversions',
      'conversions (120) exceed units (100) for variant B',
    ],
    [
      'negative units',
      prop(P('A', -5, 0), P('B', 100, 1)),
      'variants.0.units',
      'units (-5) cannot be negative for variant A',
    ],
    [
      'negative conversions',
      prop(P('A', 5, 0), P('B', 100, -1)),
      'variants.1.conversions',
      'conversions (-1) cannot be negative for variant B',
    ],
    [
      'fractional conversions',
      prop(P('A', 5, 0.5), P('B', 100, 1)),
      'variants.0.conversions',
      'conversions (0.5) must be a whole number for variant A',
    ],
    [
      'units above the cap',
      prop(P('A', 1e13, 0), P('B', 100, 1)),
      'variants.0.units',
      'units (10000000000000) is above the limit of 1000000000000 for variant A',
    ],
    [
      'missing conversions',
      prop(P('A', 5, 0), { name: 'B', units: 10 }),
      'variants.1.conversions',
      'conversions is required for variant B',
    ],
    [
      'negative sd',
      mean({ name: 'A', units: 10, mean: 1, sd: 1 }, { name: 'B', units: 10, mean: 1, sd: -2 }),
      'variants.1.sd',
      'sd (-2) cannot be negative for variant B',
    ],
    [
      'absurd mean',
      mean({ name: 'A', units: 10, mean: 1e308, sd: 1 }, { name: 'B', units: 10, mean: 1, sd: 2 }),
      'variants.0.mean',
      'mean (1e+308) is above the limit of 1000000000000 for variant A',
    ],
    [
      'sumSquares below (sum)²/n',
      mean({ name: 'A', units: 10, sum: 100, sumSquares: 500 }, { name: 'B', units: 10, sum: 10, sumSquares: 20 }),
      'variants.0.sumSquares',
      'sumSquares (500) is too small for sum (100) over 10 units: the variance would be negative for variant A',
    ],
    [
      'conversions in a mean metric',
      mean({ name: 'A', units: 10, mean: 1, sd: 1 }, { name: 'B', units: 10, conversions: 3, mean: 1, sd: 1 }),
      'variants.1.conversions',
      'conversions does not belong in a mean metric (variant B)',
    ],
    [
      'half a mean shape',
      mean({ name: 'A', units: 10, mean: 1 }, { name: 'B', units: 10, mean: 1, sd: 1 }),
      'variants.0.sd',
      'variant A needs either mean and sd, or sum and sumSquares (not a mix)',
    ],
    [
      'mixed mean shapes',
      mean({ name: 'A', units: 10, mean: 1, sd: 1 }, { name: 'B', units: 10, sum: 10, sumSquares: 20 }),
      'variants',
      'all variants must use the same shape: mean and sd, or sum and sumSquares',
    ],
    [
      'mean fields in a proportion metric',
      prop(P('A', 5, 0), { ...P('B', 10, 1), mean: 2 }),
      'variants.1.mean',
      'mean does not belong in a proportion metric (variant B); send units and conversions',
    ],
    [
      'one variant',
      prop(P('A', 5, 0)),
      'variants',
      'at least two variants are needed: the control first, then one or more treatments',
    ],
    ['duplicate names', prop(P('A', 5, 0), P('A', 5, 1)), 'variants.1.name', 'variant name "A" is used twice'],
    [
      'weights of the wrong length',
      { ...prop(P('A', 5, 0), P('B', 5, 1)), weights: [1, 1, 1] },
      'weights',
      'weights has 3 entries but there are 2 variants',
    ],
    [
      'a zero weight',
      { ...prop(P('A', 5, 0), P('B', 5, 1)), weights: [1, 0] },
      'weights.1',
      'weight 2 (0) must be greater than 0',
    ],
    ['alpha 0.5', { ...prop(P('A', 5, 0), P('B', 5, 1)), alpha: 0.5 }, 'alpha', 'alpha must be below 0.5'],
    ['alpha 0', { ...prop(P('A', 5, 0), P('B', 5, 1)), alpha: 0 }, 'alpha', 'alpha must be greater than 0'],
  ])('%s', (_, input, path, message) => {
    expect(issues(compareInputSchema, input)).toContainEqual({ path, message });
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('rejects %s counts at their path', (_, bad) => {
    expect(issues(compareInputSchema, prop(P('A', 5, 0), P('B', bad, 1))).map((i) => i.path)).toContain(
      'variants.1.units',
    );
  });

  it('accepts degenerate but possible data and fills defaults', () => {
    const r = compareInputSchema.parse(prop(P('A', 0, 0), P('B', 100, 0), P('C', 100, 100)));
    expect(r).toMatchObject({ alpha: 0.05, correction: 'holm', sequentialTuning: 5000 });
    expect(r.variants[2]).toEqual({ name: 'C', units: 100, conversions: 100 });
    expect(
      compareInputSchema.parse(
        mean({ name: 'A', units: 3, sum: 3, sumSquares: 3 }, { name: 'B', units: 1, sum: 2, sumSquares: 4 }),
      ).variants,
    ).toHaveLength(2);
  });
});

describe('sampleSizeInputSchema', () => {
  it('fills defaults', () => {
    expect(sampleSizeInputSchema.parse({ baselineRate: 0.1, relativeMde: 0.1 })).toEqual({
      baselineRate: 0.1,
      relativeMde: 0.1,
      alpha: 0.05,
      power: 0.8,
      variants: 2,
    });
  });
  it.each([
    ['baseline rate 0', { baselineRate: 0, relativeMde: 0.1 }, 'baselineRate', 'baselineRate must be above 0'],
    ['baseline rate 1', { baselineRate: 1, relativeMde: 0.1 }, 'baselineRate', 'baselineRate must be below 1'],
    ['zero effect', { baselineRate: 0.1, relativeMde: 0 }, 'relativeMde', 'relativeMde cannot be 0'],
    [
      'target rate above 100%',
      { baselineRate: 0.6, relativeMde: 1 },
      'relativeMde',
      'a 100% change on 60% gives 120%, which is not a rate between 0% and 100%',
    ],
    ['power 1', { baselineRate: 0.1, relativeMde: 0.1, power: 1 }, 'power', 'power must be below 1'],
    ['one variant', { baselineRate: 0.1, relativeMde: 0.1, variants: 1 }, 'variants', 'at least two variants'],
    [
      'negative traffic',
      { baselineRate: 0.1, relativeMde: 0.1, dailyUnits: -3 },
      'dailyUnits',
      'dailyUnits must be positive',
    ],
  ])('rejects %s', (_, input, path, message) => {
    expect(issues(sampleSizeInputSchema, input)).toContainEqual({ path, message });
  });
});

describe('srmInputSchema and costInputSchema', () => {
  it.each([
    ['a negative count', { observed: [10, -1] }, 'observed.1', 'observed count (-1) cannot be negative for variant 2'],
    [
      'a fractional count',
      { observed: [10.5, 1] },
      'observed.0',
      'observed count (10.5) must be a whole number for variant 1',
    ],
    ['one count', { observed: [10] }, 'observed', 'at least two observed counts are needed'],
    [
      'mismatched weights',
      { observed: [10, 12], weights: [1] },
      'weights',
      'weights has 1 entries but there are 2 observed counts',
    ],
    [
      'a negative weight',
      { observed: [10, 12], weights: [1, -1] },
      'weights.1',
      'weight 2 (-1) must be greater than 0',
    ],
  ])('srm rejects %s', (_, input, path, message) => {
    expect(issues(srmInputSchema, input)).toContainEqual({ path, message });
  });
  it('cost rejects CPA without conversions and conversions above units', () => {
    const found = issues(costInputSchema, {
      formula: 'cpa',
      variants: [
        { name: 'A', units: 10, spend: 5 },
        { name: 'B', units: 10, spend: 5, conversions: 11 },
      ],
    });
    expect(found).toContainEqual({
      path: 'variants.0.conversions',
      message: 'conversions is required for CPA (variant A)',
    });
    expect(found).toContainEqual({
      path: 'variants.1.conversions',
      message: 'conversions (11) exceed units (10) for variant B',
    });
  });
});
