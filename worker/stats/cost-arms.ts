/**
 * A cycle's stored results (latest cumulative row per metric and variant) read as the arms of costOfLearning():
 * units and conversions from the primary metric, spend and revenue as the largest reported on any metric (the
 * arms' metrics share one budget), clicks from a click-unit metric, revenue spread from a revenue-per-unit mean.
 */
import type { LearningArm } from './cost-learning';

type Variant = { key: string; name: string };
type Metric = { id: string; kind: string; unit: string; costFormula: string | null };
type Row = {
  metricId: string;
  variantKey: string;
  units: number;
  conversions: number | null;
  sd: number | null;
  spend: number | null;
  revenue: number | null;
};

const largest = (rows: Row[], pick: (r: Row) => number | null) =>
  rows.reduce<number | null>((m, r) => {
    const v = pick(r);
    return v == null ? m : Math.max(m ?? v, v);
  }, null);

export function learningArms(
  variants: Variant[],
  metrics: Metric[],
  results: Row[],
  primaryMetricId: string,
): LearningArm[] {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  return variants.map((v) => {
    const rows = results.filter((r) => r.variantKey === v.key);
    const primary = rows.find((r) => r.metricId === primaryMetricId);
    const clickRow = rows.find(
      (r) => byId.get(r.metricId)?.unit === 'click' || byId.get(r.metricId)?.costFormula === 'cpc',
    );
    const spreadRow = rows.find(
      (r) => r.revenue != null && r.sd != null && byId.get(r.metricId)?.kind !== 'proportion',
    );
    return {
      key: v.key,
      name: v.name,
      units: primary?.units ?? 0,
      conversions: primary?.conversions ?? null,
      clicks: clickRow?.units ?? null,
      spend: largest(rows, (r) => r.spend),
      revenue: largest(rows, (r) => r.revenue),
      revenueSd: spreadRow?.sd ?? null,
    };
  });
}
