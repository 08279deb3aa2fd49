/**
 * The PWA's readers of an analysis (web/src/cycles/evidence.ts) and its plain-words formatting (web/src/ui/labels.ts).
 * The contract tests feed them what the Worker really sends: the pure `analyzeCycle` output, through JSON,
 * so a renamed field on the server shows up here as a reader that silently returns nothing.
 */
import { describe, expect, it } from 'vitest';
import { analyzeCycle, type CycleAnalysisInput } from '../../../worker/rules/analysis';
import { decisionRuleSchema } from '../../../worker/rules/schema';
import {
  metricViews,
  progressOf,
  ruleChecks,
  ruleTextOf,
  spendOf,
  srmMismatch,
  verdictOf,
} from '../../../web/src/cycles/evidence';
import {
  decisionLabel,
  leverLabel,
  LEVERS,
  pct,
  signedPct,
  statusLabel,
  STATUSES,
  DECISIONS,
} from '../../../web/src/ui/labels';

const metrics: CycleAnalysisInput['metrics'] = [
  { id: 'cr', name: 'Conversion rate', kind: 'proportion', direction: 'increase', costFormula: null },
  { id: 'rpv', name: 'Revenue per visitor', kind: 'mean', direction: 'increase', costFormula: null },
  { id: 'cpa', name: 'CPA', kind: 'cost', direction: 'decrease', costFormula: 'cpa' },
];
const variants = [
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

/** What GET /api/cycles/:id/analysis answers, as the browser sees it (JSON). */
function wire(rule: Record<string, unknown>, results: CycleAnalysisInput['results'], days = 14): unknown {
  const analysis = analyzeCycle({
    rule: decisionRuleSchema.parse({ primaryMetricId: 'cr', minDays: 7, ...rule }),
    variants,
    metrics,
    results,
    daysRunning: days,
  });
  return JSON.parse(JSON.stringify({ ...analysis, spend: 4500 }));
}

const winner = () =>
  wire({ plannedSampleSizePerVariant: 5000, secondaryMetricIds: ['rpv', 'cpa'] }, [
    row('cr', 'control', 6000, { conversions: 300 }),
    row('cr', 'b', 6000, { conversions: 420 }),
    row('rpv', 'control', 6000, { mean: 2.5, sd: 12 }),
    row('rpv', 'b', 6000, { mean: 2.9, sd: 12.5 }),
    row('cpa', 'control', 6000, { conversions: 300, spend: 2000 }),
    row('cpa', 'b', 6000, { conversions: 420, spend: 2500 }),
  ]);

describe('evidence readers over a real analysis', () => {
  it('reads lift, CI, p-value and chance to beat control for every metric kind', () => {
    const views = metricViews(winner());
    expect(views.map((v) => [v.metricId, v.role, v.kind, v.direction])).toEqual([
      ['cr', 'primary', 'proportion', 'increase'],
      ['rpv', 'secondary', 'mean', 'increase'],
      ['cpa', 'secondary', 'cost', 'decrease'],
    ]);
    for (const v of views) {
      expect(v.lifts, v.name).toHaveLength(1);
      const [lift] = v.lifts;
      expect(lift!.variant, v.name).toBe('B');
      expect(lift!.lift, `${v.name} lift`).toEqual(expect.any(Number));
      expect(lift!.ci, `${v.name} CI`).toEqual([expect.any(Number), expect.any(Number)]);
      expect(lift!.ci![0], v.name).toBeLessThanOrEqual(lift!.lift!);
      expect(lift!.ci![1], v.name).toBeGreaterThanOrEqual(lift!.lift!);
      expect(lift!.pValue, `${v.name} p`).toEqual(expect.any(Number));
      // A fixed-horizon rule shows p-values; the chance to beat control belongs to Bayesian rules only.
      expect(lift!.chance, `${v.name} chance`).toBeNull();
    }
    const cr = views[0]!.lifts[0]!;
    expect(cr.lift).toBeCloseTo(0.4, 10); // 7% vs 5%
    expect(cr.pValue).toBeLessThan(0.001);
    expect(views.find((v) => v.metricId === 'cpa')!.lifts[0]!.lift).toBeLessThan(0); // cheaper per conversion
  });

  it('reads the verdict, the rule checks, progress, rule text, spend and the split check', () => {
    const a = winner();
    expect(verdictOf(a)).toEqual({ decision: 'ship', reasons: [expect.stringMatching(/^Ship B/)] });
    const checks = ruleChecks(a);
    expect(checks.length).toBeGreaterThan(2);
    for (const c of checks) expect(c).toEqual({ check: expect.any(String), status: 'met', detail: expect.any(String) });
    expect(progressOf(a)).toEqual({
      daysRunning: 14,
      minDays: 7,
      daysLeft: 0,
      unitsPerVariant: 6000,
      plannedPerVariant: 5000,
      unitsLeft: 0,
      fraction: 1,
    });
    expect(ruleTextOf(a)).toMatch(/^Ship if Conversion rate rises/);
    expect(spendOf(a)).toBe(4500);
    expect(srmMismatch(a)).toBe(false);
  });

  it('flags a sample-ratio mismatch', () => {
    const a = wire({}, [row('cr', 'control', 10000, { conversions: 500 }), row('cr', 'b', 8000, { conversions: 400 })]);
    expect(srmMismatch(a)).toBe(true);
  });

  it('shows a metric with no results as a metric with no lifts and a note, not an error', () => {
    const views = metricViews(wire({}, []));
    expect(views[0]).toMatchObject({ metricId: 'cr', lifts: [] });
    expect(views[0]!.notes.join(' ')).toMatch(/No results yet/);
    expect(verdictOf(wire({}, []))).toMatchObject({ decision: 'keep_running' });
  });
});

describe('evidence readers are defensive', () => {
  it.each([undefined, null, 42, 'text', [], {}, { metrics: 'nope' }, { metrics: null }])(
    'reads %j as "not enough data"',
    (bad) => {
      expect(metricViews(bad)).toEqual([]);
      expect(verdictOf(bad)).toEqual({ decision: null, reasons: [] });
      expect(ruleChecks(bad)).toEqual([]);
      expect(progressOf(bad)).toEqual({
        daysRunning: null,
        minDays: null,
        daysLeft: null,
        unitsPerVariant: null,
        plannedPerVariant: null,
        unitsLeft: null,
        fraction: null,
      });
      expect(ruleTextOf(bad)).toBeNull();
      expect(spendOf(bad)).toBeNull();
      expect(srmMismatch(bad)).toBe(false);
    },
  );

  it('drops non-finite numbers, malformed intervals and non-string notes field by field', () => {
    const views = metricViews({
      metrics: [
        null,
        {
          metricId: 'm',
          name: 'M',
          notes: ['a', 3, null],
          comparison: {
            result: {
              variants: [
                {
                  name: 'B',
                  relativeLift: Number.NaN,
                  relative: { ci: [0.1] },
                  test: { pValue: 0.2 },
                  bayesian: { chanceToBeatControl: '0.9' },
                  notes: ['b'],
                },
                { relativeLift: 0.1, relative: { ci: [-0.05, 'x'] }, pValue: 0.04 },
                'garbage',
              ],
            },
          },
        },
      ],
    });
    const empty = { name: 'Control', estimate: null };
    expect(views[0]).toEqual({
      metricId: '',
      name: 'Metric',
      role: 'secondary',
      kind: '',
      direction: 'increase',
      method: 'frequentist',
      control: empty,
      lifts: [],
      notes: [],
    });
    const lift = { estimate: null, interval: 'confidence', adjustedPValue: null, chance: null };
    expect(views[1]).toEqual({
      metricId: 'm',
      name: 'M',
      role: 'secondary',
      kind: '',
      direction: 'increase',
      method: 'frequentist',
      control: empty,
      notes: ['a', 'b'],
      lifts: [
        // The absolute test's p (0.2) never stands beside a relative interval.
        { ...lift, variant: 'B', lift: null, ci: null, pValue: null },
        { ...lift, variant: '?', lift: 0.1, ci: null, pValue: null },
        { ...lift, variant: '?', lift: null, ci: null, pValue: null },
      ],
    });
    expect(ruleChecks({ ruleStatus: [{}, { check: 'X', status: 'met', detail: 'ok' }] })).toEqual([
      { check: '', status: 'not_enough_data', detail: '' },
      { check: 'X', status: 'met', detail: 'ok' },
    ]);
    expect(progressOf({ progress: { daysRunning: Infinity, fraction: 0.5 } })).toMatchObject({
      daysRunning: null,
      fraction: 0.5,
    });
  });
});

// Issue 8 (#6): every figure beside another comes from the same method.
describe('evidence readers show one method per figure', () => {
  const borderline = (rule: Record<string, unknown>, arms = 2) =>
    JSON.parse(
      JSON.stringify(
        analyzeCycle({
          rule: decisionRuleSchema.parse({ primaryMetricId: 'cr', minDays: 0, ...rule }),
          variants: [...variants, { key: 'c', name: 'C', weight: 1 }].slice(0, arms),
          metrics,
          results: [
            row('cr', 'control', 2000, { conversions: 80 }),
            row('cr', 'b', 2000, { conversions: 107 }),
            row('cr', 'c', 2000, { conversions: 95 }),
          ],
          daysRunning: 14,
        }),
      ),
    );

  it('fixed horizon: the relative interval with its own p, so p < 0.05 exactly when 0 is outside it', () => {
    const [cr] = metricViews(borderline({}));
    const b = cr!.lifts[0]!;
    expect(b.interval).toBe('confidence');
    expect(b.ci![0]).toBeLessThan(0); // the interval includes 0 …
    expect(b.pValue).toBeGreaterThan(0.05); // … so its p is not below 0.05 (the pooled z-test's 0.043 was shown before)
    expect(b.adjustedPValue).toBeNull(); // one treatment: nothing to correct
  });

  it('several treatments: the corrected p is Holm of the shown p-values', () => {
    const [cr] = metricViews(borderline({ correction: 'holm' }, 3));
    const [b, c] = cr!.lifts;
    const ps = [b!.pValue!, c!.pValue!];
    const sorted = [...ps].sort((x, y) => x - y);
    const smallest = Math.min(1, 2 * sorted[0]!);
    expect(Math.min(b!.adjustedPValue!, c!.adjustedPValue!)).toBeCloseTo(smallest, 12);
    expect(Math.max(b!.adjustedPValue!, c!.adjustedPValue!)).toBeCloseTo(Math.max(smallest, sorted[1]!), 12);
  });

  it('sequential: the always-valid interval with the always-valid p', () => {
    const a = borderline({ method: 'sequential' });
    const [cr] = metricViews(a);
    const raw = a.metrics[0].comparison.result.variants[0];
    expect(cr!.method).toBe('sequential');
    expect(cr!.lifts[0]).toMatchObject({
      interval: 'always-valid',
      ci: raw.sequential.ci,
      pValue: raw.sequential.pValue,
    });
  });

  it('Bayesian: chance to beat control and the credible interval, no p-value', () => {
    const a = borderline({ method: 'bayesian', minChanceToBeat: 0.95 });
    const [cr] = metricViews(a);
    const raw = a.metrics[0].comparison.result.variants[0];
    expect(cr!.lifts[0]).toMatchObject({
      interval: 'credible',
      ci: raw.bayesian.credibleInterval,
      pValue: null,
      adjustedPValue: null,
      chance: raw.bayesian.chanceToBeatControl,
    });
    // Same posterior: the credible interval excludes 0 exactly when the chance is above 97.5%.
    expect(cr!.lifts[0]!.ci![0] > 0).toBe(cr!.lifts[0]!.chance! > 0.975);
  });
});

describe('labels', () => {
  it('formats percentages in plain words, with a sign for lifts and a dash for missing', () => {
    expect(pct(0.0523)).toBe('5.2%');
    expect(pct(0.0523, 0)).toBe('5%');
    expect(signedPct(0.4)).toBe('+40.0%');
    expect(signedPct(-0.125)).toBe('-12.5%');
    expect(signedPct(0)).toBe('0.0%');
    for (const missing of [null, undefined, Number.NaN, Infinity]) {
      expect(pct(missing)).toBe('—');
      expect(signedPct(missing)).toBe('—');
    }
  });

  it('has a label for every lever, status and decision', () => {
    expect(LEVERS.map(leverLabel)).toEqual([
      'Audience',
      'Offer',
      'Creative',
      'Landing page',
      'Keyword',
      'Bidding',
      'Budget',
      'Other',
    ]);
    expect(leverLabel(null)).toBe('—');
    for (const s of STATUSES) expect(statusLabel[s]).toEqual(expect.any(String));
    for (const d of [...DECISIONS, 'keep_running']) expect(decisionLabel[d]).toEqual(expect.any(String));
  });
});
