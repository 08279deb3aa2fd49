/**
 * The design screen's save starts from the stored rule: what the form doesn't show is kept, what it shows wins.
 * (Before, a save rebuilt the rule from the visible fields and sent `money: {}`, wiping a seeded CPA ceiling.)
 */
import { describe, expect, it } from 'vitest';
import { asPercent, mergeRule, type ShownRule } from '../../../web/src/cycles/design-body';
import { decisionRuleSchema } from '../../../worker/rules/schema';

const shown: ShownRule = {
  primaryMetricId: 'cr',
  method: 'frequentist',
  alpha: 0.05,
  minChanceToBeat: 0.95,
  minRelativeLift: 0.05,
  minUnitsPerVariant: 0,
  minDays: 14,
  guardrails: [{ metricId: 'cpa', maxWorsening: 0.1, scale: 'absolute' }],
  cpaCeiling: 45,
  roasFloor: null,
  plannedSampleSizePerVariant: null,
};

describe('mergeRule', () => {
  it('keeps the stored fields the form does not show', () => {
    const stored = {
      ...shown,
      correction: 'bh' as const,
      sequentialTuning: 1234,
      money: { cpaCeiling: 45, futureLimit: 7 } as never,
      plannedSampleSizePerVariant: 6000,
    };
    const rule = mergeRule(stored, { ...shown, plannedSampleSizePerVariant: 6000 });
    expect(rule.correction).toBe('bh');
    expect(rule.sequentialTuning).toBe(1234);
    expect(rule.money).toEqual({ cpaCeiling: 45, futureLimit: 7 });
    expect(rule.plannedSampleSizePerVariant).toBe(6000);
    expect(rule.guardrails).toEqual([{ metricId: 'cpa', maxWorsening: 0.1, scale: 'absolute' }]);
  });

  it('lets the shown fields win, and removes a cleared CPA ceiling or planned size', () => {
    const stored = { ...shown, alpha: 0.1, money: { cpaCeiling: 45, roasFloor: 3 }, plannedSampleSizePerVariant: 6000 };
    const rule = mergeRule(stored, { ...shown, alpha: 0.01, cpaCeiling: null, roasFloor: 2.5 });
    expect(rule.alpha).toBe(0.01);
    expect(rule.money).toEqual({ roasFloor: 2.5 });
    expect('plannedSampleSizePerVariant' in rule).toBe(false);
  });

  it('writes a complete, valid rule for a new design and drops unchosen guardrails', () => {
    const rule = mergeRule(null, { ...shown, guardrails: [{ metricId: '', maxWorsening: 0.1, scale: 'relative' }] });
    expect(rule.guardrails).toEqual([]);
    expect(rule.correction).toBe('holm');
    expect(decisionRuleSchema.parse(rule)).toEqual(rule);
  });
});

describe('asPercent', () => {
  it('shows fractions as percentages without float noise', () => {
    expect(0.07 * 100).not.toBe(7);
    expect(asPercent(0.07)).toBe(7);
    expect(asPercent(0.005)).toBe(0.5);
    expect(asPercent(0.123456)).toBe(12.3456);
  });
});
