/**
 * Statistics throughput (`npm run bench`; not a timed test — nothing here asserts a duration). Vitest 5's
 * `bench` is a test-context fixture, and the root `benchmark.include` runs this file in every project:
 * `unit` (Node) and `api` (inside workerd, via @cloudflare/vitest-plugin). The engine is plain JS with no
 * platform APIs. Every comparison runs all methods (fixed-horizon, relative, sequential, Bayesian,
 * correction, SRM).
 */
import { test } from 'vitest';
import { bayesProportions, compare, compareCost, type CompareInput } from '../../worker/stats';

const proportion2: CompareInput = {
  metric: 'proportion',
  variants: [
    { name: 'control', units: 100_000, conversions: 5_000 },
    { name: 'B', units: 100_000, conversions: 5_300 },
  ],
};
const proportion4: CompareInput = {
  metric: 'proportion',
  correction: 'bh',
  variants: [
    { name: 'control', units: 100_000, conversions: 5_000 },
    { name: 'B', units: 100_000, conversions: 5_300 },
    { name: 'C', units: 99_000, conversions: 4_900 },
    { name: 'D', units: 101_000, conversions: 5_150 },
  ],
};
const mean2: CompareInput = {
  metric: 'mean',
  variants: [
    { name: 'control', units: 100_000, mean: 2.5, sd: 12 },
    { name: 'B', units: 100_000, mean: 2.6, sd: 12.4 },
  ],
};
const mean4: CompareInput = {
  metric: 'mean',
  variants: [
    { name: 'control', units: 100_000, mean: 2.5, sd: 12 },
    { name: 'B', units: 100_000, mean: 2.6, sd: 12.4 },
    { name: 'C', units: 100_000, mean: 2.45, sd: 12.1 },
    { name: 'D', units: 100_000, mean: 2.55, sd: 11.9 },
  ],
};

test('compare() per call, all methods', async ({ bench }) => {
  await bench.compare(
    bench('proportion, 2 variants (10⁵ units per arm)', () => {
      compare(proportion2);
    }),
    bench('proportion, 4 variants (10⁵ units per arm)', () => {
      compare(proportion4);
    }),
    bench('proportion, 2 variants (10⁶ units per arm)', () => {
      compare({
        metric: 'proportion',
        variants: [
          { name: 'A', units: 1_000_000, conversions: 50_000 },
          { name: 'B', units: 1_000_000, conversions: 50_500 },
        ],
      });
    }),
    bench('mean, 2 variants', () => {
      compare(mean2);
    }),
    bench('mean, 4 variants', () => {
      compare(mean4);
    }),
  );
});

test('compareCost()', async ({ bench }) => {
  await bench.compare(
    bench('CPA, 2 variants', () => {
      compareCost({
        formula: 'cpa',
        variants: [
          { name: 'A', units: 5000, spend: 2500, conversions: 100 },
          { name: 'B', units: 5000, spend: 2500, conversions: 125 },
        ],
      });
    }),
    bench('ROAS, 4 variants', () => {
      compareCost({
        formula: 'roas',
        variants: ['A', 'B', 'C', 'D'].map((name, i) => ({
          name,
          units: 400 + i,
          spend: 1000,
          revenue: 3400 + 100 * i,
          revenueSd: 25,
        })),
      });
    }),
  );
});

test('exact Bayesian, 10⁶ units per arm', async ({ bench }) => {
  await bench.compare(
    bench('5% vs 5.05%', () => {
      bayesProportions({ units: 1_000_000, conversions: 50_000 }, { units: 1_000_000, conversions: 50_500 });
    }),
    bench('50% vs 49.9%', () => {
      bayesProportions({ units: 1_000_000, conversions: 500_000 }, { units: 1_000_000, conversions: 499_000 });
    }),
    bench('10% vs 10.86% (chance ≈ 1 − 1e-90)', () => {
      bayesProportions({ units: 1_000_000, conversions: 100_000 }, { units: 1_000_000, conversions: 108_600 });
    }),
  );
});
