import { and, asc, desc, eq, gte, isNotNull, isNull, lt, max, or, sql } from 'drizzle-orm';
import { cycles, hypotheses, insights, learnings, objectives, snapshots } from '../../db/schema';
import type { Db } from '../db';
import { missingParts } from '../hypotheses/domain';
import { openCycleHealth } from '../program/health';
import { weekMentions } from './mentions';
import { addDays, weekOf } from './week';

/** How many backlog ideas the review proposes as next actions. */
export const NEXT_ACTIONS = 5;

type Workspace = { id: string; timeZone: string; currency: string };

/**
 * The numbers of one week's review, read from stored data only and as of the week's end, so building the same
 * week twice gives the same figures: what launched, what closed and how (against the rule), what we learned,
 * what needs a decision or has a warning, money against each objective's envelope, and what to test next.
 */
export async function buildReviewFigures(db: Db, workspace: Workspace, weekStart: string) {
  const week = weekOf(weekStart, workspace.timeZone);
  const during = (column: typeof cycles.launchedAt | typeof cycles.closedAt) =>
    and(gte(column, week.from), lt(column, week.to));
  const ws = workspace.id;
  const [launched, closed, learned, published, open, spend, ideas, mentions] = await Promise.all([
    db
      .select({ cycleId: cycles.id, name: cycles.name, launchedAt: cycles.launchedAt, budget: cycles.budget })
      .from(cycles)
      .where(and(eq(cycles.workspaceId, ws), during(cycles.launchedAt)))
      .orderBy(asc(cycles.launchedAt), asc(cycles.id)),
    db
      .select({
        cycleId: cycles.id,
        name: cycles.name,
        closedAt: cycles.closedAt,
        decision: cycles.decision,
        verdict: sql<string | null>`json_extract(${cycles.verdict}, '$.decision')`,
        overrideReason: cycles.overrideReason,
      })
      .from(cycles)
      .where(and(eq(cycles.workspaceId, ws), eq(cycles.status, 'closed'), during(cycles.closedAt)))
      .orderBy(asc(cycles.closedAt), asc(cycles.id)),
    db
      .select({
        learningId: learnings.id,
        cycleId: learnings.cycleId,
        title: learnings.title,
        decision: learnings.decision,
      })
      .from(learnings)
      .where(
        and(eq(learnings.workspaceId, ws), gte(learnings.publishedAt, week.from), lt(learnings.publishedAt, week.to)),
      )
      .orderBy(asc(learnings.publishedAt), asc(learnings.id)),
    db
      .select({
        insightId: insights.id,
        title: insights.title,
        // Written out with explicit names: drizzle leaves select-list columns unqualified, which a subquery would misread.
        citations: sql<number>`(select count(*) from insight_citations ic where ic.insight_id = "insights"."id" and ic.created_at < ${week.to})`,
      })
      .from(insights)
      .where(and(eq(insights.workspaceId, ws), gte(insights.publishedAt, week.from), lt(insights.publishedAt, week.to)))
      .orderBy(asc(insights.publishedAt), asc(insights.id)),
    openCycleHealth(db, ws, { instant: Date.parse(week.to), lastDate: week.lastDay }),
    spendByObjective(db, ws, addDays(weekStart, -1), week.lastDay),
    db
      .select()
      .from(hypotheses)
      .where(
        and(
          eq(hypotheses.workspaceId, ws),
          eq(hypotheses.status, 'backlog'),
          lt(hypotheses.createdAt, week.to),
          or(isNull(hypotheses.deletedAt), gte(hypotheses.deletedAt, week.to)),
        ),
      )
      .orderBy(sql`coalesce(${hypotheses.iceScore}, -1) desc`, desc(hypotheses.createdAt), asc(hypotheses.id))
      .limit(NEXT_ACTIONS),
    weekMentions(db, ws, week),
  ]);
  const closedWithRule = closed.map(({ overrideReason, ...c }) => ({
    ...c,
    followedRule: c.decision === c.verdict,
    overrideReason: c.decision === c.verdict ? null : overrideReason,
  }));
  return {
    week: { weekStart, lastDay: week.lastDay, from: week.from, to: week.to, timeZone: workspace.timeZone },
    currency: workspace.currency,
    launched,
    closed: closedWithRule,
    followedRule: { followed: closedWithRule.filter((c) => c.followedRule).length, closed: closedWithRule.length },
    learnings: learned,
    insights: published.map((i) => ({ ...i, citations: Number(i.citations) })),
    needsDecision: open
      .filter((c) => c.needsDecision)
      .map(({ cycleId, name, verdict, overdue, daysRunning }) => ({ cycleId, name, verdict, overdue, daysRunning })),
    warnings: open
      .filter((c) => c.srm.mismatch || c.guardrailBreaches.length > 0)
      .map(({ cycleId, name, srm, guardrailBreaches }) => ({ cycleId, name, srm, guardrailBreaches })),
    running: open.length,
    spend,
    nextActions: ideas.map((h) => ({
      hypothesisId: h.id,
      title: h.title,
      iceScore: h.iceScore,
      missing: missingParts(h),
    })),
    /** Who was mentioned in a comment this week, and where (issue 15). Reviews built before it have none. */
    mentions,
  };
}
export type ReviewFigures = Awaited<ReturnType<typeof buildReviewFigures>>;

/**
 * Money spent on each objective's tests: to the end of the week, and during it. Snapshots are cumulative, so a
 * cycle's spend by a date is, per variant, the largest spend reported by then (as worker/cycles/progress.ts sums it).
 */
async function spendByObjective(db: Db, workspaceId: string, dayBefore: string, lastDay: string) {
  const [objectiveRows, perVariant] = await Promise.all([
    db
      .select()
      .from(objectives)
      .where(eq(objectives.workspaceId, workspaceId))
      .orderBy(asc(objectives.title), asc(objectives.id)),
    db
      .select({
        objectiveId: cycles.objectiveId,
        before: sql<number | null>`max(case when ${snapshots.date} <= ${dayBefore} then ${snapshots.spend} end)`,
        total: max(snapshots.spend),
      })
      .from(snapshots)
      .innerJoin(cycles, eq(cycles.id, snapshots.cycleId))
      .where(
        and(
          eq(snapshots.workspaceId, workspaceId),
          isNotNull(snapshots.spend),
          sql`${snapshots.date} <= ${lastDay}`,
          isNotNull(cycles.objectiveId),
        ),
      )
      .groupBy(snapshots.cycleId, snapshots.variantKey),
  ]);
  const totals = new Map<string, { total: number; before: number }>();
  for (const row of perVariant) {
    const t = totals.get(row.objectiveId!) ?? { total: 0, before: 0 };
    t.total += Number(row.total ?? 0);
    t.before += Number(row.before ?? 0);
    totals.set(row.objectiveId!, t);
  }
  return objectiveRows
    .filter((o) => o.status === 'active' || totals.has(o.id))
    .map((o) => {
      const t = totals.get(o.id) ?? { total: 0, before: 0 };
      const round = (x: number) => Math.round(x * 100) / 100;
      return {
        objectiveId: o.id,
        title: o.title,
        envelope: o.budgetEnvelope,
        spentToDate: round(t.total),
        spentThisWeek: round(t.total - t.before),
        share: o.budgetEnvelope ? t.total / o.budgetEnvelope : null,
      };
    });
}
