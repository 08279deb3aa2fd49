import { describe, expect, it } from 'vitest';
import { compare, type CompareInput } from '../../worker/stats';
import { expectClose } from './close';
import fixtures from './fixtures/compare.json';

// Oracle: scripts/oracle/make_fixtures.py `compare` (mpmath, 60 digits).
describe('compare() vs the mpmath oracle', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_, f) => {
    const got = compare(f.input as CompareInput);
    expectClose(got, f.expected);
    // every null the oracle has is explained in plain words
    got.variants.forEach((v, i) => {
      const e = f.expected.variants[i]!;
      const nulls = [e.relativeLift, e.test.pValue, e.test.ciAbsolute, e.relative, e.sequential, e.bayesian].filter(
        (x) => x === null,
      ).length;
      if (nulls > 0) expect(v.notes.length, `${f.name}: notes for ${v.name}`).toBeGreaterThan(0);
    });
  });

  it('says why the relative lift is missing when the control rate is 0%', () => {
    const got = compare({
      metric: 'proportion',
      variants: [
        { name: 'control', units: 500, conversions: 0 },
        { name: 'B', units: 500, conversions: 5 },
      ],
    });
    expect(got.variants[0]?.relativeLift).toBeNull();
    expect(got.variants[0]?.notes.join(' ')).toMatch(/control rate is 0%/);
  });
});
