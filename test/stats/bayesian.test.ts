import { describe, expect, it } from 'vitest';
import { bayesProportions } from '../../worker/stats';
import { expectClose } from './close';
import fixtures from './fixtures/bayesian.json';

// Oracle: Evan Miller's closed form at 60 digits with mpmath, cross-checked by the reflected sum,
// mpmath quadrature (small posteriors) and scipy quadrature (10⁶ units per arm).
describe('exact Bayesian proportions vs mpmath', () => {
  it.each(
    fixtures.map(
      (f) =>
        [`${f.control.conversions}/${f.control.units} vs ${f.treatment.conversions}/${f.treatment.units}`, f] as const,
    ),
  )('%s', (_, f) => {
    const got = bayesProportions(f.control, f.treatment);
    expectClose(got, {
      chanceToBeatControl: f.chanceToBeatControl,
      expectedLossTreatment: f.expectedLossTreatment,
      expectedLossControl: f.expectedLossControl,
    });
  });
  it('covers 10⁶ units per arm', () => {
    expect(fixtures.filter((f) => f.control.units >= 1e6 && f.treatment.units >= 1e6).length).toBeGreaterThanOrEqual(3);
  });
  it('is symmetric: swapping arms swaps chance and losses', () => {
    const a = { units: 3000, conversions: 90 };
    const b = { units: 3100, conversions: 120 };
    const ab = bayesProportions(a, b);
    const ba = bayesProportions(b, a);
    expect(ab.chanceToBeatControl + ba.chanceToBeatControl).toBeCloseTo(1, 12);
    expect(ab.expectedLossTreatment).toBeCloseTo(ba.expectedLossControl, 14);
  });
});
