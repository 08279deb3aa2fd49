import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { channels, insightShares, insights, learnings, learningShares } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { requireRole } from '../auth/middleware';
import { randomToken, sha256Hex } from '../auth/crypto';
import { createDb, type Db, newId, nowIso } from '../db';
import type { AppEnv } from '../env';
import { idParam } from '../http/common';
import { badRequest, notFound } from '../http/errors';
import { valid } from '../http/validate';
import { citationsOf, insightView } from '../insights/queries';
import { goneShareHtml, sharedInsightPage, sharedLearningPage } from './page';

const DAY_MS = 86_400_000;
const shareBody = z.object({ days: z.number().int().min(1).max(365).default(30) });
const recordId = z.string().min(1).max(64);
const sharesQuery = z
  .object({ learningId: recordId.optional(), insightId: recordId.optional() })
  .refine((q) => !q.learningId !== !q.insightId, { path: ['learningId'], message: 'give learningId or insightId' });

type LearningShare = typeof learningShares.$inferSelect;
type InsightShare = typeof insightShares.$inferSelect;
const shareView = (s: LearningShare | InsightShare) => ({
  id: s.id,
  ...('learningId' in s ? { learningId: s.learningId } : { insightId: s.insightId }),
  createdAt: s.createdAt,
  expiresAt: s.expiresAt,
  revokedAt: s.revokedAt,
});

/** What can be shared: a learning or an insight, each with its link table. */
const KINDS = {
  learning: { records: learnings, shares: learningShares, label: 'Learning' },
  insight: { records: insights, shares: insightShares, label: 'Insight' },
} as const;
type Kind = keyof typeof KINDS;

/** A new link to one record of the caller's workspace: the token is shown once, only its hash is kept. */
async function createShare(c: Context<AppEnv>, kind: Kind, recordId: string, days: number) {
  const db = c.get('db');
  const actor = c.get('actor');
  const { records, label } = KINDS[kind];
  const [record] = await db
    .select({ id: records.id })
    .from(records)
    .where(and(eq(records.workspaceId, actor.workspaceId), eq(records.id, recordId)));
  if (!record) throw notFound(label);
  const token = randomToken();
  const id = newId();
  const expiresAt = new Date(Date.now() + days * DAY_MS).toISOString();
  const row = { id, workspaceId: actor.workspaceId, tokenHash: await sha256Hex(token), createdBy: actor.id, expiresAt };
  const target = kind === 'learning' ? { learningId: recordId } : { insightId: recordId };
  await db.batch([
    kind === 'learning'
      ? db.insert(learningShares).values({ ...row, learningId: recordId })
      : db.insert(insightShares).values({ ...row, insightId: recordId }),
    auditInsert(db, actor, { action: 'create', entity: 'share', entityId: id, after: { ...target, expiresAt } }),
  ]);
  return c.json({ id, url: `${new URL(c.req.url).origin}/s/${token}`, expiresAt }, 201);
}

/** Creating a link for one learning (mounted under /api/learnings): leads and admins. */
export const learningSharesRoutes = new Hono<AppEnv>().post(
  '/:id/shares',
  requireRole('lead'),
  valid('param', idParam),
  valid('json', shareBody),
  (c) => createShare(c, 'learning', c.req.valid('param').id, c.req.valid('json').days),
);

/** Creating a link for one insight (mounted under /api/insights): leads and admins. */
export const insightSharesRoutes = new Hono<AppEnv>().post(
  '/:id/shares',
  requireRole('lead'),
  valid('param', idParam),
  valid('json', shareBody),
  (c) => createShare(c, 'insight', c.req.valid('param').id, c.req.valid('json').days),
);

/** The link `id` of the workspace, whichever kind it shares. */
async function findShare(db: Db, workspaceId: string, id: string) {
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const { shares } = KINDS[kind];
    const mine = and(eq(shares.workspaceId, workspaceId), eq(shares.id, id));
    const [share] = await db.select().from(shares).where(mine);
    if (share) return { kind, share, mine };
  }
  return null;
}

/** Listing and revoking links (of learnings and insights alike): leads and admins. */
export const sharesRoutes = new Hono<AppEnv>()
  .use(requireRole('lead'))
  .get('/', valid('query', sharesQuery), async (c) => {
    const { learningId, insightId } = c.req.valid('query');
    const kind: Kind = learningId ? 'learning' : 'insight';
    const { shares } = KINDS[kind];
    const column = kind === 'learning' ? learningShares.learningId : insightShares.insightId;
    const id = learningId ?? insightId;
    if (!id) throw badRequest('Invalid learningId', { learningId: 'give learningId or insightId' });
    const rows = await c
      .get('db')
      .select()
      .from(shares)
      .where(and(eq(shares.workspaceId, c.get('actor').workspaceId), eq(column, id)))
      .orderBy(desc(shares.createdAt), desc(shares.id));
    return c.json({ items: rows.map(shareView) });
  })
  .delete('/:id', valid('param', idParam), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const found = await findShare(db, actor.workspaceId, c.req.valid('param').id);
    if (!found) throw notFound('Share link');
    const { kind, share, mine } = found;
    if (!share.revokedAt) {
      await db.batch([
        db.update(KINDS[kind].shares).set({ revokedAt: nowIso() }).where(mine),
        auditInsert(db, actor, { action: 'revoke', entity: 'share', entityId: share.id, before: shareView(share) }),
      ]);
    }
    return c.body(null, 204);
  });

/** A live (not revoked, not expired) link's condition for either table. */
const live = (shares: typeof learningShares | typeof insightShares, hash: string) =>
  and(eq(shares.tokenHash, hash), isNull(shares.revokedAt), gt(shares.expiresAt, nowIso()));

async function sharedLearning(db: Db, hash: string) {
  const [row] = await db
    .select({ learning: learnings, channel: channels.name })
    .from(learningShares)
    .innerJoin(
      learnings,
      and(eq(learnings.id, learningShares.learningId), eq(learnings.workspaceId, learningShares.workspaceId)),
    )
    .leftJoin(channels, and(eq(channels.id, learnings.channelId), eq(channels.workspaceId, learnings.workspaceId)))
    .where(live(learningShares, hash))
    .limit(1);
  return row ? sharedLearningPage(row.learning, row.channel ?? null) : null;
}

async function sharedInsight(db: Db, hash: string) {
  const [row] = await db
    .select({ insight: insights })
    .from(insightShares)
    .innerJoin(
      insights,
      and(eq(insights.id, insightShares.insightId), eq(insights.workspaceId, insightShares.workspaceId)),
    )
    .where(live(insightShares, hash))
    .limit(1);
  if (!row) return null;
  const citations = await citationsOf(db, row.insight.workspaceId, [row.insight.id]);
  const stances = {
    supports: citations.filter((c) => c.stance === 'supports').length,
    contradicts: citations.filter((c) => c.stance === 'contradicts').length,
  };
  return sharedInsightPage(row.insight, insightView(row.insight, citations).pooled, stances);
}

/** The public page behind a link, outside /api and its session: the shared record alone, or 404. */
export const sharedPageRoutes = new Hono<AppEnv>().get('/:token', async (c) => {
  c.header('X-Robots-Tag', 'noindex, nofollow');
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  const token = c.req.param('token');
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return c.html(goneShareHtml, 404);
  const db = createDb(c.env.DB);
  const hash = await sha256Hex(token);
  const page = (await sharedLearning(db, hash)) ?? (await sharedInsight(db, hash));
  return page ? c.html(page) : c.html(goneShareHtml, 404);
});
