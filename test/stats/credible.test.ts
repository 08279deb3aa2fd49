import { describe, expect, it } from 'vitest';
import { compare, type CompareInput } from '../../worker/stats';
import { expectClose } from './close';
import fixtures from './fixtures/credible.json';

// Oracle: scipy quadrature + brentq on the exact Beta posteriors (proportions) and scipy's norm.interval on
// gbstats' Gaussian posterior (means): scripts/oracle/credible_fixtures.py.
describe('Bayesian credible interval of the relative lift vs scipy', () => {
  it.each(
    fixtures.cases.map(
      (f) => [`${f.metric} ${JSON.stringify(f.variants.map((v) => Object.values(v).slice(1)))}`, f] as const,
    ),
  )('%s', (_, f) => {
    const got = compare({ metric: f.metric, alpha: f.alpha, variants: f.variants } as CompareInput).variants[0]!;
    expectClose(got.bayesian?.credibleInterval, f.metric === 'proportion' ? f.exactBetaInterval : f.credibleInterval);
  });

  it('agrees with the chance to beat control: 0 is inside the interval exactly when the chance is not decisive', () => {
    for (const f of fixtures.cases) {
      const v = compare({ metric: f.metric, alpha: f.alpha, variants: f.variants } as CompareInput).variants[0]!;
      const [lo, hi] = v.bayesian!.credibleInterval!;
      const chance = v.bayesian!.chanceToBeatControl;
      // Equal tails: the interval excludes 0 from below iff P(lift > 0) > 1 − alpha/2.
      expect(lo > 0, JSON.stringify(f.variants)).toBe(chance > 1 - f.alpha / 2);
      expect(hi < 0).toBe(chance < f.alpha / 2);
    }
  });
});
