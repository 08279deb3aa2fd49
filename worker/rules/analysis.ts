import { srm, type SrmResult } from '../stats';
import {
  compareMetric,
  moneyComparison,
  type CycleMetric,
  type CycleVariant,
  type MetricComparison,
  type ResultRow,
} from './comparisons';
import { describeRule } from './describe';
import { effectsOf } from './effects';
import { evaluateRule } from './evaluate';
import type { DecisionRule } from './schema';

export type CycleAnalysisInput = {
  rule: DecisionRule;
  variants: CycleVariant[];
  metrics: CycleMetric[];
  results: ResultRow[];
  daysRunning: number;
  currency?: string; // the workspace's (ISO 4217): the rule text names money in it
};

export type MetricRole = 'primary' | 'secondary' | 'guardrail';
export type MetricAnalysis = Omit<CycleMetric, 'id'> & {
  metricId: string;
  role: MetricRole;
  comparison: MetricComparison | null;
  notes: string[];
};

const roleOf = (rule: DecisionRule, metricId: string): MetricRole =>
  metricId === rule.primaryMetricId
    ? 'primary'
    : rule.guardrails.some((g) => g.metricId === metricId)
      ? 'guardrail'
      : 'secondary';

function primarySrm(input: CycleAnalysisInput): { srm: SrmResult | null; units: number[] } {
  const rows = input.variants.map((v) =>
    input.results.find((r) => r.metricId === input.rule.primaryMetricId && r.variantKey === v.key),
  );
  if (rows.some((r) => !r)) return { srm: null, units: rows.map((r) => r?.units ?? 0) };
  const units = rows.map((r) => r!.units);
  return {
    srm: srm(
      units,
      input.variants.map((v) => v.weight),
    ),
    units,
  };
}

/**
 * The full analysis of a cycle: every metric compared by the engine, the rule in words, and its verdict.
 * Pure, so the Worker, the seed and the rule preview endpoint all get the same answer.
 */
export function analyzeCycle(input: CycleAnalysisInput) {
  const { rule, variants, results } = input;
  const metricAnalyses: MetricAnalysis[] = input.metrics.map(({ id, ...metric }) => ({
    metricId: id,
    ...metric,
    role: roleOf(rule, id),
    ...compareMetric({ id, ...metric }, variants, results, rule),
  }));
  metricAnalyses.sort(
    (a, b) =>
      ['primary', 'secondary', 'guardrail'].indexOf(a.role) - ['primary', 'secondary', 'guardrail'].indexOf(b.role),
  );
  const byId = new Map(metricAnalyses.map((m) => [m.metricId, m]));
  const effects = (metricId: string) => {
    const m = byId.get(metricId);
    return m?.comparison ? effectsOf(m.comparison, m.direction, rule) : null;
  };
  const primary = byId.get(rule.primaryMetricId);
  const { srm: split, units } = primarySrm(input);
  const evaluation = evaluateRule({
    rule,
    variants,
    primaryName: primary?.name ?? 'the primary metric',
    primary: effects(rule.primaryMetricId),
    primaryNotes: primary?.notes ?? ['the primary metric is not defined in this workspace'],
    guardrails: rule.guardrails.map((guardrail) => ({
      guardrail,
      name: byId.get(guardrail.metricId)?.name ?? 'a guardrail',
      effects: effects(guardrail.metricId),
    })),
    money: {
      cpa: rule.money.cpaCeiling != null ? moneyComparison('cpa', input.metrics, variants, results, rule) : null,
      roas: rule.money.roasFloor != null ? moneyComparison('roas', input.metrics, variants, results, rule) : null,
    },
    unitsPerVariant: units,
    srm: split,
    daysRunning: input.daysRunning,
  });
  return {
    rule,
    ruleText: describeRule(rule, input.metrics, variants.length - 1, input.currency),
    metrics: metricAnalyses,
    srm: split,
    ...evaluation,
  };
}

export type CycleAnalysis = ReturnType<typeof analyzeCycle>;
