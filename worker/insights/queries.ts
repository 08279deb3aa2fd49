import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { cycles, hypotheses, insightCitations, insights, learnings } from '../../db/schema';
import type { Db } from '../db';
import { notFound } from '../http/errors';
import { measuredEffect, PRIMARY_FROM_EVIDENCE, type StoredPrimary } from '../program/effects';
import { groupBy } from '../program/health';
import { poolCitations } from './pool';

type Insight = typeof insights.$inferSelect;
const CHUNK = 90;

/** Cited cycles with their measured primary effect (from the analysis stored at close), oldest first. */
export async function citationsOf(db: Db, workspaceId: string, insightIds: string[]) {
  const rows = [];
  for (let i = 0; i < insightIds.length; i += CHUNK) {
    rows.push(
      ...(await db
        .select({
          insightId: insightCitations.insightId,
          cycleId: insightCitations.cycleId,
          stance: insightCitations.stance,
          note: insightCitations.note,
          citedAt: insightCitations.createdAt,
          name: cycles.name,
          decision: cycles.decision,
          closedAt: cycles.closedAt,
          variants: cycles.variants,
          shipped: sql<string | null>`json_extract(${cycles.verdict}, '$.variantKey')`,
          primary: sql<string | null>`${sql.raw(PRIMARY_FROM_EVIDENCE)}`,
          learningId: learnings.id,
          learningTitle: learnings.title,
        })
        .from(insightCitations)
        .innerJoin(cycles, eq(cycles.id, insightCitations.cycleId))
        .innerJoin(learnings, eq(learnings.cycleId, cycles.id))
        .where(
          and(
            eq(insightCitations.workspaceId, workspaceId),
            inArray(insightCitations.insightId, insightIds.slice(i, i + CHUNK)),
          ),
        )
        .orderBy(asc(cycles.closedAt), asc(cycles.id))),
    );
  }
  return rows.map(({ primary, variants, shipped, ...r }) => {
    const parsed = primary ? (JSON.parse(primary) as StoredPrimary & { name?: string }) : null;
    return { ...r, metricName: parsed?.name ?? null, effect: measuredEffect(parsed, variants, shipped) };
  });
}
export type Citation = Awaited<ReturnType<typeof citationsOf>>[number];

/** An insight as the API shows it: its citations with their effects, and the pooled estimate. */
export const insightView = (insight: Insight, citations: Citation[]) => ({
  ...insight,
  citations,
  pooled: poolCitations(
    citations.map((c) => c.effect),
    insight.method,
  ),
});

export async function insightDetail(db: Db, workspaceId: string, id: string) {
  const [insight] = await db
    .select()
    .from(insights)
    .where(and(eq(insights.id, id), eq(insights.workspaceId, workspaceId)))
    .limit(1);
  if (!insight) throw notFound('Insight');
  return insightView(insight, await citationsOf(db, workspaceId, [insight.id]));
}

export async function withCitations(db: Db, workspaceId: string, rows: Insight[]) {
  const cited = groupBy(
    await citationsOf(
      db,
      workspaceId,
      rows.map((r) => r.id),
    ),
    (c) => c.insightId,
  );
  return rows.map((r) => insightView(r, cited.get(r.id) ?? []));
}

/**
 * Insights a closed cycle may support: same channel, same lever, or a shared tag (of its hypothesis or its
 * learning), not already citing it. The strongest match first.
 */
export async function suggestionsFor(db: Db, workspaceId: string, cycleId: string) {
  const [cycle] = await db
    .select({
      id: cycles.id,
      status: cycles.status,
      channelId: hypotheses.channelId,
      lever: hypotheses.lever,
      tags: hypotheses.tags,
      learningTags: learnings.tags,
    })
    .from(cycles)
    .innerJoin(hypotheses, eq(hypotheses.id, cycles.hypothesisId))
    .leftJoin(learnings, eq(learnings.cycleId, cycles.id))
    .where(and(eq(cycles.id, cycleId), eq(cycles.workspaceId, workspaceId)))
    .limit(1);
  if (!cycle) throw notFound('Cycle');
  const tags = new Set([...(cycle.tags ?? []), ...(cycle.learningTags ?? [])]);
  const candidates = await db
    .select()
    .from(insights)
    .where(
      and(
        eq(insights.workspaceId, workspaceId),
        sql`not exists (select 1 from insight_citations ic where ic.insight_id = ${insights.id} and ic.cycle_id = ${cycleId})`,
      ),
    );
  return candidates
    .map((insight) => {
      const reasons: string[] = [];
      if (insight.channelId && insight.channelId === cycle.channelId) reasons.push('same channel');
      if (insight.lever && insight.lever === cycle.lever) reasons.push('same lever');
      const shared = insight.tags.filter((t) => tags.has(t));
      if (shared.length) reasons.push(`shared tag${shared.length > 1 ? 's' : ''}: ${shared.join(', ')}`);
      return {
        insightId: insight.id,
        title: insight.title,
        claim: insight.claim,
        reasons,
        score: reasons.length + shared.length - (shared.length ? 1 : 0),
      };
    })
    .filter((s) => s.reasons.length > 0)
    .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title))
    .map(({ score: _score, ...s }) => s);
}

/** A cited cycle must be a closed cycle of this workspace: only decided tests are evidence. */
export async function closedCycle(db: Db, workspaceId: string, cycleId: string) {
  const [row] = await db
    .select({ id: cycles.id, status: cycles.status })
    .from(cycles)
    .where(and(eq(cycles.id, cycleId), eq(cycles.workspaceId, workspaceId), eq(cycles.status, 'closed')))
    .limit(1);
  return row;
}
