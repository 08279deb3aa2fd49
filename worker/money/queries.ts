import { and, eq, inArray } from 'drizzle-orm';
import { cycles, metrics, type objectives, snapshots } from '../../db/schema';
import { daysRunning } from '../cycles/progress';
import type { Db } from '../db';
import type { MeasuredTotals } from '../funnel';

type Objective = typeof objectives.$inferSelect;
type Snapshot = typeof snapshots.$inferSelect;

/** The latest cumulative row per cycle, metric and variant. */
function latest(rows: Snapshot[]) {
  const best = new Map<string, Snapshot>();
  for (const r of rows) {
    const key = `${r.cycleId}|${r.metricId}|${r.variantKey}`;
    const seen = best.get(key);
    if (!seen || r.date > seen.date) best.set(key, r);
  }
  return [...best.values()];
}

/**
 * What the objective's tests measured: money spent (per cycle and variant the largest spend on any metric),
 * daily traffic, conversions, spend and revenue on each test's primary metric (parallel tests add up), and the
 * objective's primary metric as last measured on a control arm.
 */
export async function objectiveMeasures(db: Db, o: Objective) {
  const tests = await db
    .select()
    .from(cycles)
    .where(and(eq(cycles.workspaceId, o.workspaceId), eq(cycles.objectiveId, o.id)));
  const ids = tests.map((t) => t.id);
  const rows = ids.length
    ? latest(
        await db
          .select()
          .from(snapshots)
          .where(and(eq(snapshots.workspaceId, o.workspaceId), inArray(snapshots.cycleId, ids.slice(0, 90)))),
      )
    : [];
  const spendBy = new Map<string, number>();
  for (const r of rows)
    if (r.spend != null)
      spendBy.set(`${r.cycleId}|${r.variantKey}`, Math.max(spendBy.get(`${r.cycleId}|${r.variantKey}`) ?? 0, r.spend));
  const totals: MeasuredTotals = { units: 0, conversions: 0, spend: 0, revenue: 0, days: 1 };
  for (const t of tests) {
    const days = daysRunning(t);
    const primary = rows.filter((r) => r.cycleId === t.id && r.metricId === t.primaryMetricId);
    if (days < 1 || primary.length === 0) continue;
    for (const r of primary) {
      totals.units += r.units / days;
      totals.conversions += (r.conversions ?? 0) / days;
      totals.spend += (spendBy.get(`${t.id}|${r.variantKey}`) ?? 0) / days;
      totals.revenue += (r.revenue ?? 0) / days;
    }
  }
  return {
    spent: [...spendBy.values()].reduce((a, b) => a + b, 0),
    totals,
    current: await current(db, o, tests, rows),
  };
}

async function current(db: Db, o: Objective, tests: (typeof cycles.$inferSelect)[], rows: Snapshot[]) {
  if (!o.primaryMetricId) return null;
  const [metric] = await db
    .select()
    .from(metrics)
    .where(and(eq(metrics.workspaceId, o.workspaceId), eq(metrics.id, o.primaryMetricId)));
  const controls = new Map(tests.map((t) => [t.id, t.variants[0]?.key]));
  const last = rows
    .filter((r) => r.metricId === o.primaryMetricId && controls.get(r.cycleId) === r.variantKey && r.units > 0)
    .sort((a, b) => b.date.localeCompare(a.date))[0];
  if (!last || !metric) return null;
  if (metric.kind === 'proportion') return last.conversions == null ? null : last.conversions / last.units;
  if (metric.kind === 'mean') return last.mean ?? (last.valueSum == null ? null : last.valueSum / last.units);
  return null;
}
