import { describe, expect, it } from 'vitest';
import { heterogeneityInWords, metaAnalysis, metaAnalysisInputSchema } from '../../worker/stats/meta-analysis';
import { expectClose } from './close';
import meta from './fixtures/meta-analysis.json';

// metafor::rma (FE and DL) from scripts/oracle/meta_fixtures.R, to 1e-6 relative.
describe('meta-analysis agrees with metafor::rma', () => {
  it.each(
    meta.cases.map((c, i) => [`${c.method} #${i + 1} (${c.studies.length} studies, level ${c.level})`, c] as const),
  )('%s', (_, c) => {
    const got = metaAnalysis({ studies: c.studies, method: c.method as 'fixed' | 'random', level: c.level });
    const { studies: _s, method: _m, level: _l, ...expected } = c;
    expectClose(got, expected);
  });

  it('covers both models, one study, and a heterogeneous set', () => {
    expect(meta.cases.some((c) => c.method === 'random' && c.tau2 > 0)).toBe(true);
    expect(meta.cases.some((c) => c.studies.length === 1 && c.qPValue === null)).toBe(true);
  });
});

describe('meta-analysis contract', () => {
  it('one study: the study itself, no heterogeneity, no Q test', () => {
    const r = metaAnalysis({ studies: [{ effect: 0.1, se: 0.04 }], method: 'random' });
    expect(r).toMatchObject({ estimate: 0.1, se: 0.04, tau2: 0, i2: 0, q: 0, qPValue: null });
  });

  it('identical effects: Q = 0 and I² = 0 under both models', () => {
    for (const method of ['fixed', 'random'] as const) {
      const r = metaAnalysis({ studies: [0.02, 0.03].map((se) => ({ effect: 0.05, se })), method });
      expect(r.q).toBeCloseTo(0, 12);
      expect(r.i2).toBe(0);
      expect(r.tau2).toBe(0);
    }
  });

  it('says in words whether the tests disagree', () => {
    const disagree = metaAnalysis({
      studies: [
        { effect: 0.2, se: 0.05 },
        { effect: -0.1, se: 0.05 },
      ],
      method: 'random',
    });
    expect(heterogeneityInWords(disagree, 2)).toMatch(/disagree more than chance explains/);
    const agree = metaAnalysis({
      studies: [
        { effect: 0.08, se: 0.03 },
        { effect: 0.1, se: 0.05 },
      ],
      method: 'random',
    });
    expect(heterogeneityInWords(agree, 2)).toMatch(/agree/);
    expect(heterogeneityInWords(agree, 1)).toMatch(/Only one test/);
  });

  it('rejects studies without uncertainty and levels outside (0, 1), naming the field', () => {
    const bad = metaAnalysisInputSchema.safeParse({ studies: [{ effect: 0.1, se: 0 }], method: 'fixed', level: 95 });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['studies.0.se', 'level']));
    expect(metaAnalysisInputSchema.safeParse({ studies: [], method: 'random' }).success).toBe(false);
  });
});
