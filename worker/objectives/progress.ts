import { and, count, eq, isNull, sum } from 'drizzle-orm';
import { cycles, hypotheses, learnings } from '../../db/schema';
import type { Db } from '../db';

const tally = <K extends string>(rows: { key: K | null; n: number }[]) =>
  Object.fromEntries(rows.filter((r) => r.key).map((r) => [r.key, r.n])) as Partial<Record<K, number>>;

/** How far the work toward an objective has come: ideas, tests and decisions, and the money spent learning. */
export async function objectiveProgress(db: Db, workspaceId: string, objectiveId: string) {
  const [ideas, tests, decisions] = await Promise.all([
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
    db
      .select({ key: cycles.status, n: count() })
      .from(cycles)
      .where(and(eq(cycles.workspaceId, workspaceId), eq(cycles.objectiveId, objectiveId)))
      .groupBy(cycles.status),
    db
      .select({ key: learnings.decision, n: count(), spend: sum(learnings.spend) })
      .from(learnings)
      .innerJoin(cycles, eq(cycles.id, learnings.cycleId))
      .where(and(eq(learnings.workspaceId, workspaceId), eq(cycles.objectiveId, objectiveId)))
      .groupBy(learnings.decision),
  ]);
  return {
    hypotheses: tally(ideas),
    cycles: tally(tests),
    decisions: tally(decisions),
    spendOnClosedTests: decisions.reduce((total, d) => total + Number(d.spend ?? 0), 0),
  };
}
