import { and, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { hypotheses } from '../../db/schema';
import type { Db } from '../db';
import { decodeCursor, encodeCursor, page } from '../records/pagination';
import { matchingIds } from '../search/queries';
import { expectedValues } from './expected-value';
import { toHypothesisView } from './domain';
import type { ListHypothesesQuery } from './schemas';

/** The backlog: one indexed query, ranked by ICE (unscored last) or recency, keyset-paginated. */
export async function listHypotheses(db: Db, workspaceId: string, query: ListHypothesesQuery) {
  if (query.sort === 'value') return listByValue(db, workspaceId, query);
  const byScore = query.sort === 'score';
  const sortExpr = byScore ? sql<number>`coalesce(${hypotheses.iceScore}, -1)` : sql<string>`${hypotheses.createdAt}`;
  const filters = filtersOf(workspaceId, query);
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
  const values = await expectedValues(db, workspaceId, result.items);
  return {
    items: result.items.map((h) => ({ ...toHypothesisView(h), expectedValue: values.get(h.id) ?? null })),
    nextCursor: result.nextCursor,
  };
}

/** The backlog ranked by expected value (issue 11): computed in the Worker over the filtered backlog (≤ 2 000). */
async function listByValue(db: Db, workspaceId: string, query: ListHypothesesQuery) {
  const cursor = decodeCursor(query.cursor);
  const offset = typeof cursor?.sort === 'number' && cursor.sort >= 0 ? cursor.sort : 0;
  const rows = await db
    .select()
    .from(hypotheses)
    .where(and(...filtersOf(workspaceId, query)))
    .orderBy(desc(sql`coalesce(${hypotheses.iceScore}, -1)`), desc(hypotheses.id))
    .limit(2000);
  const values = await expectedValues(db, workspaceId, rows);
  const ev = (id: string) => values.get(id)?.expectedValue ?? Number.NEGATIVE_INFINITY;
  const ranked = rows.map((h, i) => ({ h, i })).sort((a, b) => ev(b.h.id) - ev(a.h.id) || a.i - b.i);
  const slice = ranked.slice(offset, offset + query.limit);
  const last = slice[slice.length - 1];
  return {
    items: slice.map(({ h }) => ({ ...toHypothesisView(h), expectedValue: values.get(h.id) ?? null })),
    nextCursor:
      ranked.length > offset + query.limit && last ? encodeCursor({ sort: offset + query.limit, id: last.h.id }) : null,
  };
}

function filtersOf(workspaceId: string, query: ListHypothesesQuery) {
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
  return filters;
}

/** Full-text match on title, change, audience, rationale and tags (worker/search), the last word as a prefix. */
function searchText(workspaceId: string, q: string) {
  const ids = matchingIds('hypothesis', workspaceId, q);
  return ids ? inArray(hypotheses.id, ids) : undefined;
}
