import type { DecisionRule } from '../../../worker/rules/schema';

/**
 * What a save of the design screen sends. The screen shows only some of a cycle's fields, so a save starts from the
 * stored record and overwrites what is shown: fields the form doesn't show (a rule's correction or tuning, a
 * guardrail's scale, a variant's description, money limits the form gained later) are never dropped.
 */
export type ShownRule = Pick<
  DecisionRule,
  'primaryMetricId' | 'method' | 'alpha' | 'minChanceToBeat' | 'minRelativeLift' | 'minUnitsPerVariant' | 'minDays'
> & {
  guardrails: DecisionRule['guardrails'];
  cpaCeiling: number | null;
  roasFloor: number | null;
  plannedSampleSizePerVariant: number | null;
};

const DEFAULTS = { correction: 'holm', sequentialTuning: 5000 } as const;

/** The stored rule (if any) with the shown fields laid over it; a cleared CPA ceiling or ROAS floor is removed. */
export function mergeRule(stored: Partial<DecisionRule> | null | undefined, shown: ShownRule): DecisionRule {
  const { cpaCeiling, roasFloor, plannedSampleSizePerVariant, guardrails, ...fields } = shown;
  const { cpaCeiling: _c, roasFloor: _r, ...otherMoney } = stored?.money ?? {};
  const { plannedSampleSizePerVariant: _p, ...base } = stored ?? {};
  return {
    ...DEFAULTS,
    ...base,
    ...fields,
    guardrails: guardrails.filter((g) => g.metricId),
    money: {
      ...otherMoney,
      ...(cpaCeiling != null ? { cpaCeiling } : {}),
      ...(roasFloor != null ? { roasFloor } : {}),
    },
    ...(plannedSampleSizePerVariant ? { plannedSampleSizePerVariant } : {}),
  } as DecisionRule;
}

/** Fractions shown as percentages without float noise (0.07 × 100 is 7.000000000000001, which a step rejects). */
export const asPercent = (x: number) => Math.round(x * 1e8) / 1e6;
