import { and, desc, eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { Hono } from 'hono';
import { insightCitations, insights } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { requireRole } from '../auth/middleware';
import { newId, nowIso, type Db } from '../db';
import type { Actor, AppEnv } from '../env';
import { idParam } from '../http/common';
import { badRequest, notFound } from '../http/errors';
import { valid } from '../http/validate';
import { afterNewest, decodeCursor, page } from '../records/pagination';
import { assertReferences } from '../records/references';
import { expectedVersion } from '../records/version-header';
import { createOnce, getInWorkspace, updateVersioned } from '../records/versioned';
import { closedCycle, insightDetail, suggestionsFor, withCitations } from './queries';
import {
  citationBody,
  citationParam,
  createInsightBody,
  listInsightsQuery,
  suggestionsQuery,
  updateInsightBody,
} from './schemas';
import type { z } from 'zod';

type Insight = typeof insights.$inferSelect;
type CitationInput = z.infer<typeof citationBody>;

async function assertClosed(db: Db, workspaceId: string, cycleId: string, field: string) {
  if (!(await closedCycle(db, workspaceId, cycleId)))
    throw badRequest('Only closed cycles of this workspace can be cited', { [field]: 'no closed cycle with this id' });
}

const citationRow = (actor: Actor, insightId: string, c: CitationInput) => ({
  id: newId(),
  workspaceId: actor.workspaceId,
  insightId,
  cycleId: c.cycleId,
  stance: c.stance,
  note: c.note ?? null,
  createdBy: actor.id,
});

/** Citing or un-citing changes the insight's evidence, so it bumps the insight's version in the same batch. */
async function changeEvidence(
  db: Db,
  actor: Actor,
  insight: Insight,
  action: string,
  statements: BatchItem<'sqlite'>[],
) {
  await updateVersioned(db, actor, insights, 'insight', insight, insight.version, {}, { action, extra: statements });
}

/** Claims several tests speak to; leads write them, everyone reads the pooled evidence. */
export const insightsRoutes = new Hono<AppEnv>()
  .get('/', valid('query', listInsightsQuery), async (c) => {
    const db = c.get('db');
    const { workspaceId } = c.get('actor');
    const query = c.req.valid('query');
    const rows = await db
      .select()
      .from(insights)
      .where(
        and(
          eq(insights.workspaceId, workspaceId),
          afterNewest(insights.publishedAt, insights.id, decodeCursor(query.cursor)),
        ),
      )
      .orderBy(desc(insights.publishedAt), desc(insights.id))
      .limit(query.limit + 1);
    const result = page(rows, query.limit, (r) => ({ sort: r.publishedAt, id: r.id }));
    return c.json({ items: await withCitations(db, workspaceId, result.items), nextCursor: result.nextCursor });
  })
  .get('/suggestions', valid('query', suggestionsQuery), async (c) => {
    const items = await suggestionsFor(c.get('db'), c.get('actor').workspaceId, c.req.valid('query').cycleId);
    return c.json({ items });
  })
  .get('/:id', valid('param', idParam), async (c) => {
    return c.json(await insightDetail(c.get('db'), c.get('actor').workspaceId, c.req.valid('param').id));
  })
  .post('/', requireRole('lead'), valid('json', createInsightBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const { id, citations = [], ...body } = c.req.valid('json');
    await assertReferences(db, actor.workspaceId, { channelId: body.channelId });
    const seen = new Set<string>();
    for (const [i, cite] of citations.entries()) {
      if (seen.has(cite.cycleId))
        throw badRequest('A cycle is cited twice', { [`citations.${i}.cycleId`]: 'already cited above' });
      seen.add(cite.cycleId);
      await assertClosed(db, actor.workspaceId, cite.cycleId, `citations.${i}.cycleId`);
    }
    const insightId = id ?? newId();
    const rows = citations.map((cite) => citationRow(actor, insightId, cite));
    const { created } = await createOnce(
      db,
      actor,
      insights,
      'insight',
      { ...body, id: insightId, workspaceId: actor.workspaceId, createdBy: actor.id, publishedAt: nowIso() },
      rows.flatMap((r) => [
        db.insert(insightCitations).values(r),
        auditInsert(db, actor, { action: 'cite', entity: 'insight_citation', entityId: r.id, after: r }),
      ]),
    );
    return c.json(await insightDetail(db, actor.workspaceId, insightId), created ? 201 : 200);
  })
  .patch('/:id', requireRole('lead'), valid('param', idParam), valid('json', updateInsightBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const { version, ...patch } = c.req.valid('json');
    const current = await getInWorkspace(db, insights, actor.workspaceId, c.req.valid('param').id, 'Insight');
    await assertReferences(db, actor.workspaceId, { channelId: patch.channelId });
    await updateVersioned(
      db,
      actor,
      insights,
      'insight',
      current,
      expectedVersion(c.req.header('if-match'), version),
      patch,
    );
    return c.json(await insightDetail(db, actor.workspaceId, current.id));
  })
  .post('/:id/citations', requireRole('lead'), valid('param', idParam), valid('json', citationBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const cite = c.req.valid('json');
    const insight = await getInWorkspace(db, insights, actor.workspaceId, c.req.valid('param').id, 'Insight');
    await assertClosed(db, actor.workspaceId, cite.cycleId, 'cycleId');
    const [existing] = await db
      .select()
      .from(insightCitations)
      .where(and(eq(insightCitations.insightId, insight.id), eq(insightCitations.cycleId, cite.cycleId)))
      .limit(1);
    if (existing && existing.stance === cite.stance && (cite.note === undefined || cite.note === existing.note))
      return c.json(await insightDetail(db, actor.workspaceId, insight.id), 200);
    if (existing) {
      const after = { ...existing, stance: cite.stance, note: cite.note === undefined ? existing.note : cite.note };
      await changeEvidence(db, actor, insight, 'cite', [
        db
          .update(insightCitations)
          .set({ stance: after.stance, note: after.note })
          .where(eq(insightCitations.id, existing.id)),
        auditInsert(db, actor, {
          action: 'update',
          entity: 'insight_citation',
          entityId: existing.id,
          before: existing,
          after,
        }),
      ]);
      return c.json(await insightDetail(db, actor.workspaceId, insight.id), 200);
    }
    const row = citationRow(actor, insight.id, cite);
    await changeEvidence(db, actor, insight, 'cite', [
      db.insert(insightCitations).values(row),
      auditInsert(db, actor, { action: 'cite', entity: 'insight_citation', entityId: row.id, after: row }),
    ]);
    return c.json(await insightDetail(db, actor.workspaceId, insight.id), 201);
  })
  .delete('/:id/citations/:cycleId', requireRole('lead'), valid('param', citationParam), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const { id, cycleId } = c.req.valid('param');
    const insight = await getInWorkspace(db, insights, actor.workspaceId, id, 'Insight');
    const [existing] = await db
      .select()
      .from(insightCitations)
      .where(and(eq(insightCitations.insightId, insight.id), eq(insightCitations.cycleId, cycleId)))
      .limit(1);
    if (!existing) throw notFound('Citation');
    await changeEvidence(db, actor, insight, 'uncite', [
      db.delete(insightCitations).where(eq(insightCitations.id, existing.id)),
      auditInsert(db, actor, { action: 'delete', entity: 'insight_citation', entityId: existing.id, before: existing }),
    ]);
    return c.json(await insightDetail(db, actor.workspaceId, insight.id));
  });
