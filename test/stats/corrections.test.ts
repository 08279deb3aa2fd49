import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, holm } from '../../worker/stats';
import { expectClose } from './close';
import python from './fixtures/corrections.json';
import r from './fixtures/r.json';

describe('Holm and Benjamini–Hochberg', () => {
  it.each(python.map((c) => [c.p.join(', '), c] as const))('mpmath/statsmodels: %s', (_, c) => {
    expectClose(holm(c.p), c.holm);
    expectClose(benjaminiHochberg(c.p), c.bh);
  });
  it.each(r.pAdjust.map((c) => [c.p.join(', '), c] as const))('R p.adjust: %s', (_, c) => {
    expectClose(holm(c.p), c.holm);
    expectClose(benjaminiHochberg(c.p), c.bh);
  });
  it('skips nulls, keeps input order and does not count them in m', () => {
    expectClose(holm([0.01, null, 0.04]), [0.02, null, 0.04]);
    expectClose(benjaminiHochberg([0.04, null, 0.01]), [0.04, null, 0.02]);
    expect(benjaminiHochberg([null, null])).toEqual([null, null]);
  });
});
