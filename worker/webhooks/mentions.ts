import { and, eq, inArray } from 'drizzle-orm';
import type { Context } from 'hono';
import { members, users } from '../../db/schema';
import type { Notice } from '../comments/queries';
import type { AppEnv } from '../env';
import { emitEvent } from './events';

export const mentionsIn = (notices: Notice[]) => notices.filter((n) => n.kind === 'mention').map((n) => n.memberId);

type CommentView = {
  id: string;
  targetType: string;
  targetId: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
};

/** `comment.mentioned` for the people a new (or newly edited) comment mentions, with their names. */
export async function emitMentions(c: Context<AppEnv>, comment: CommentView, memberIds: string[]) {
  if (memberIds.length === 0) return;
  const { workspaceId } = c.get('actor');
  const mentioned = await c
    .get('db')
    .select({ memberId: members.id, name: users.name })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, workspaceId), inArray(members.id, memberIds)));
  await emitEvent(c, 'comment.mentioned', { comment, mentioned });
}
