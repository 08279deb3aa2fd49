import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { channels, learnings, learningShares } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { requireRole } from '../auth/middleware';
import { randomToken, sha256Hex } from '../auth/crypto';
import { createDb, newId, nowIso } from '../db';
import type { AppEnv } from '../env';
import { idParam } from '../http/common';
import { notFound } from '../http/errors';
import { valid } from '../http/validate';
import { goneShareHtml, sharedLearningPage } from './page';

const DAY_MS = 86_400_000;
const shareBody = z.object({ days: z.number().int().min(1).max(365).default(30) });
const sharesQuery = z.object({ learningId: z.string().min(1).max(64) });
const shareView = ({ id, learningId, createdAt, expiresAt, revokedAt }: typeof learningShares.$inferSelect) => ({
  id,
  learningId,
  createdAt,
  expiresAt,
  revokedAt,
});

/** Creating a link for one learning (mounted under /api/learnings): leads and admins. */
export const learningSharesRoutes = new Hono<AppEnv>().post(
  '/:id/shares',
  requireRole('lead'),
  valid('param', idParam),
  valid('json', shareBody),
  async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const learningId = c.req.valid('param').id;
    const [learning] = await db
      .select({ id: learnings.id })
      .from(learnings)
      .where(and(eq(learnings.workspaceId, actor.workspaceId), eq(learnings.id, learningId)));
    if (!learning) throw notFound('Learning');
    const token = randomToken();
    const id = newId();
    const expiresAt = new Date(Date.now() + c.req.valid('json').days * DAY_MS).toISOString();
    await db.batch([
      db.insert(learningShares).values({
        id,
        workspaceId: actor.workspaceId,
        learningId,
        tokenHash: await sha256Hex(token),
        createdBy: actor.id,
        expiresAt,
      }),
      auditInsert(db, actor, { action: 'create', entity: 'share', entityId: id, after: { learningId, expiresAt } }),
    ]);
    return c.json({ id, url: `${new URL(c.req.url).origin}/s/${token}`, expiresAt }, 201);
  },
);

/** Listing and revoking links: leads and admins. */
export const sharesRoutes = new Hono<AppEnv>()
  .use(requireRole('lead'))
  .get('/', valid('query', sharesQuery), async (c) => {
    const rows = await c
      .get('db')
      .select()
      .from(learningShares)
      .where(
        and(
          eq(learningShares.workspaceId, c.get('actor').workspaceId),
          eq(learningShares.learningId, c.req.valid('query').learningId),
        ),
      )
      .orderBy(desc(learningShares.createdAt), desc(learningShares.id));
    return c.json({ items: rows.map(shareView) });
  })
  .delete('/:id', valid('param', idParam), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const id = c.req.valid('param').id;
    const mine = and(eq(learningShares.workspaceId, actor.workspaceId), eq(learningShares.id, id));
    const [share] = await db.select().from(learningShares).where(mine);
    if (!share) throw notFound('Share link');
    if (!share.revokedAt) {
      const revokedAt = nowIso();
      await db.batch([
        db.update(learningShares).set({ revokedAt }).where(mine),
        auditInsert(db, actor, { action: 'revoke', entity: 'share', entityId: id, before: shareView(share) }),
      ]);
    }
    return c.body(null, 204);
  });

/** The public page behind a link, outside /api and its session: the learning alone, or 404. */
export const sharedPageRoutes = new Hono<AppEnv>().get('/:token', async (c) => {
  c.header('X-Robots-Tag', 'noindex, nofollow');
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  const token = c.req.param('token');
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return c.html(goneShareHtml, 404);
  const db = createDb(c.env.DB);
  const [row] = await db
    .select({ learning: learnings, channel: channels.name })
    .from(learningShares)
    .innerJoin(
      learnings,
      and(eq(learnings.id, learningShares.learningId), eq(learnings.workspaceId, learningShares.workspaceId)),
    )
    .leftJoin(channels, and(eq(channels.id, learnings.channelId), eq(channels.workspaceId, learnings.workspaceId)))
    .where(
      and(
        eq(learningShares.tokenHash, await sha256Hex(token)),
        isNull(learningShares.revokedAt),
        gt(learningShares.expiresAt, nowIso()),
      ),
    )
    .limit(1);
  if (!row) return c.html(goneShareHtml, 404);
  return c.html(sharedLearningPage(row.learning, row.channel ?? null));
});
