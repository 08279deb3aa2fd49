import { describe, expect, it } from 'vitest';
import {
  sampleSizeMean,
  sampleSizeMeanExact,
  sampleSizeProportion,
  sampleSizeProportionExact,
} from '../../worker/stats';
import { expectClose } from './close';
import means from './fixtures/sample-size-mean.json';
import r from './fixtures/r.json';

describe('sample size', () => {
  it.each(
    r.powerPropTest.map(
      (c) => [`p ${c.baselineRate}, mde ${c.relativeMde}, alpha ${c.alpha}, power ${c.power}`, c] as const,
    ),
  )('R power.prop.test: %s', (_, c) => {
    expectClose(sampleSizeProportionExact(c.baselineRate, c.relativeMde, c.alpha, c.power), c.n);
    const plan = sampleSizeProportion({
      baselineRate: c.baselineRate,
      relativeMde: c.relativeMde,
      alpha: c.alpha,
      power: c.power,
      variants: 3,
      dailyUnits: 1000,
    });
    expect(plan.perVariant).toBe(Math.ceil(c.n));
    expect(plan.total).toBe(3 * Math.ceil(c.n));
    expect(plan.days).toBe(Math.ceil((3 * Math.ceil(c.n)) / 1000));
  });
  it.each(means.map((c) => [JSON.stringify(c.input), c] as const))('mean formula: %s', (_, c) => {
    const { metric: _metric, ...input } = c.input;
    expectClose(
      sampleSizeMeanExact(input.baselineMean, input.sd, input.relativeMde, input.alpha, input.power),
      c.expected.exact,
    );
    expect(sampleSizeMean(input)).toEqual({
      perVariant: c.expected.perVariant,
      total: c.expected.total,
      days: c.expected.days,
    });
  });
  it('has no duration without daily traffic', () => {
    expect(sampleSizeProportion({ baselineRate: 0.1, relativeMde: 0.1 }).days).toBeNull();
  });
});
