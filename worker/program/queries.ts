import { and, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import { channels, cycles, hypotheses, learnings, metrics, objectives } from '../../db/schema';
import type { Db } from '../db';
import { REQUIRED_FOR_TEST } from '../hypotheses/domain';
import { PRIMARY_FROM_EVIDENCE, measuredEffect, type StoredPrimary } from './effects';
import {
  backlogHealth,
  outcomes,
  pooledImpact,
  staleBefore,
  velocity,
  type ClosedCycleRow,
  type ShippedTest,
} from './figures';
import { type AsOf, currentCycleHealth } from './health';

export type Window = { from: string; to: string };
type Scope = { workspaceId: string; objectiveId?: string };

const inWindow = (column: typeof cycles.closedAt | typeof cycles.launchedAt, w: Window) =>
  and(gte(column, w.from), lt(column, w.to));
const ofObjective = (objectiveId?: string) => (objectiveId ? eq(cycles.objectiveId, objectiveId) : undefined);

/** Closed cycles in the window with what the program view reads of them (never the whole evidence document). */
export async function closedCycles(db: Db, scope: Scope, w: Window): Promise<ClosedCycleRow[]> {
  const rows = await db
    .select({
      id: cycles.id,
      name: cycles.name,
      launchedAt: cycles.launchedAt,
      closedAt: cycles.closedAt,
      decision: cycles.decision,
      verdict: sql<string | null>`json_extract(${cycles.verdict}, '$.decision')`,
      statuses: sql<
        string | null
      >`(select group_concat(json_extract(value, '$.status')) from json_each(${cycles.verdict}, '$.perVariant'))`,
      isOverride: learnings.isOverride,
      overrideReason: cycles.overrideReason,
      channelId: hypotheses.channelId,
      channelName: channels.name,
      lever: hypotheses.lever,
      funnelStage: hypotheses.funnelStage,
      plannedPerVariant: sql<number | null>`json_extract(${learnings.evidence}, '$.progress.plannedPerVariant')`,
      unitsLeft: sql<number | null>`json_extract(${learnings.evidence}, '$.progress.unitsLeft')`,
    })
    .from(cycles)
    .innerJoin(learnings, eq(learnings.cycleId, cycles.id))
    .innerJoin(hypotheses, eq(hypotheses.id, cycles.hypothesisId))
    .leftJoin(channels, eq(channels.id, hypotheses.channelId))
    .where(
      and(
        eq(cycles.workspaceId, scope.workspaceId),
        eq(cycles.status, 'closed'),
        inWindow(cycles.closedAt, w),
        ofObjective(scope.objectiveId),
      ),
    );
  return rows.map(({ statuses, ...r }) => ({
    ...r,
    closedAt: r.closedAt!,
    decision: r.decision!,
    variantStatuses: statuses ? statuses.split(',') : [],
  }));
}

export async function launchedAts(db: Db, scope: Scope, w: Window): Promise<string[]> {
  const rows = await db
    .select({ launchedAt: cycles.launchedAt })
    .from(cycles)
    .where(
      and(eq(cycles.workspaceId, scope.workspaceId), inWindow(cycles.launchedAt, w), ofObjective(scope.objectiveId)),
    );
  return rows.map((r) => r.launchedAt!);
}

/** Shipped cycles' measured primary effects, from the analysis stored when each was closed. */
export async function shippedEffects(db: Db, scope: Scope, w: Window) {
  const rows = await db
    .select({
      cycleId: cycles.id,
      name: cycles.name,
      closedAt: cycles.closedAt,
      objectiveId: cycles.objectiveId,
      primaryMetricId: cycles.primaryMetricId,
      variants: cycles.variants,
      shipped: sql<string | null>`json_extract(${cycles.verdict}, '$.variantKey')`,
      primary: sql<string | null>`${sql.raw(PRIMARY_FROM_EVIDENCE)}`,
    })
    .from(cycles)
    .innerJoin(learnings, eq(learnings.cycleId, cycles.id))
    .where(
      and(
        eq(cycles.workspaceId, scope.workspaceId),
        eq(cycles.status, 'closed'),
        eq(cycles.decision, 'ship'),
        inWindow(cycles.closedAt, w),
        ofObjective(scope.objectiveId),
      ),
    );
  return rows.map((r) => ({
    ...r,
    effect: measuredEffect(r.primary ? (JSON.parse(r.primary) as StoredPrimary) : null, r.variants, r.shipped),
  }));
}

export async function objectiveImpact(db: Db, scope: Scope, w: Window) {
  const [objectiveRows, metricRows, shipped] = await Promise.all([
    db
      .select()
      .from(objectives)
      .where(
        and(
          eq(objectives.workspaceId, scope.workspaceId),
          scope.objectiveId ? eq(objectives.id, scope.objectiveId) : undefined,
        ),
      ),
    db.select({ id: metrics.id, name: metrics.name }).from(metrics).where(eq(metrics.workspaceId, scope.workspaceId)),
    shippedEffects(db, scope, w),
  ]);
  const metricName = new Map(metricRows.map((m) => [m.id, m.name]));
  return objectiveRows
    .filter((o) => o.status !== 'archived' || shipped.some((s) => s.objectiveId === o.id))
    .map((o) => {
      const mine = shipped.filter((s) => s.objectiveId === o.id);
      const onMetric = mine.filter((s) => o.primaryMetricId && s.primaryMetricId === o.primaryMetricId && s.effect);
      const tests: ShippedTest[] = onMetric
        .map((s) => ({ cycleId: s.cycleId, name: s.name, closedAt: s.closedAt!, ...s.effect! }))
        .sort((a, b) => a.closedAt.localeCompare(b.closedAt));
      return {
        objectiveId: o.id,
        title: o.title,
        metricId: o.primaryMetricId,
        metricName: o.primaryMetricId ? (metricName.get(o.primaryMetricId) ?? null) : null,
        shipped: mine.length,
        /** Shipped tests judged on another metric (or without a measurable lift): listed, never pooled. */
        notPooled: mine.length - tests.length,
        tests,
        ...pooledImpact(tests),
        basis: 'as measured at test time' as const,
      };
    })
    .sort((a, b) => b.shipped - a.shipped || a.title.localeCompare(b.title));
}

/** Backlog health counted in SQL: a handful of groups cross the wire, not every idea in the backlog. */
export async function backlog(db: Db, scope: Scope, now: number) {
  const incomplete = sql.join(
    REQUIRED_FOR_TEST.map((part) => sql`${hypotheses[part]} is null or ${hypotheses[part]} = ''`),
    sql` or `,
  );
  const groups = await db
    .select({
      iceScore: sql<number | null>`cast(${hypotheses.iceScore} as integer)`.as('ice_bin'),
      incomplete: sql<number>`(${incomplete})`.as('incomplete'),
      stale: sql<number>`(${hypotheses.updatedAt} < ${staleBefore(now)})`.as('stale'),
      ideas: sql<number>`count(*)`,
    })
    .from(hypotheses)
    .where(
      and(
        eq(hypotheses.workspaceId, scope.workspaceId),
        isNull(hypotheses.deletedAt),
        eq(hypotheses.status, 'backlog'),
        scope.objectiveId ? eq(hypotheses.objectiveId, scope.objectiveId) : undefined,
      ),
    )
    .groupBy(sql`ice_bin`, sql`incomplete`, sql`stale`);
  return backlogHealth(groups.map((g) => ({ ...g, incomplete: g.incomplete === 1, stale: g.stale === 1 })));
}

/** The whole program view: velocity and outcomes over the window, impact per objective, and attention now. */
export async function programView(
  db: Db,
  scope: Scope,
  w: Window & { fromDate: string; toDate: string },
  now: AsOf,
  timeZone: string,
) {
  const [closed, launched, impact, { health: open, computed }, backlogNow] = await Promise.all([
    closedCycles(db, scope, w),
    launchedAts(db, scope, w),
    objectiveImpact(db, scope, w),
    currentCycleHealth(db, scope.workspaceId, now, scope.objectiveId),
    backlog(db, scope, now.instant),
  ]);
  const view = {
    range: { from: w.fromDate, to: w.toDate, timeZone, objectiveId: scope.objectiveId ?? null },
    velocity: velocity(launched, closed, { from: w.fromDate, to: w.toDate }, timeZone),
    outcomes: outcomes(closed),
    impact,
    attention: {
      overdue: open.filter((c) => c.overdue.length > 0),
      warnings: open.filter((c) => c.srm.mismatch || c.guardrailBreaches.length > 0),
      running: open.length,
      backlog: backlogNow,
    },
  };
  /** Open cycles analysed for this view because their stored analysis no longer held: worth storing. */
  return { view, computed };
}
