import { beforeAll, describe, expect, it } from 'vitest';
import compareCases from '../stats/fixtures/compare.json';
import r from '../stats/fixtures/r.json';
import srmCases from '../stats/fixtures/srm.json';
import { anonymous, createTeam, type Team } from './support/client';
import { draftCycle, winningResults } from './support/fixtures';

// The oracle fixtures again, this time through HTTP in workerd: what integrators and the PWA actually receive.
const REL = 1e-6;
const ABS = 1e-9;

function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (expected === null || expected === undefined) return void expect(actual ?? null, path).toBeNull();
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const diff = Math.abs((actual as number) - expected);
    expect(diff <= Math.max(ABS, REL * Math.abs(expected)), `${path}: ${actual} vs ${expected}`).toBe(true);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    return expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
  }
  if (typeof expected === 'object') {
    for (const [k, e] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)?.[k], e, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe('/api/stats', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Stats Co');
  });

  it('answers only signed-in callers', async () => {
    expect((await anonymous.post('/api/stats/srm', { observed: [10, 12] })).status).toBe(401);
    expect((await team.viewer.post('/api/stats/srm', { observed: [10, 12] })).status).toBe(200);
  });

  it.each(compareCases.map((c) => [c.name, c] as const))('compare matches the oracle: %s', async (_name, c) => {
    const res = await team.viewer.post('/api/stats/compare', c.input);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectClose(res.body, c.expected);
    expect(JSON.stringify(res.body)).not.toMatch(/NaN|Infinity/);
  });

  it('compare on the contract example returns every documented field', async () => {
    const res = await team.member.post('/api/stats/compare', {
      metric: 'proportion',
      variants: [
        { name: 'control', units: 1000, conversions: 100 },
        { name: 'B', units: 1000, conversions: 120 },
      ],
      alpha: 0.05,
      correction: 'none',
      weights: [1, 1],
      sequentialTuning: 5000,
    });
    expect(res.body.control).toEqual({ name: 'control', units: 1000, estimate: 0.1 });
    const [b] = res.body.variants;
    expect(Object.keys(b)).toEqual(
      expect.arrayContaining([
        'name',
        'units',
        'estimate',
        'absoluteLift',
        'relativeLift',
        'test',
        'relative',
        'sequential',
        'bayesian',
      ]),
    );
    expect(b.test.df).toBeNull();
    // R: prop.test(c(120, 100), c(1000, 1000), correct = FALSE) — the same chi-square is z².
    expectClose(b.test.statistic ** 2, r.propTest[0]!.chiSquare);
    expectClose(b.test.pValue, r.propTest[0]!.pValue);
    expect(Object.keys(res.body.srm)).toEqual(['chiSquare', 'df', 'pValue', 'mismatch']);
  });

  it('refuses a rate so small the sample size overflows, naming baselineRate (found by the fuzzer)', async () => {
    const res = await team.viewer.post('/api/stats/sample-size', {
      baselineRate: 1.337433449535905e-217,
      relativeMde: 0.1,
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['baselineRate']);
  });

  it.each(r.powerPropTest.map((c) => [c.baselineRate, c.relativeMde, c] as const))(
    'sample size matches R power.prop.test (p=%s, mde=%s)',
    async (_p, _m, c) => {
      const res = await team.viewer.post('/api/stats/sample-size', {
        baselineRate: c.baselineRate,
        relativeMde: c.relativeMde,
        alpha: c.alpha,
        power: c.power,
        variants: 2,
        dailyUnits: 1000,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.perVariant).toBe(Math.ceil(c.n));
      expect(res.body.total).toBe(2 * Math.ceil(c.n));
      expect(res.body.days).toBe(Math.ceil((2 * Math.ceil(c.n)) / 1000));
    },
  );

  it.each(srmCases.map((c) => [JSON.stringify(c.observed), c] as const))(
    'srm matches the oracle: %s',
    async (_o, c) => {
      const res = await team.viewer.post('/api/stats/srm', {
        observed: c.observed,
        ...(c.weights ? { weights: c.weights } : {}),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expectClose(res.body, c.expected);
    },
  );

  it.each([
    [
      'conversions above units',
      {
        metric: 'proportion',
        variants: [
          { name: 'control', units: 100, conversions: 10 },
          { name: 'B', units: 100, conversions: 120 },
        ],
      },
      'variants.1.conversions',
      /B/,
    ],
    [
      'negative units',
      {
        metric: 'proportion',
        variants: [
          { name: 'control', units: -5, conversions: 0 },
          { name: 'B', units: 100, conversions: 1 },
        ],
      },
      'variants.0.units',
      /./,
    ],
    [
      'negative sd',
      {
        metric: 'mean',
        variants: [
          { name: 'control', units: 100, mean: 2, sd: 1 },
          { name: 'B', units: 100, mean: 2, sd: -1 },
        ],
      },
      'variants.1.sd',
      /./,
    ],
    [
      'one variant',
      { metric: 'proportion', variants: [{ name: 'control', units: 100, conversions: 1 }] },
      'variants',
      /./,
    ],
    [
      'weights that do not match',
      {
        metric: 'proportion',
        weights: [1, 1, 1],
        variants: [
          { name: 'control', units: 100, conversions: 1 },
          { name: 'B', units: 100, conversions: 2 },
        ],
      },
      'weights',
      /./,
    ],
  ])('compare rejects %s with a 400 naming the field', async (_label, body, field, message) => {
    const res = await team.viewer.post('/api/stats/compare', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.fields[field], JSON.stringify(res.body)).toMatch(message);
  });

  it('evaluate-rule previews a draft rule on given data', async () => {
    const body = {
      rule: { primaryMetricId: 'cr', plannedSampleSizePerVariant: 20000, minDays: 7 },
      variants: [
        { key: 'control', name: 'Control' },
        { key: 'b', name: 'B' },
      ],
      metrics: [{ id: 'cr', name: 'Conversion rate', kind: 'proportion' }],
      results: [
        { metricId: 'cr', variantKey: 'control', units: 6000, conversions: 300 },
        { metricId: 'cr', variantKey: 'b', units: 6000, conversions: 420 },
      ],
      daysRunning: 10,
    };
    const peek = await team.lead.post('/api/stats/evaluate-rule', body);
    expect(peek.status, JSON.stringify(peek.body)).toBe(200);
    expect(peek.body.verdict.decision).toBe('keep_running');
    expect(peek.body.ruleText).toMatch(/^Ship if Conversion rate rises with p < 0.05/);
    const done = await team.lead.post('/api/stats/evaluate-rule', {
      ...body,
      rule: { ...body.rule, plannedSampleSizePerVariant: 5000 },
    });
    expect(done.body.verdict).toMatchObject({ decision: 'ship', variantKey: 'b' });
    const bad = await team.lead.post('/api/stats/evaluate-rule', {
      ...body,
      results: [{ ...body.results[0], conversions: 7000 }, body.results[1]],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields['results.0.conversions']).toMatch(/exceed units/);
  });

  it('cycle analysis compares every metric and gives the verdict with the rule status', async () => {
    const { cycle, metric } = await draftCycle(team);
    await team.lead.post(`/api/cycles/${cycle.id}/launch`, { version: 1 });
    const before = await team.viewer.get(`/api/cycles/${cycle.id}/analysis`);
    expect(before.status).toBe(200);
    expect(before.body.verdict.decision).toBe('keep_running');
    await team.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric));
    const res = await team.viewer.get(`/api/cycles/${cycle.id}/analysis`);
    expect(res.body.verdict).toMatchObject({ decision: 'ship', variantKey: 'banner' });
    expect(res.body.metrics.map((m: { role: string; name: string }) => `${m.role}:${m.name}`)).toEqual([
      'primary:Conversion rate',
      'guardrail:CPA',
    ]);
    const primary = res.body.metrics[0].comparison.result.variants[0];
    expect(primary.relativeLift).toBeCloseTo(0.4, 12);
    expect(res.body.ruleStatus.map((c: { check: string; status: string }) => `${c.check}=${c.status}`)).toEqual([
      'Minimum days=met',
      'Planned sample=met',
      'Traffic split=met',
      'Primary: Conversion rate=met',
      'Guardrail: CPA=met',
    ]);
    expect(res.body.spend).toBe(6050);
  });
});
