import { and, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { hypotheses } from '../../db/schema';
import type { Db } from '../db';
import { decodeCursor, page } from '../records/pagination';
import { matchingIds } from '../search/queries';
import { toHypothesisView } from './domain';
import type { ListHypothesesQuery } from './schemas';

/** The backlog: one indexed query, ranked by ICE (unscored last) or recency, keyset-paginated. */
export async function listHypotheses(db: Db, workspaceId: string, query: ListHypothesesQuery) {
  const byScore = query.sort === 'score';
  const sortExpr = byScore ? sql<number>`coalesce(${hypotheses.iceScore}, -1)` : sql<string>`${hypotheses.createdAt}`;
  const filters: (SQL | undefined)[] = [
    eq(hypotheses.workspaceId, workspaceId),
    isNull(hypotheses.deletedAt),
    query.status ? eq(hypotheses.status, query.status) : undefined,
    query.channelId ? eq(hypotheses.channelId, query.channelId) : undefined,
    query.lever ? eq(hypotheses.lever, query.lever) : undefined,
    query.objectiveId ? eq(hypotheses.objectiveId, query.objectiveId) : undefined,
    query.tag ? sql`exists (select 1 from json_each(${hypotheses.tags}) where value = ${query.tag})` : undefined,
    query.q ? searchText(workspaceId, query.q) : undefined,
  ];
  const cursor = decodeCursor(query.cursor);
  if (cursor)
    filters.push(
      or(sql`${sortExpr} < ${cursor.sort}`, and(sql`${sortExpr} = ${cursor.sort}`, lt(hypotheses.id, cursor.id))),
    );
  const rows = await db
    .select()
    .from(hypotheses)
    .where(and(...filters))
    .orderBy(desc(sortExpr), desc(hypotheses.id))
    .limit(query.limit + 1);
  const result = page(rows, query.limit, (h) => ({ sort: byScore ? (h.iceScore ?? -1) : h.createdAt, id: h.id }));
  return { items: result.items.map(toHypothesisView), nextCursor: result.nextCursor };
}

/** Full-text match on title, change, audience, rationale and tags (worker/search), the last word as a prefix. */
function searchText(workspaceId: string, q: string) {
  const ids = matchingIds('hypothesis', workspaceId, q);
  return ids ? inArray(hypotheses.id, ids) : undefined;
}
