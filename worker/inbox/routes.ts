import { and, count, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { apiTokens, comments, inboxItems, members, users } from '../../db/schema';
import { commentView } from '../comments/queries';
import { nowIso } from '../db';
import type { AppEnv } from '../env';
import { valid } from '../http/validate';
import { decodeCursor, listQuery, page } from '../records/pagination';

const readBody = z.union([
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(90) }),
  z.object({ all: z.literal(true) }),
]);

/**
 * The caller's mentions and replies to their comments, newest first, with the unread count. API tokens have no
 * inbox (nobody can mention a token), so they get an empty one.
 */
export const inboxRoutes = new Hono<AppEnv>()
  .get('/', valid('query', z.object(listQuery)), async (c) => {
    const { cursor: raw, limit } = c.req.valid('query');
    const db = c.get('db');
    const actor = c.get('actor');
    const cursor = decodeCursor(raw);
    const mine = and(eq(inboxItems.workspaceId, actor.workspaceId), eq(inboxItems.memberId, actor.id));
    const items = db
      .select({
        id: inboxItems.id,
        kind: inboxItems.kind,
        readAt: inboxItems.readAt,
        at: inboxItems.createdAt,
        comment: commentView,
      })
      .from(inboxItems)
      .innerJoin(comments, eq(comments.id, inboxItems.commentId))
      .leftJoin(members, eq(members.id, comments.authorId))
      .leftJoin(users, eq(users.id, members.userId))
      .leftJoin(apiTokens, eq(apiTokens.id, comments.authorId))
      .where(
        and(
          mine,
          isNull(comments.deletedAt),
          cursor
            ? or(
                lt(inboxItems.createdAt, String(cursor.sort)),
                and(eq(inboxItems.createdAt, String(cursor.sort)), lt(inboxItems.id, cursor.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(inboxItems.createdAt), desc(inboxItems.id))
      .limit(limit + 1);
    const unreadCount = db
      .select({ n: count() })
      .from(inboxItems)
      .innerJoin(comments, eq(comments.id, inboxItems.commentId))
      .where(and(mine, isNull(inboxItems.readAt), isNull(comments.deletedAt)));
    const [rows, [unread]] = await Promise.all([items, unreadCount]);
    return c.json({ ...page(rows, limit, (r) => ({ sort: r.at, id: r.id })), unread: unread?.n ?? 0 });
  })
  .post('/read', valid('json', readBody), async (c) => {
    const body = c.req.valid('json');
    const actor = c.get('actor');
    const mine = and(eq(inboxItems.workspaceId, actor.workspaceId), eq(inboxItems.memberId, actor.id));
    await c
      .get('db')
      .update(inboxItems)
      .set({ readAt: nowIso() })
      .where(and(mine, isNull(inboxItems.readAt), 'ids' in body ? inArray(inboxItems.id, body.ids) : undefined));
    return c.body(null, 204);
  });
