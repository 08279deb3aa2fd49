import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges, type FunnelScenarioInput, funnelMetrics, runFunnel } from '../../../worker/funnel';
import { funnelScenarioSchema } from '../../../worker/funnel/schemas';
import { expectClose } from '../../stats/close';
import fixtures from '../../stats/fixtures/funnel.json';

const ISSUE: FunnelScenarioInput = {
  traffic: 100000,
  spend: 50000,
  stages: [
    { name: 'lead', rate: 0.03 },
    { name: 'qualified', rate: 0.4 },
    { name: 'sale', rate: 0.25 },
  ],
  value: 1200,
  margin: 0.6,
  elasticity: 0.7,
  changes: [
    { target: 'traffic', relative: 0.25 },
    { target: 'lead', absolute: 0.012 },
  ],
};

describe('funnel by hand', () => {
  it('computes the issue example', () => {
    const r = runFunnel(ISSUE);
    // Baseline: 100 000 × 0.03 = 3 000 leads, × 0.4 = 1 200 qualified, × 0.25 = 300 sales.
    expect(r.baseline.volumes).toEqual([100000, 3000, 1200, 300]);
    expect(r.baseline.revenue).toBe(360000);
    expect(r.baseline.cpa).toBeCloseTo(50000 / 300, 10);
    expect(r.baseline.roas).toBeCloseTo(7.2, 12);
    expect(r.baseline.profit).toBeCloseTo(360000 * 0.6 - 50000, 8); // 166 000
    // Scenario: 125 000 visits × 0.042 = 5 250 leads, × 0.4 = 2 100, × 0.25 = 525 sales.
    expect(r.scenario.conversions).toBeCloseTo(525, 9);
    expect(r.scenario.revenue).toBeCloseTo(630000, 6);
    expect(r.scenario.profit).toBeCloseTo(328000, 6);
    expect(r.delta.conversions).toBeCloseTo(0.75, 12);
    expect(r.delta.cpa).toBeCloseTo(300 / 525 - 1, 12);
    expect(r.delta.profit).toBeCloseTo(328000 / 166000 - 1, 12);
  });

  it('moves traffic by k^elasticity on a spend change, then a traffic change on top', () => {
    const f = applyChanges({ ...ISSUE, elasticity: 0.5 }, [
      { target: 'traffic', relative: 0.1 },
      { target: 'spend', relative: 3 }, // k = 4, 4^0.5 = 2
    ]);
    expect(f.spend).toBe(200000);
    expect(f.traffic).toBeCloseTo(100000 * 2 * 1.1, 6);
  });

  it('answers null where a ratio or a relative change has no meaning', () => {
    const r = runFunnel({ ...ISSUE, spend: 0, stages: [{ name: 'lead', rate: 0 }], changes: [] });
    expect(r.baseline.cpa).toBeNull();
    expect(r.baseline.roas).toBeNull();
    expect(r.delta).toEqual({ conversions: null, revenue: null, cpa: null, roas: null, profit: null });
  });

  it('uses margin 1 and elasticity 1 by default', () => {
    const r = runFunnel({
      traffic: 1000,
      spend: 100,
      stages: [{ name: 'buy', rate: 0.1 }],
      value: 50,
      changes: [{ target: 'spend', relative: 1 }],
    });
    expect(r.baseline.profit).toBe(5000 - 100);
    expect(r.scenario.volumes).toEqual([2000, 200]);
  });
});

describe('funnel vs the mpmath oracle (scripts/oracle/funnel_fixtures.py)', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_, f) => {
    const parsed = funnelScenarioSchema.safeParse(f.input);
    if ('error' in f.expected) {
      expect(parsed.success).toBe(false);
      const paths = parsed.error!.issues.map((i) => i.path.join('.'));
      expect(paths).toContain(f.expected.error);
      return;
    }
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expectClose(runFunnel(parsed.data as FunnelScenarioInput), f.expected);
  });
});

const rate = fc.double({ min: 0.001, max: 1, noNaN: true });
const funnelArb = fc.record({
  traffic: fc.double({ min: 1, max: 1e7, noNaN: true }),
  spend: fc.double({ min: 1, max: 1e6, noNaN: true }),
  stages: fc.array(rate, { minLength: 1, maxLength: 6 }).map((rs) => rs.map((r, i) => ({ name: `s${i}`, rate: r }))),
  value: fc.double({ min: 0.01, max: 1e4, noNaN: true }),
  margin: fc.double({ min: 0.01, max: 1, noNaN: true }),
  elasticity: fc.double({ min: 0, max: 2, noNaN: true }),
});
const rel = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('funnel properties', () => {
  it('is the identity with no changes', () => {
    fc.assert(
      fc.property(funnelArb, (f) => {
        const r = runFunnel({ ...f, changes: [] });
        expect(r.scenario).toEqual(r.baseline);
        expect(r.delta.conversions).toBe(0);
        expect(r.delta.profit).toBe(0);
      }),
    );
  });

  it('is monotone in each rate: conversions, revenue and profit never fall when a rate rises', () => {
    fc.assert(
      fc.property(funnelArb, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (f, pick, up) => {
        const i = pick % f.stages.length;
        const stage = f.stages[i]!;
        const higher = stage.rate + 0.999 * up * (1 - stage.rate);
        const r = runFunnel({ ...f, changes: [{ target: stage.name, absolute: higher - stage.rate }] });
        expect(r.scenario.conversions).toBeGreaterThanOrEqual(r.baseline.conversions * (1 - 1e-12));
        expect(r.scenario.profit).toBeGreaterThanOrEqual(r.baseline.profit - 1e-9 * Math.abs(r.baseline.profit));
      }),
    );
  });

  it('compounds relative changes on stages and traffic as their product', () => {
    fc.assert(
      fc.property(funnelArb, fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { maxLength: 6 }), (f, rs) => {
        // One relative change per stage (rates stay in 0..1 when lowered, so clamp rises to the room left).
        const changes = f.stages.map((s, i) => {
          const r = Math.min(rs[i] ?? 0, 0.999 / s.rate - 1);
          return { target: s.name, relative: r };
        });
        const traffic = rs[0] ?? 0;
        const r = runFunnel({ ...f, changes: [...changes, { target: 'traffic', relative: traffic }] });
        const product = changes.reduce((p, c) => p * (1 + c.relative), 1 + traffic);
        expect(rel(r.scenario.conversions, r.baseline.conversions * product)).toBe(true);
        expect(rel(1 + r.delta.revenue!, product)).toBe(true);
      }),
    );
  });

  it('compounds several relative changes on one target as their product, in any order', () => {
    fc.assert(
      fc.property(
        funnelArb,
        fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), { minLength: 2, maxLength: 5 }),
        (f, rs) => {
          const changes = rs.map((r) => ({ target: 'value', relative: r }));
          const a = applyChanges(f, changes);
          const b = applyChanges(f, [...changes].reverse());
          const product = rs.reduce((p, r) => p * (1 + r), 1);
          expect(rel(a.value, f.value * product)).toBe(true);
          expect(rel(b.value, a.value)).toBe(true);
        },
      ),
    );
  });

  it('splits a spend change into steps without changing traffic (k^e multiplies)', () => {
    fc.assert(
      fc.property(
        funnelArb,
        fc.double({ min: -0.5, max: 1, noNaN: true }),
        fc.double({ min: -0.5, max: 1, noNaN: true }),
        (f, a, b) => {
          const once = applyChanges(f, [{ target: 'spend', relative: (1 + a) * (1 + b) - 1 }]);
          const twice = applyChanges(f, [
            { target: 'spend', relative: a },
            { target: 'spend', relative: b },
          ]);
          expect(rel(twice.traffic, once.traffic)).toBe(true);
          expect(rel(twice.traffic, f.traffic * ((1 + a) * (1 + b)) ** f.elasticity)).toBe(true);
        },
      ),
    );
  });

  it('is always finite', () => {
    fc.assert(
      fc.property(funnelArb, (f) => {
        const m = funnelMetrics(f);
        for (const x of [...m.volumes, m.conversions, m.revenue, m.profit, m.cpa ?? 0, m.roas ?? 0])
          expect(Number.isFinite(x)).toBe(true);
      }),
    );
  });
});

describe('funnel validation', () => {
  const fields = (body: unknown) => {
    const r = funnelScenarioSchema.safeParse(body);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('names the change that pushes a rate outside 0..1', () => {
    const [first] = fields({
      ...ISSUE,
      changes: [
        { target: 'sale', relative: 0.1 },
        { target: 'sale', absolute: 0.9 },
      ],
    });
    expect(first).toMatch(/^changes\.1\.absolute: change 2 \(sale \+0\.9\) pushes the sale rate to/);
  });
  it('names an unknown target, a change with both or neither kinds, and bad stages', () => {
    expect(fields({ ...ISSUE, changes: [{ target: 'visits', relative: 0.1 }] })[0]).toMatch(/^changes\.0\.target/);
    expect(fields({ ...ISSUE, changes: [{ target: 'lead', relative: 0.1, absolute: 0.1 }] })[0]).toMatch(
      /^changes\.0\.relative/,
    );
    expect(fields({ ...ISSUE, changes: [{ target: 'lead' }] })[0]).toMatch(/^changes\.0\.relative/);
    expect(fields({ ...ISSUE, stages: [{ name: 'lead', rate: 1.2 }] })[0]).toMatch(/^stages\.0\.rate/);
    expect(fields({ ...ISSUE, stages: [] })[0]).toMatch(/^stages/);
    expect(fields({ ...ISSUE, margin: 2 })[0]).toMatch(/^margin/);
    expect(fields({ ...ISSUE, traffic: -1 })[0]).toMatch(/^traffic/);
    expect(fields({ ...ISSUE, changes: [{ target: 'spend', absolute: -60000 }] })[0]).toMatch(/^changes\.0\.absolute/);
  });
});
