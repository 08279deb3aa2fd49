import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { cycles, hypotheses, learnings } from '../../db/schema';
import type { Db } from '../db';
import { notFound } from '../http/errors';
import { assembleChain, MAX_ANCESTORS, type ChainRows } from './assemble';

/**
 * The idea and its ancestors (parent cycle → the idea that cycle tested → …), as a recursive query so the whole
 * chain loads in one round trip. Every step stays inside the workspace; the depth bound guards against loops.
 */
const lineage = (workspaceId: string, hypothesisId: string) => sql`
  with recursive up(hypothesis_id, parent_cycle_id, depth) as (
    select id, parent_cycle_id, 0 from hypotheses
    where id = ${hypothesisId} and workspace_id = ${workspaceId} and deleted_at is null
    union
    select h.id, h.parent_cycle_id, up.depth + 1 from up
    join cycles c on c.id = up.parent_cycle_id and c.workspace_id = ${workspaceId}
    join hypotheses h on h.id = c.hypothesis_id and h.workspace_id = ${workspaceId} and h.deleted_at is null
    where up.depth < ${MAX_ANCESTORS}
  )`;

/** Loads just the rows the chain of one idea touches (all scoped to the workspace) and assembles it. */
export async function loadChain(db: Db, workspaceId: string, hypothesisId: string) {
  const up = lineage(workspaceId, hypothesisId);
  const ancestorIds = sql`(${up} select hypothesis_id from up)`;
  const parentCycleIds = sql`(${up} select parent_cycle_id from up where parent_cycle_id is not null)`;
  const ownTests = and(eq(cycles.workspaceId, workspaceId), eq(cycles.hypothesisId, hypothesisId));
  const ownTestIds = db.select({ id: cycles.id }).from(cycles).where(ownTests);
  const chainCycles = or(ownTests, and(eq(cycles.workspaceId, workspaceId), inArray(cycles.id, parentCycleIds)));
  const [lineageIdeas, followUps, chainTests, published] = await Promise.all([
    db
      .select()
      .from(hypotheses)
      .where(and(eq(hypotheses.workspaceId, workspaceId), inArray(hypotheses.id, ancestorIds))),
    db
      .select()
      .from(hypotheses)
      .where(
        and(
          eq(hypotheses.workspaceId, workspaceId),
          inArray(hypotheses.parentCycleId, ownTestIds),
          isNull(hypotheses.deletedAt),
        ),
      ),
    db.select().from(cycles).where(chainCycles),
    db
      .select()
      .from(learnings)
      .where(
        and(
          eq(learnings.workspaceId, workspaceId),
          inArray(learnings.cycleId, db.select({ id: cycles.id }).from(cycles).where(chainCycles)),
        ),
      ),
  ]);
  if (!lineageIdeas.some((h) => h.id === hypothesisId)) throw notFound('Hypothesis');
  const ideas = new Map([...lineageIdeas, ...followUps].map((h) => [h.id, h]));
  const rows: ChainRows = { hypotheses: [...ideas.values()], cycles: chainTests, learnings: published };
  return assembleChain(hypothesisId, rows)!;
}
