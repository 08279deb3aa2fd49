import { sql } from 'drizzle-orm';
import type { SearchType } from '../../db/schema';
import type { Db } from '../db';
import { MARK_END, MARK_START, matchExpression } from './match';

/** Titles weigh four times the body in bm25 ranking. */
const RANK = sql.raw('bm25(search_index, 4.0, 1.0)');

/** A comment's title is made up ("Comment on …"): its snippet is cut from its text. Others: the best column. */
const SNIPPET_COLUMN = sql.raw(`case d.type when 'comment' then 1 else -1 end`);

/** `parent`: for a comment, the record it discusses (where its hit links to); null for other kinds. */
export type SearchHit = {
  type: SearchType;
  id: string;
  title: string;
  snippet: string;
  score: number;
  parent: { type: string; id: string } | null;
};

/** One page of ranked hits in one workspace: one statement (the FTS match joined to its documents). */
export async function searchRecords(
  db: Db,
  workspaceId: string,
  query: { q: string; type?: SearchType; limit: number; offset: number },
): Promise<{ hits: SearchHit[]; more: boolean }> {
  const match = matchExpression(query.q);
  if (!match) return { hits: [], more: false };
  type Row = { type: SearchType; id: string; title: string; snippet: string; rank: number } & {
    parentType: string | null;
    parentId: string | null;
  };
  const rows = await db.all<Row>(sql`
    select d.type as type, d.id as id, d.title as title, d.parent_type as parentType, d.parent_id as parentId,
      snippet(search_index, ${SNIPPET_COLUMN}, ${MARK_START}, ${MARK_END}, '…', 16) as snippet, ${RANK} as rank
    from search_index join search_docs d on d.doc_id = search_index.rowid
    where search_index match ${match} and d.workspace_id = ${workspaceId}
      ${query.type ? sql`and d.type = ${query.type}` : sql``}
    order by rank, d.doc_id
    limit ${query.limit + 1} offset ${query.offset}`);
  const hits = rows.slice(0, query.limit).map((row) => ({
    type: row.type,
    id: row.id,
    title: row.title,
    snippet: row.snippet.replace(/\s+/g, ' ').trim(),
    // bm25 is lower-is-better and negative; the API's score is higher-is-better.
    score: -row.rank,
    parent: row.parentType && row.parentId ? { type: row.parentType, id: row.parentId } : null,
  }));
  return { hits, more: rows.length > query.limit };
}

/**
 * The ids of `type` records in the workspace matching `q`, as a subquery for a list's `q` filter (the backlog,
 * the learning log): undefined when `q` holds no searchable word, so the filter does not apply.
 */
export function matchingIds(type: SearchType, workspaceId: string, q: string) {
  const match = matchExpression(q);
  if (!match) return undefined;
  return sql`(select d.id from search_index join search_docs d on d.doc_id = search_index.rowid
    where search_index match ${match} and d.workspace_id = ${workspaceId} and d.type = ${type})`;
}
