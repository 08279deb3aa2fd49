import { and, count, eq, sql } from 'drizzle-orm';
import { funnels, type hypotheses, learnings } from '../../db/schema';
import type { Db } from '../db';
import { type ExpectedValue, expectedValue, successProbability } from '../funnel';

type Hypothesis = typeof hypotheses.$inferSelect;

/**
 * Expected value of each hypothesis (issue 11): its lift in its objective's funnel over 90 days, weighted by the
 * channel × lever win rate (≥ 5 closed tests) or ICE confidence. Null when a piece is missing (objective funnel,
 * funnel stage, expected impact, confidence). Two queries whatever the number of hypotheses.
 */
export async function expectedValues(db: Db, workspaceId: string, items: Hypothesis[]) {
  const values = new Map<string, ExpectedValue | null>();
  // Nothing on this page can have a value: spare the two queries (the plain backlog stays one statement).
  if (!items.some((h) => h.objectiveId && h.funnelStage && h.expectedImpact != null)) return values;
  const [models, history] = await Promise.all([
    db.select().from(funnels).where(eq(funnels.workspaceId, workspaceId)),
    db
      .select({
        channelId: learnings.channelId,
        lever: learnings.lever,
        tests: count(),
        wins: sql<number>`sum(case when ${learnings.decision} = 'ship' then 1 else 0 end)`,
      })
      .from(learnings)
      .where(and(eq(learnings.workspaceId, workspaceId)))
      .groupBy(learnings.channelId, learnings.lever),
  ]);
  const funnelOf = new Map(models.map((f) => [f.id, f]));
  const historyOf = new Map(
    history.map((h) => [`${h.channelId}|${h.lever}`, { wins: Number(h.wins), tests: h.tests }]),
  );
  for (const h of items) {
    const f = h.objectiveId ? funnelOf.get(h.objectiveId) : undefined;
    const p = successProbability(
      h.confidence,
      h.channelId && h.lever ? (historyOf.get(`${h.channelId}|${h.lever}`) ?? null) : null,
    );
    values.set(
      h.id,
      f && p && h.funnelStage && h.expectedImpact != null
        ? expectedValue({
            funnel: f.model,
            periodDays: f.periodDays,
            stage: h.funnelStage,
            lift: Math.abs(h.expectedImpact),
            probability: p,
          })
        : null,
    );
  }
  return values;
}
