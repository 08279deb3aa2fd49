/**
 * Property: for any legal input (as the schemas define it), every number the engine returns is finite or
 * null — degenerate data (empty arms, 0% and 100% rates, identical arms, zero variance) included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compare,
  compareCost,
  compareInputSchema,
  costInputSchema,
  sampleSizeInputSchema,
  sampleSizeProportion,
  srm,
  srmInputSchema,
} from '../../worker/stats';
import { firstNonFinite } from './close';

const units = fc.oneof(
  fc.constantFrom(0, 1, 2, 10),
  fc.integer({ min: 0, max: 5000 }),
  fc.integer({ min: 0, max: 1e7 }),
);
const proportionVariant = (name: string) =>
  units.chain((n) =>
    fc
      .oneof(fc.constantFrom(0, n), fc.integer({ min: 0, max: n }))
      .map((conversions) => ({ name, units: n, conversions })),
  );
const value = fc.oneof(fc.constantFrom(0, 1, -1, 1e-300, 1e12), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
const meanVariant = (name: string) =>
  fc.record({
    name: fc.constant(name),
    units,
    mean: value,
    sd: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })),
  });
const names = ['A', 'B', 'C', 'D'];
const options = fc.record(
  {
    alpha: fc.double({ min: 1e-6, max: 0.49, noNaN: true }),
    correction: fc.constantFrom('none' as const, 'holm' as const, 'bh' as const),
    sequentialTuning: fc.double({ min: 1, max: 1e7, noNaN: true }),
  },
  { requiredKeys: [] },
);

describe('no NaN or Infinity anywhere in the output', () => {
  it('compare(), proportions', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((k) => fc.tuple(...names.slice(0, k).map(proportionVariant))),
        options,
        (variants, opts) => {
          const input = compareInputSchema.parse({ metric: 'proportion', variants, ...opts });
          expect(firstNonFinite(compare(input))).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
  it('compare(), means', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((k) => fc.tuple(...names.slice(0, k).map(meanVariant))),
        options,
        (variants, opts) => {
          const input = compareInputSchema.parse({ metric: 'mean', variants, ...opts });
          expect(firstNonFinite(compare(input))).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
  it('compareCost()', () => {
    const costVariant = (name: string) =>
      units.chain((n) =>
        fc.record({
          name: fc.constant(name),
          units: fc.constant(n),
          spend: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e9, noNaN: true })),
          conversions: fc.integer({ min: 0, max: n }),
          revenue: fc.oneof(fc.constant(0), fc.double({ min: -1e6, max: 1e9, noNaN: true })),
          revenueSd: fc.double({ min: 0, max: 1e6, noNaN: true }),
        }),
      );
    fc.assert(
      fc.property(
        fc.constantFrom('cpa' as const, 'cpc' as const, 'roas' as const),
        fc.tuple(costVariant('A'), costVariant('B'), costVariant('C')),
        (formula, variants) => {
          expect(firstNonFinite(compareCost(costInputSchema.parse({ formula, variants })))).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
  it('srm() and sampleSizeProportion()', () => {
    fc.assert(
      fc.property(fc.array(units, { minLength: 2, maxLength: 5 }), (observed) => {
        expect(firstNonFinite(srm(srmInputSchema.parse({ observed }).observed))).toBeNull();
      }),
    );
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 0.99, noNaN: true }),
        fc.double({ min: -0.99, max: 5, noNaN: true }),
        (baselineRate, relativeMde) => {
          const parsed = sampleSizeInputSchema.safeParse({ baselineRate, relativeMde, dailyUnits: 100 });
          if (parsed.success) expect(firstNonFinite(sampleSizeProportion(parsed.data))).toBeNull();
        },
      ),
    );
  });
});
