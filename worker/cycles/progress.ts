import type { cycles } from '../../db/schema';

type Cycle = typeof cycles.$inferSelect;
const DAY_MS = 86_400_000;

/** Whole days of data so far: from launch to close (or now). */
export function daysRunning(cycle: Pick<Cycle, 'launchedAt' | 'closedAt'>, now = Date.now()): number {
  if (!cycle.launchedAt) return 0;
  const end = cycle.closedAt ? Date.parse(cycle.closedAt) : now;
  return Math.max(0, Math.floor((end - Date.parse(cycle.launchedAt)) / DAY_MS));
}

/** Money spent so far: per variant the largest spend reported on any metric (they share one budget), summed. */
export function totalSpend(results: { variantKey: string; spend: number | null }[]): number | null {
  const byVariant = new Map<string, number>();
  for (const r of results)
    if (r.spend != null) byVariant.set(r.variantKey, Math.max(byVariant.get(r.variantKey) ?? 0, r.spend));
  return byVariant.size === 0 ? null : [...byVariant.values()].reduce((a, b) => a + b, 0);
}
