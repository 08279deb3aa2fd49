import { and, eq, inArray, isNotNull, isNull, lt, lte, or, gte, sql } from 'drizzle-orm';
import { cycleAnalyses, cycles, metrics, snapshots } from '../../db/schema';
import {
  analysisOf,
  ruleInput,
  ruleOf,
  type StoredAnalysis,
  storedAnalysis,
  storedAnalysisHolds,
  workspaceCurrency,
} from '../cycles/analysis';
import { daysRunning, totalSpend } from '../cycles/progress';
import type { Db } from '../db';
import { analyzeCycle, type CycleAnalysis } from '../rules/analysis';
import { guardrailBreaches } from '../rules/breaches';

type Cycle = typeof cycles.$inferSelect;
type Metric = typeof metrics.$inferSelect;
type Snapshot = typeof snapshots.$inferSelect;

/** The point in time a health check reads the data at: an instant, and the last local date whose results count. */
export type AsOf = { instant: number; lastDate: string };

export type CycleHealth = {
  cycleId: string;
  name: string;
  objectiveId: string | null;
  launchedAt: string;
  plannedEnd: string | null;
  daysRunning: number;
  /** The rule's answer on the data so far. */
  verdict: string;
  unitsPerVariant: number;
  plannedPerVariant: number | null;
  srm: { mismatch: boolean; pValue: number | null };
  /** Guardrails whose estimate is already past the allowed worsening, in words. */
  guardrailBreaches: string[];
  /** Why the cycle is overdue (past its planned end; window and sample reached with no decision), empty when it isn't. */
  overdue: string[];
  needsDecision: boolean;
  spend: number | null;
};

/** Cycles open at `asOf`: launched before it and not yet closed or aborted by then. */
export function openAt(workspaceId: string, asOf: AsOf, objectiveId?: string) {
  const at = new Date(asOf.instant).toISOString();
  return and(
    eq(cycles.workspaceId, workspaceId),
    isNotNull(cycles.launchedAt),
    lt(cycles.launchedAt, at),
    or(isNull(cycles.closedAt), gte(cycles.closedAt, at)),
    objectiveId ? eq(cycles.objectiveId, objectiveId) : undefined,
  );
}

/**
 * The latest cumulative result per metric and variant dated on or before `lastDate`, for every cycle open at
 * `asOf` (with `unlessStored`, only those whose stored analysis no longer holds).
 */
export function latestSnapshots(
  db: Db,
  workspaceId: string,
  asOf: AsOf,
  objectiveId?: string,
  unlessStored = false,
): Promise<Snapshot[]> {
  const stored = sql`exists (select 1 from ${cycleAnalyses} where ${cycleAnalyses.cycleId} = ${cycles.id} and ${storedAnalysisHolds()})`;
  const open = db
    .select({ id: cycles.id })
    .from(cycles)
    .where(and(openAt(workspaceId, asOf, objectiveId), unlessStored ? sql`not ${stored}` : undefined));
  return db
    .select()
    .from(snapshots)
    .where(
      and(
        inArray(snapshots.cycleId, open),
        lte(snapshots.date, asOf.lastDate),
        sql`${snapshots.date} = (select max(s2.date) from snapshots s2 where s2.cycle_id = ${snapshots.cycleId} and s2.metric_id = ${snapshots.metricId} and s2.variant_key = ${snapshots.variantKey} and s2.date <= ${asOf.lastDate})`,
      ),
    );
}

export function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Pure: one open cycle read at a point in time, from its results. */
export function cycleHealth(cycle: Cycle, workspaceMetrics: Metric[], results: Snapshot[], asOf: AsOf): CycleHealth {
  const rule = ruleOf(cycle);
  if (!rule) return healthFromAnalysis(cycle, null, totalSpend(results), asOf);
  const analysis = analyzeCycle(ruleInput(cycle, rule, workspaceMetrics, results, daysRunningAt(cycle, asOf)));
  return healthFromAnalysis(cycle, analysis, totalSpend(results), asOf);
}

/** Days since launch at `asOf`: a cycle open then counts to that instant, even if it has closed since. */
const daysRunningAt = (cycle: Cycle, asOf: AsOf) =>
  daysRunning({ launchedAt: cycle.launchedAt, closedAt: null }, asOf.instant);

/** Pure: what the program view says of an open cycle, given the rule's analysis of its data (null: no rule yet). */
export function healthFromAnalysis(
  cycle: Cycle,
  analysis: CycleAnalysis | null,
  spend: number | null,
  asOf: AsOf,
): CycleHealth {
  const base = {
    cycleId: cycle.id,
    name: cycle.name,
    objectiveId: cycle.objectiveId,
    launchedAt: cycle.launchedAt!,
    plannedEnd: cycle.plannedEnd,
    daysRunning: daysRunningAt(cycle, asOf),
    spend,
  };
  const pastEnd =
    cycle.plannedEnd && cycle.plannedEnd < asOf.lastDate ? [`past its planned end (${cycle.plannedEnd})`] : [];
  if (!analysis)
    return {
      ...base,
      verdict: 'keep_running',
      unitsPerVariant: 0,
      plannedPerVariant: null,
      srm: { mismatch: false, pValue: null },
      guardrailBreaches: [],
      overdue: pastEnd,
      needsDecision: pastEnd.length > 0,
    };
  const nameOf = (key: string) => cycle.variants.find((v) => v.key === key)?.name ?? 'a variant';
  const breaches = guardrailBreaches(
    analysis,
    cycle.variants.map((v) => v.key),
  ).map((b) => `${nameOf(b.variantKey)}: ${b.detail}`);
  const { progress } = analysis;
  const windowReached = progress.daysLeft === 0 && progress.plannedPerVariant != null && progress.unitsLeft === 0;
  const overdue = [
    ...pastEnd,
    ...(windowReached ? ['minimum window and planned sample reached, no decision yet'] : []),
  ];
  return {
    ...base,
    verdict: analysis.verdict.decision,
    unitsPerVariant: progress.unitsPerVariant,
    plannedPerVariant: progress.plannedPerVariant,
    srm: { mismatch: analysis.srm?.mismatch ?? false, pValue: analysis.srm?.pValue ?? null },
    guardrailBreaches: breaches,
    overdue,
    needsDecision: overdue.length > 0 || analysis.verdict.decision !== 'keep_running',
  };
}

/** Every cycle open at `asOf`, read with the results known by then: three reads in one round trip. */
export async function openCycleHealth(db: Db, workspaceId: string, asOf: AsOf, objectiveId?: string) {
  const [open, workspaceMetrics, results] = await Promise.all([
    db
      .select()
      .from(cycles)
      .where(openAt(workspaceId, asOf, objectiveId)),
    db.select().from(metrics).where(eq(metrics.workspaceId, workspaceId)),
    latestSnapshots(db, workspaceId, asOf, objectiveId),
  ]);
  const byCycle = groupBy(results, (r) => r.cycleId);
  return open
    .map((c) => cycleHealth(c, workspaceMetrics, byCycle.get(c.id) ?? [], asOf))
    .sort((a, b) => a.launchedAt.localeCompare(b.launchedAt) || a.cycleId.localeCompare(b.cycleId));
}

/**
 * Every cycle open now, read from its stored analysis where that still holds (computed once per change, as on
 * the test screen); the others are analysed from their latest results, read in the same round trip, and
 * returned so the caller can store them.
 */
export async function currentCycleHealth(db: Db, workspaceId: string, asOf: AsOf, objectiveId?: string) {
  const [open, workspaceMetrics, results, [workspace]] = await Promise.all([
    db
      .select()
      .from(cycles)
      .leftJoin(cycleAnalyses, eq(cycleAnalyses.cycleId, cycles.id))
      .where(openAt(workspaceId, asOf, objectiveId)),
    db.select().from(metrics).where(eq(metrics.workspaceId, workspaceId)),
    latestSnapshots(db, workspaceId, asOf, objectiveId, true),
    workspaceCurrency(db, workspaceId),
  ]);
  const byCycle = groupBy(results, (r) => r.cycleId);
  const computed: { cycle: Cycle; revision: number; analysis: StoredAnalysis }[] = [];
  const health = open.map(({ cycles: cycle, cycle_analyses: stored }) => {
    const rule = ruleOf(cycle);
    if (!rule) return cycleHealth(cycle, workspaceMetrics, byCycle.get(cycle.id) ?? [], asOf);
    let analysis = storedAnalysis(cycle, stored);
    if (!analysis) {
      analysis = analysisOf(cycle, rule, workspaceMetrics, byCycle.get(cycle.id) ?? [], workspace?.currency);
      computed.push({ cycle, revision: stored?.revision ?? 0, analysis });
    }
    return healthFromAnalysis(cycle, analysis, analysis.spend, asOf);
  });
  health.sort((a, b) => a.launchedAt.localeCompare(b.launchedAt) || a.cycleId.localeCompare(b.cycleId));
  return { health, computed };
}
