import { describe, expect, it } from 'vitest';
import {
  chiSquareSf,
  normalCdf,
  normalQuantile,
  normalQuantileUpper,
  normalSf,
  tQuantileUpper,
  tSf,
} from '../../worker/stats';
import { expectClose } from './close';
import fixtures from './fixtures/distributions.json';

// Oracle: mpmath at 60 digits (scripts/oracle/make_fixtures.py), cross-checked against scipy.
describe('distributions vs mpmath', () => {
  it.each(fixtures.normalSf)('normalSf(%s)', (z, expected) => {
    expectClose(normalSf(z as number), expected);
    expectClose(normalCdf(-(z as number)), expected);
  });
  it.each(fixtures.normalQuantileUpper)('normalQuantileUpper(%s)', (q, expected) => {
    expectClose(normalQuantileUpper(q as number), expected);
    // Φ⁻¹(1 − q) only where forming 1 − q in double loses nothing that matters
    if ((q as number) >= 1e-3) expectClose(normalQuantile(1 - (q as number)), expected);
  });
  it.each(fixtures.tSf)('tSf(%s, df %s)', (t, df, expected) => {
    expectClose(tSf(t as number, df as number), expected);
  });
  it.each(fixtures.tQuantileUpper)('tQuantileUpper(%s, df %s)', (q, df, expected) => {
    expectClose(tQuantileUpper(q as number, df as number), expected);
  });
  it.each(fixtures.chiSquareSf)('chiSquareSf(%s, k %s)', (x, k, expected) => {
    expectClose(chiSquareSf(x as number, k as number), expected);
  });
  it('keeps far tails as relative, not absolute, precision', () => {
    // a fixture entry deep in the tail must not collapse to 0 or to 1 − cdf noise
    const deep = fixtures.normalSf.find(([z]) => z === 35);
    expect(deep?.[1]).toBeLessThan(1e-260);
    expect(normalSf(35)).toBeGreaterThan(0);
  });
});
