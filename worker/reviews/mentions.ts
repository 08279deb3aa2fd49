import { and, asc, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import { comments, inboxItems, members, users } from '../../db/schema';
import type { Db } from '../db';

const EXCERPT = 160;

/**
 * Who was mentioned in a comment during the week, and where: one entry per person with the comments that named
 * them (the record it is on, who wrote it, the start of the text). Comments deleted since the week stay, like
 * the rest of the figures, as they were at the week's end.
 */
export async function weekMentions(db: Db, workspaceId: string, week: { from: string; to: string }) {
  const rows = await db
    .select({
      memberId: inboxItems.memberId,
      name: users.name,
      commentId: comments.id,
      targetType: comments.targetType,
      targetId: comments.targetId,
      // Written out with explicit names: drizzle leaves select-list columns unqualified, which a subquery would misread.
      targetName: sql<string | null>`case "comments"."target_type"
        when 'cycle' then (select c.name from cycles c where c.id = "comments"."target_id")
        else (select h.title from hypotheses h where h.id = "comments"."target_id") end`,
      author: sql<string>`coalesce(
        (select u.name from members m join users u on u.id = m.user_id where m.id = "comments"."author_id"),
        (select t.name from api_tokens t where t.id = "comments"."author_id"), 'Someone')`,
      body: comments.body,
      at: inboxItems.createdAt,
    })
    .from(inboxItems)
    .innerJoin(comments, eq(comments.id, inboxItems.commentId))
    .innerJoin(members, eq(members.id, inboxItems.memberId))
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      and(
        eq(inboxItems.workspaceId, workspaceId),
        eq(inboxItems.kind, 'mention'),
        gte(inboxItems.createdAt, week.from),
        lt(inboxItems.createdAt, week.to),
        or(isNull(comments.deletedAt), gte(comments.deletedAt, week.to)),
      ),
    )
    .orderBy(asc(users.name), asc(inboxItems.memberId), asc(inboxItems.createdAt), asc(comments.id));
  const people = new Map<string, { memberId: string; name: string; mentions: Mention[] }>();
  for (const { memberId, name, body, ...rest } of rows) {
    const person = people.get(memberId) ?? { memberId, name, mentions: [] };
    const text = body.replace(/\s+/g, ' ').trim();
    person.mentions.push({ ...rest, excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text });
    people.set(memberId, person);
  }
  return [...people.values()];
}

type Mention = {
  commentId: string;
  targetType: string;
  targetId: string;
  targetName: string | null;
  author: string;
  excerpt: string;
  at: string;
};
