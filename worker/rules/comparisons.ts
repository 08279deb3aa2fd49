import { compare, compareCost, type CompareResult, type CostFormula } from '../stats';
import type { DecisionRule } from './schema';

export type CycleVariant = { key: string; name: string; weight: number };
export type CycleMetric = {
  id: string;
  name: string;
  kind: 'proportion' | 'mean' | 'cost';
  direction: 'increase' | 'decrease';
  costFormula: CostFormula | null;
};
export type ResultRow = {
  metricId: string;
  variantKey: string;
  units: number;
  conversions: number | null;
  valueSum: number | null;
  valueSumSquares: number | null;
  mean: number | null;
  sd: number | null;
  spend: number | null;
  revenue: number | null;
};
export type CostResult = ReturnType<typeof compareCost>;
export type MetricComparison =
  | { kind: 'proportion' | 'mean'; result: CompareResult }
  | { kind: 'cost'; formula: CostFormula; result: CostResult };

/** One metric's latest results in the cycle's variant order (control first), or why they can't be compared. */
function rowsInOrder(variants: CycleVariant[], results: ResultRow[], metricId: string) {
  const byVariant = new Map(results.filter((r) => r.metricId === metricId).map((r) => [r.variantKey, r]));
  const missing = variants.filter((v) => !byVariant.has(v.key)).map((v) => v.name);
  return { rows: variants.map((v) => byVariant.get(v.key)), missing };
}

const meanInput = (name: string, row: ResultRow) =>
  row.mean != null && row.sd != null
    ? { name, units: row.units, mean: row.mean, sd: row.sd }
    : { name, units: row.units, sum: row.valueSum ?? 0, sumSquares: row.valueSumSquares ?? 0 };

function costInput(formula: CostFormula, name: string, row: ResultRow) {
  if (row.spend == null) return null;
  if (formula === 'cpa' && row.conversions == null) return null;
  if (formula === 'roas' && row.revenue == null) return null;
  return {
    name,
    units: row.units,
    spend: row.spend,
    conversions: row.conversions ?? undefined,
    revenue: row.revenue ?? undefined,
    revenueSd: row.sd ?? undefined,
  };
}

/** Runs the engine on one metric: proportions and means through compare(), spend-based metrics through compareCost(). */
export function compareMetric(
  metric: CycleMetric,
  variants: CycleVariant[],
  results: ResultRow[],
  rule: DecisionRule,
): { comparison: MetricComparison | null; notes: string[] } {
  const { rows, missing } = rowsInOrder(variants, results, metric.id);
  if (missing.length) return { comparison: null, notes: [`No results yet for ${missing.join(', ')}`] };
  const present = rows as ResultRow[];
  const named = present.map((row, i) => ({ row, name: variants[i]!.name }));
  if (metric.kind === 'cost') {
    const formula = metric.costFormula ?? 'cpa';
    const inputs = named.map(({ row, name }) => costInput(formula, name, row));
    if (inputs.some((v) => v == null))
      return {
        comparison: null,
        notes: [
          `${metric.name} needs spend${formula === 'cpa' ? ' and conversions' : formula === 'roas' ? ' and revenue' : ''} for every variant`,
        ],
      };
    return {
      comparison: {
        kind: 'cost',
        formula,
        result: compareCost({ formula, alpha: rule.alpha, variants: inputs as NonNullable<(typeof inputs)[number]>[] }),
      },
      notes: [],
    };
  }
  const base = {
    alpha: rule.alpha,
    correction: rule.correction,
    weights: variants.map((v) => v.weight),
    sequentialTuning: rule.sequentialTuning,
  };
  const result =
    metric.kind === 'proportion'
      ? compare({
          ...base,
          metric: 'proportion',
          variants: named.map(({ row, name }) => ({ name, units: row.units, conversions: row.conversions ?? 0 })),
        })
      : compare({ ...base, metric: 'mean', variants: named.map(({ row, name }) => meanInput(name, row)) });
  return { comparison: { kind: metric.kind, result }, notes: [] };
}

/** CPA or ROAS for the money rule: from a cost metric the cycle tracks, else from the spend reported on the primary metric. */
export function moneyComparison(
  formula: 'cpa' | 'roas',
  metrics: CycleMetric[],
  variants: CycleVariant[],
  results: ResultRow[],
  rule: DecisionRule,
): CostResult | null {
  const tracked = metrics.find((m) => m.kind === 'cost' && m.costFormula === formula);
  const candidates = tracked ? [tracked.id, rule.primaryMetricId] : [rule.primaryMetricId];
  for (const metricId of candidates) {
    const { rows, missing } = rowsInOrder(variants, results, metricId);
    if (missing.length) continue;
    const inputs = (rows as ResultRow[]).map((row, i) => costInput(formula, variants[i]!.name, row));
    if (inputs.every((v) => v != null))
      return compareCost({ formula, alpha: rule.alpha, variants: inputs as NonNullable<(typeof inputs)[number]>[] });
  }
  return null;
}
