import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { apiTokens, comments, inboxItems, members, users } from '../../db/schema';
import { newId, type Db } from '../db';
import { decodeCursor, page } from '../records/pagination';
import { resolveMentions } from './mentions';
import type { CommentTarget } from './targets';

/** What a client sees of a comment: the author's display name rides along (a member's name, or the token's). */
export const commentView = {
  id: comments.id,
  targetType: comments.targetType,
  targetId: comments.targetId,
  authorId: comments.authorId,
  authorName: sql<string>`coalesce(${users.name}, ${apiTokens.name}, 'Someone')`.as('author_name'),
  body: comments.body,
  version: comments.version,
  createdAt: comments.createdAt,
  updatedAt: comments.updatedAt,
};

export const selectComments = (db: Db) =>
  db
    .select(commentView)
    .from(comments)
    .leftJoin(members, eq(members.id, comments.authorId))
    .leftJoin(users, eq(users.id, members.userId))
    .leftJoin(apiTokens, eq(apiTokens.id, comments.authorId));

/** A thread, oldest first (it reads as a conversation); deleted comments are left out. */
export async function listThread(
  db: Db,
  workspaceId: string,
  q: { targetType: CommentTarget; targetId: string; cursor?: string; limit: number },
) {
  const cursor = decodeCursor(q.cursor);
  const rows = await selectComments(db)
    .where(
      and(
        eq(comments.workspaceId, workspaceId),
        eq(comments.targetType, q.targetType),
        eq(comments.targetId, q.targetId),
        isNull(comments.deletedAt),
        cursor
          ? or(
              gt(comments.createdAt, String(cursor.sort)),
              and(eq(comments.createdAt, String(cursor.sort)), gt(comments.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(q.limit + 1);
  return page(rows, q.limit, (r) => ({ sort: r.createdAt, id: r.id }));
}

export async function viewComment(db: Db, workspaceId: string, id: string) {
  const [row] = await selectComments(db)
    .where(and(eq(comments.id, id), eq(comments.workspaceId, workspaceId)))
    .limit(1);
  return row;
}

/** Active members of this workspace only: a handle never resolves to someone elsewhere. */
async function activePeople(db: Db, workspaceId: string) {
  return db
    .select({ id: members.id, name: users.name, email: users.email })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, workspaceId), eq(members.status, 'active')));
}

/** Earlier commenters on the same record (members, still active): a new comment is a reply to them. */
async function earlierCommenters(db: Db, workspaceId: string, targetType: string, targetId: string) {
  const rows = await db
    .selectDistinct({ id: comments.authorId })
    .from(comments)
    .innerJoin(members, and(eq(members.id, comments.authorId), eq(members.status, 'active')))
    .where(
      and(
        eq(comments.workspaceId, workspaceId),
        eq(comments.targetType, targetType),
        eq(comments.targetId, targetId),
        isNull(comments.deletedAt),
      ),
    );
  return rows.map((r) => r.id);
}

export type Notice = { memberId: string; kind: 'mention' | 'reply' };

/** Who hears about a new comment: the members it mentions, then earlier commenters; never its author. */
export async function noticesFor(
  db: Db,
  c: { workspaceId: string; authorId: string; targetType: string; targetId: string; body: string },
  withReplies = true,
): Promise<Notice[]> {
  const mentioned = resolveMentions(c.body, await activePeople(db, c.workspaceId));
  const replied = withReplies ? await earlierCommenters(db, c.workspaceId, c.targetType, c.targetId) : [];
  const notices = new Map<string, Notice['kind']>();
  for (const id of replied) notices.set(id, 'reply');
  for (const id of mentioned) notices.set(id, 'mention');
  notices.delete(c.authorId);
  return [...notices].map(([memberId, kind]) => ({ memberId, kind }));
}

/** One insert per recipient (D1 binds at most 100 parameters); a member already told about the comment is not told twice. */
export const noticeInserts = (db: Db, workspaceId: string, commentId: string, notices: Notice[]) =>
  notices.map((n) =>
    db
      .insert(inboxItems)
      .values({ id: newId(), workspaceId, memberId: n.memberId, commentId, kind: n.kind })
      .onConflictDoNothing(),
  );
