import { and, count, eq, isNull, ne, sum } from 'drizzle-orm';
import { cycles, hypotheses, learnings, type objectives } from '../../db/schema';
import type { Db } from '../db';
import { shippedLift, towardTarget, type ShippedTest } from './toward-target';

type Objective = typeof objectives.$inferSelect;

const tally = <K extends string>(rows: { key: K | null; n: number }[]) =>
  Object.fromEntries(rows.filter((r) => r.key).map((r) => [r.key, r.n])) as Partial<Record<K, number>>;

/**
 * How far the work toward an objective has come: ideas, tests and decisions, the money committed and spent,
 * and the estimated primary metric after every shipped test (see toward-target.ts).
 */
export async function objectiveProgress(db: Db, workspaceId: string, objective: Objective) {
  const objectiveId = objective.id;
  const ofObjective = and(eq(cycles.workspaceId, workspaceId), eq(cycles.objectiveId, objectiveId));
  const [ideas, tests, decisions, committed, ships] = await Promise.all([
    db
      .select({ key: hypotheses.status, n: count() })
      .from(hypotheses)
      .where(
        and(
          eq(hypotheses.workspaceId, workspaceId),
          eq(hypotheses.objectiveId, objectiveId),
          isNull(hypotheses.deletedAt),
        ),
      )
      .groupBy(hypotheses.status),
    db.select({ key: cycles.status, n: count() }).from(cycles).where(ofObjective).groupBy(cycles.status),
    db
      .select({ key: learnings.decision, n: count(), spend: sum(learnings.spend) })
      .from(learnings)
      .innerJoin(cycles, eq(cycles.id, learnings.cycleId))
      .where(and(eq(learnings.workspaceId, workspaceId), ofObjective))
      .groupBy(learnings.decision),
    db
      .select({ budget: sum(cycles.budget) })
      .from(cycles)
      .where(and(ofObjective, ne(cycles.status, 'aborted'))),
    db
      .select({ cycleId: cycles.id, name: cycles.name, closedAt: cycles.closedAt, evidence: learnings.evidence })
      .from(learnings)
      .innerJoin(cycles, eq(cycles.id, learnings.cycleId))
      .where(and(eq(learnings.workspaceId, workspaceId), ofObjective, eq(learnings.decision, 'ship'))),
  ]);
  const shipped: ShippedTest[] = [];
  if (objective.primaryMetricId)
    for (const s of ships.sort((a, b) => (a.closedAt ?? '').localeCompare(b.closedAt ?? ''))) {
      const lift = shippedLift(s.evidence, objective.primaryMetricId);
      if (lift) shipped.push({ cycleId: s.cycleId, name: s.name, closedAt: s.closedAt, ...lift });
    }
  return {
    hypotheses: tally(ideas),
    cycles: tally(tests),
    decisions: tally(decisions),
    spendOnClosedTests: decisions.reduce((total, d) => total + Number(d.spend ?? 0), 0),
    /** Budgets of the objective's tests that are not aborted, against its budget envelope. */
    budgetCommitted: Number(committed[0]?.budget ?? 0),
    towardTarget: towardTarget(objective.baseline, objective.target, shipped),
  };
}
