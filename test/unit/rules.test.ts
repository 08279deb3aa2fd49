import { describe, expect, it } from 'vitest';
import { analyzeCycle, type CycleAnalysisInput } from '../../worker/rules/analysis';
import { describeRule } from '../../worker/rules/describe';
import { decisionRuleSchema } from '../../worker/rules/schema';

// Rule scenarios through the pure analysis: the engine's numbers are checked against oracles elsewhere;
// here we check that the pre-registered rule turns them into the right decision, for the right reasons.
const metrics: CycleAnalysisInput['metrics'] = [
  { id: 'cr', name: 'Conversion rate', kind: 'proportion', direction: 'increase', costFormula: null },
  { id: 'cpa', name: 'CPA', kind: 'cost', direction: 'decrease', costFormula: 'cpa' },
  { id: 'refunds', name: 'Refund rate', kind: 'proportion', direction: 'decrease', costFormula: null },
  { id: 'rpv', name: 'Revenue per visitor', kind: 'mean', direction: 'increase', costFormula: null },
];
const two = [
  { key: 'control', name: 'Control', weight: 1 },
  { key: 'b', name: 'B', weight: 1 },
];
const row = (
  metricId: string,
  variantKey: string,
  units: number,
  extra: Partial<CycleAnalysisInput['results'][number]>,
) => ({
  metricId,
  variantKey,
  units,
  conversions: null,
  valueSum: null,
  valueSumSquares: null,
  mean: null,
  sd: null,
  spend: null,
  revenue: null,
  ...extra,
});
const cr = (key: string, units: number, conversions: number, spend?: number) =>
  row('cr', key, units, { conversions, spend: spend ?? null });
const cpa = (key: string, units: number, conversions: number, spend: number) =>
  row('cpa', key, units, { conversions, spend });

function analyze(
  rule: Record<string, unknown>,
  results: CycleAnalysisInput['results'],
  options: { variants?: typeof two; days?: number } = {},
) {
  return analyzeCycle({
    rule: decisionRuleSchema.parse({ primaryMetricId: 'cr', minDays: 7, ...rule }),
    variants: options.variants ?? two,
    metrics,
    results,
    daysRunning: options.days ?? 14,
  });
}

describe('decision rules', () => {
  it('ships a clear winner and names it', () => {
    const a = analyze({ plannedSampleSizePerVariant: 5000, minRelativeLift: 0.05 }, [
      cr('control', 6000, 300),
      cr('b', 6000, 420),
    ]);
    expect(a.verdict).toMatchObject({ decision: 'ship', variantKey: 'b' });
    expect(a.verdict.reasons[0]).toMatch(/Ship B/);
    expect(a.ruleStatus.every((c) => c.status === 'met')).toBe(true);
    expect(a.progress).toMatchObject({ unitsPerVariant: 6000, plannedPerVariant: 5000, unitsLeft: 0, fraction: 1 });
  });

  it('kills a clear loser', () => {
    const a = analyze({ plannedSampleSizePerVariant: 5000 }, [cr('control', 6000, 420), cr('b', 6000, 300)]);
    expect(a.verdict.decision).toBe('kill');
    expect(a.verdict.perVariant[0]).toMatchObject({ key: 'b', status: 'loser' });
  });

  it('kills when nothing moved at the planned sample', () => {
    const a = analyze({ plannedSampleSizePerVariant: 5000 }, [cr('control', 6000, 300), cr('b', 6000, 305)]);
    expect(a.verdict.decision).toBe('kill');
    expect(a.verdict.perVariant[0]!.status).toBe('flat');
  });

  it('refuses to ship while peeking, even when p < alpha', () => {
    const a = analyze({ plannedSampleSizePerVariant: 20000 }, [cr('control', 6000, 300), cr('b', 6000, 420)]);
    expect(a.verdict.decision).toBe('keep_running');
    expect(a.verdict.reasons[0]).toMatch(/Peeking.*6,000 of the planned 20,000.*B \(p = /);
    expect(a.progress.unitsLeft).toBe(14000);
  });

  it('lets a sequential rule stop early on a clear win, but not on a flat result', () => {
    const win = analyze({ method: 'sequential', plannedSampleSizePerVariant: 50000 }, [
      cr('control', 6000, 300),
      cr('b', 6000, 480),
    ]);
    expect(win.verdict.decision).toBe('ship');
    const flat = analyze({ method: 'sequential', plannedSampleSizePerVariant: 50000 }, [
      cr('control', 6000, 300),
      cr('b', 6000, 310),
    ]);
    expect(flat.verdict.decision).toBe('keep_running');
  });

  it('waits for the minimum days and units, saying how much is left', () => {
    const a = analyze({ minDays: 7, minUnitsPerVariant: 10000 }, [cr('control', 6000, 300), cr('b', 6000, 420)], {
      days: 3,
    });
    expect(a.verdict.decision).toBe('keep_running');
    expect(a.verdict.reasons[0]).toMatch(/4 more days.*4,000 more units/);
    expect(a.ruleStatus.find((c) => c.check === 'Minimum days')).toMatchObject({
      status: 'not_enough_data',
      detail: '3 of 7 days (4 left)',
    });
  });

  it('keeps running with no results at all', () => {
    const a = analyze({}, []);
    expect(a.verdict.decision).toBe('keep_running');
    expect(a.metrics.find((m) => m.metricId === 'cr')!.notes[0]).toMatch(/No results yet for Control, B/);
  });

  it('blocks a winner that breaches a guardrail', () => {
    const a = analyze({ plannedSampleSizePerVariant: 5000, guardrails: [{ metricId: 'cpa', maxWorsening: 0.1 }] }, [
      cr('control', 6000, 300),
      cr('b', 6000, 420),
      cpa('control', 6000, 300, 3000),
      cpa('b', 6000, 420, 6000),
    ]);
    expect(a.verdict.decision).toBe('iterate');
    expect(a.verdict.reasons.join(' ')).toMatch(/CPA may worsen by at most 10%, but it worsened by 42\.9%/);
    expect(a.ruleStatus.find((c) => c.check === 'Guardrail: CPA')!.status).toBe('not_met');
  });

  it('judges an absolute guardrail in percentage points', () => {
    const refunds = (key: string, units: number, conversions: number) => row('refunds', key, units, { conversions });
    const rule = {
      plannedSampleSizePerVariant: 5000,
      guardrails: [{ metricId: 'refunds', maxWorsening: 0.005, scale: 'absolute' }],
    };
    const fine = analyze(rule, [
      cr('control', 6000, 300),
      cr('b', 6000, 420),
      refunds('control', 20000, 400),
      refunds('b', 20000, 390),
    ]);
    expect(fine.verdict.decision).toBe('ship');
    const worse = analyze(rule, [
      cr('control', 6000, 300),
      cr('b', 6000, 420),
      refunds('control', 20000, 400),
      refunds('b', 20000, 560),
    ]);
    expect(worse.verdict.decision).toBe('iterate');
    expect(worse.verdict.reasons.join(' ')).toMatch(
      /Refund rate may worsen by at most 0\.5 pp, but it worsened by 0\.8 pp/,
    );
  });

  it('blocks any ship on a sample ratio mismatch', () => {
    const a = analyze({ plannedSampleSizePerVariant: 5000 }, [cr('control', 6000, 300), cr('b', 6600, 460)]);
    expect(a.srm!.mismatch).toBe(true);
    expect(a.verdict.decision).toBe('iterate');
    expect(a.verdict.reasons[0]).toMatch(/Fix the split first/);
  });

  it('fails a statistically winning variant on the money rule', () => {
    const a = analyze({ plannedSampleSizePerVariant: 5000, money: { cpaCeiling: 10 } }, [
      cr('control', 6000, 300, 3000),
      cr('b', 6000, 420, 5880),
    ]);
    expect(a.verdict.decision).toBe('iterate');
    expect(a.verdict.reasons.join(' ')).toMatch(/CPA 14 is above the ceiling of 10/);
    const cheap = analyze({ plannedSampleSizePerVariant: 5000, money: { cpaCeiling: 10 } }, [
      cr('control', 6000, 300, 3000),
      cr('b', 6000, 420, 3000),
    ]);
    expect(cheap.verdict.decision).toBe('ship');
  });

  it('says a real but too-small lift is not worth shipping', () => {
    const a = analyze({ plannedSampleSizePerVariant: 100000, minRelativeLift: 0.1 }, [
      cr('control', 200000, 10000),
      cr('b', 200000, 10600),
    ]);
    expect(a.verdict.decision).toBe('iterate');
    expect(a.verdict.perVariant[0]!.status).toBe('too_small');
  });

  it('corrects for several variants: two borderline wins survive alone but not together', () => {
    const three = [...two, { key: 'c', name: 'C', weight: 1 }];
    const results = [cr('control', 5000, 400), cr('b', 5000, 457), cr('c', 5000, 461)];
    const naive = analyze({ plannedSampleSizePerVariant: 5000, correction: 'none' }, results, { variants: three });
    expect(naive.verdict).toMatchObject({ decision: 'ship', variantKey: 'c' });
    const holm = analyze({ plannedSampleSizePerVariant: 5000, correction: 'holm' }, results, { variants: three });
    const comparison = holm.metrics[0]!.comparison!;
    if (comparison.kind === 'cost') throw new Error('expected a proportion');
    const [b, c] = comparison.result.variants;
    expect(b!.test.pValue! < 0.05 && c!.test.pValue! < 0.05).toBe(true);
    // Holm, two tests: the smaller p doubles (0.0297 → 0.0593) and the larger may not go below it.
    expect(c!.test.adjustedPValue).toBeCloseTo(2 * c!.test.pValue!, 12);
    expect(b!.test.adjustedPValue).toBeCloseTo(c!.test.adjustedPValue!, 12);
    expect(holm.verdict.decision).toBe('kill');
    expect(holm.verdict.perVariant.map((p) => p.status)).toEqual(['flat', 'flat']);
  });

  it('ships the best of three when it survives the correction', () => {
    const three = [...two, { key: 'c', name: 'C', weight: 1 }];
    const a = analyze(
      { plannedSampleSizePerVariant: 5000, correction: 'bh' },
      [cr('control', 5000, 400), cr('b', 5000, 430), cr('c', 5000, 520)],
      { variants: three },
    );
    expect(a.verdict).toMatchObject({ decision: 'ship', variantKey: 'c' });
    expect(a.verdict.perVariant.map((p) => `${p.key}:${p.status}`)).toEqual(['b:flat', 'c:winner']);
  });

  it('uses the chance to beat control for Bayesian rules, oriented by the metric direction', () => {
    const rpv = (key: string, units: number, mean: number, sd: number) => row('rpv', key, units, { mean, sd });
    const a = analyze(
      { primaryMetricId: 'rpv', method: 'bayesian', minChanceToBeat: 0.95, plannedSampleSizePerVariant: 1000 },
      [rpv('control', 2000, 2.5, 12), rpv('b', 2000, 3.6, 13)],
    );
    expect(a.verdict.decision).toBe('ship');
    const refunds = (key: string, units: number, conversions: number) => row('refunds', key, units, { conversions });
    const lower = analyze({ primaryMetricId: 'refunds', method: 'bayesian', plannedSampleSizePerVariant: 1000 }, [
      refunds('control', 5000, 300),
      refunds('b', 5000, 220),
    ]);
    expect(lower.verdict).toMatchObject({ decision: 'ship', variantKey: 'b' });
  });

  it('never puts NaN or Infinity into the analysis', () => {
    const a = analyze({ plannedSampleSizePerVariant: 10, guardrails: [{ metricId: 'cpa', maxWorsening: 0.1 }] }, [
      cr('control', 100, 0),
      cr('b', 100, 0),
      cpa('control', 100, 0, 50),
      cpa('b', 100, 0, 50),
    ]);
    expect(JSON.stringify(a)).not.toMatch(/NaN|Infinity/);
    JSON.parse(JSON.stringify(a), (_k, v) => {
      if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      return v;
    });
    expect(a.verdict.decision).toBe('kill');
  });

  it('reads the rule in plain words', () => {
    const rule = decisionRuleSchema.parse({
      primaryMetricId: 'cr',
      alpha: 0.05,
      minRelativeLift: 0.05,
      plannedSampleSizePerVariant: 12000,
      guardrails: [{ metricId: 'cpa', maxWorsening: 0.1 }],
    });
    expect(describeRule(rule, metrics, 1)).toBe(
      'Ship if Conversion rate rises with p < 0.05 (fixed-horizon test of the relative lift) and lift ≥ 5%, unless CPA worsens by more than 10%. ' +
        'Measure at least 7 days, the planned 12,000 per variant (no peeking before).',
    );
  });

  it('names the CPA ceiling in the workspace currency and the ROAS floor as a multiple', () => {
    const rule = decisionRuleSchema.parse({ primaryMetricId: 'cr', money: { cpaCeiling: 45, roasFloor: 2.5 } });
    expect(describeRule(rule, metrics, 1, 'EUR')).toMatch(
      /unless CPA could exceed €45 or ROAS could fall below 2\.5×\./,
    );
    expect(describeRule(rule, metrics, 1, 'USD')).toMatch(/CPA could exceed \$45 /);
    expect(describeRule(rule, metrics, 1)).toMatch(/CPA could exceed 45 /);
  });

  // Issue 8 (#6): the rule text describes the test actually run.
  it('mentions the correction only with several treatments, and never for a Bayesian rule', () => {
    const rule = decisionRuleSchema.parse({ primaryMetricId: 'cr', correction: 'holm' });
    expect(describeRule(rule, metrics, 1)).not.toMatch(/Holm|more than one treatment/);
    expect(describeRule(rule, metrics, 2)).toMatch(/With 2 treatments, each p-value is corrected by Holm before/);
    const bh = decisionRuleSchema.parse({ primaryMetricId: 'cr', correction: 'bh', method: 'sequential' });
    expect(describeRule(bh, metrics, 3)).toMatch(/always-valid p < 0.05 .*With 3 treatments.*Benjamini–Hochberg/);
    const bayes = decisionRuleSchema.parse({ primaryMetricId: 'cr', method: 'bayesian', minChanceToBeat: 0.95 });
    const text = describeRule(bayes, metrics, 3);
    expect(text).toMatch(/at least 95% chance to beat control/);
    expect(text).not.toMatch(/p-value is corrected|p </);
    // The analysis passes the real number of treatments.
    const two = analyze({}, [cr('control', 100, 5), cr('b', 100, 6)]);
    expect(two.ruleText).not.toMatch(/Holm/);
  });
});

describe('figures that reconcile (issue 8, #6)', () => {
  // 80 vs 107 of 2000: the pooled z-test says p = 0.043, but the relative lift's interval includes 0 (p = 0.081).
  const borderline = [cr('control', 2000, 80), cr('b', 2000, 107)];

  it('judges a fixed-horizon rule by the relative test whose interval it shows: p < alpha exactly when 0 is outside', () => {
    const a = analyze({ plannedSampleSizePerVariant: 2000 }, borderline);
    const comparison = a.metrics[0]!.comparison!;
    if (comparison.kind === 'cost') throw new Error('expected a proportion');
    const v = comparison.result.variants[0]!;
    expect(v.test.pValue!).toBeLessThan(0.05);
    expect(v.relative!.ci[0]).toBeLessThan(0);
    expect(v.relative!.pValue).toBeGreaterThan(0.05);
    // The rule reads the relative test's p: no win claimed while its interval still includes zero.
    expect(a.verdict.perVariant[0]!.status).toBe('flat');
    expect(a.verdict.decision).toBe('kill');
  });

  it('says an improving guardrail improves instead of "worst case 0%"', () => {
    const a = analyze({ plannedSampleSizePerVariant: 5000, guardrails: [{ metricId: 'cpa', maxWorsening: 0.1 }] }, [
      cr('control', 6000, 300),
      cr('b', 6000, 420),
      cpa('control', 6000, 300, 3000),
      cpa('b', 6000, 420, 3000),
    ]);
    const guardrail = a.ruleStatus.find((c) => c.check === 'Guardrail: CPA')!;
    expect(guardrail.status).toBe('met');
    expect(guardrail.detail).not.toMatch(/worst case 0%/);
    const cost = a.metrics.find((m) => m.metricId === 'cpa')!.comparison!;
    if (cost.kind !== 'cost') throw new Error('expected a cost metric');
    const [lo, hi] = cost.result.variants[0]!.relative!.ci;
    expect(hi).toBeLessThan(0); // CPA falls for sure: the interval is wholly on the good side
    expect(guardrail.detail).toContain(`it improves by ${+(-hi * 100).toFixed(1)}% to ${+(-lo * 100).toFixed(1)}%`);
  });
});
