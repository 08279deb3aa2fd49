import { type SQL, sql } from 'drizzle-orm';
import type { SearchType } from '../../db/schema';
import type { Db } from '../db';
import { MARK_END, MARK_START, matchExpression, rankExpression } from './match';

/**
 * How many of the most recent matches are ranked. Beyond it a search for a very common word ranks only the
 * newest matches (and says so), so a page costs about as much as a backlog page whatever the size of the log.
 */
export const RANK_WINDOW = 1000;

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
): Promise<{ hits: SearchHit[]; more: boolean; rankedAmongNewest: number | null }> {
  const match = matchExpression(query.q);
  if (!match) return { hits: [], more: false, rankedAmongNewest: null };
  type Row = { type: SearchType; id: string; title: string; snippet: string; rank: number } & {
    parentType: string | null;
    parentId: string | null;
  };
  const inScope = sql`d.workspace_id = ${workspaceId} ${query.type ? sql`and d.type = ${query.type}` : sql``}`;
  const rank = rankExpression(query.q) ?? match;
  const rows = await db.all<Row & { windowed: number }>(
    rank === match ? rankedByAllWords(match, inScope, query) : rankedByWholeWords(match, rank, inScope, query),
  );
  const hits = rows.slice(0, query.limit).map((row) => ({
    type: row.type,
    id: row.id,
    title: row.title,
    snippet: row.snippet.replace(/\s+/g, ' ').trim(),
    // bm25 is lower-is-better and negative; the API's score is higher-is-better.
    score: -row.rank,
    parent: row.parentType && row.parentId ? { type: row.parentType, id: row.parentId } : null,
  }));
  return { hits, more: rows.length > query.limit, rankedAmongNewest: rows[0]?.windowed ? RANK_WINDOW : null };
}

type Page = { limit: number; offset: number };

// bm25 costs a few microseconds per match; a common word matches thousands. Matches are listed newest first
// (cheap: FTS5 walks rowids backwards) and only the most recent RANK_WINDOW of them are ranked.
const recentMatches = (match: string, inScope: SQL) => sql`
  recent as materialized (
    select s.rowid as docId from search_index s join search_docs d on d.doc_id = s.rowid
    where s.search_index match ${match} and ${inScope}
    order by s.rowid desc limit ${RANK_WINDOW}
  )`;

const hitColumns = sql`d.type as type, d.id as id, d.title as title, d.parent_type as parentType,
  d.parent_id as parentId, snippet(search_index, ${SNIPPET_COLUMN}, ${MARK_START}, ${MARK_END}, '…', 16) as snippet`;

/** One word: the window's matches ranked and cut into snippets in one pass. */
const rankedByAllWords = (match: string, inScope: SQL, page: Page) => sql`
  with ${recentMatches(match, inScope)}
  select ${hitColumns}, ${RANK} as rank, (select count(*) from recent) = ${RANK_WINDOW} as windowed
  from search_index join search_docs d on d.doc_id = search_index.rowid
  where search_index match ${match} and ${inScope}
    and search_index.rowid >= coalesce((select min(docId) from recent), 0)
  order by rank, d.doc_id
  limit ${page.limit + 1} offset ${page.offset}`;

/**
 * Several words: the window's matches ranked by the whole words only (see rankExpression), then the page's hits
 * matched again in full so their snippets mark the word being typed too. `+rowid` keeps the window test out of
 * FTS5's index (which would re-run the match per row); CROSS JOIN keeps the snippet pass a scan of the index.
 */
const rankedByWholeWords = (match: string, rank: string, inScope: SQL, page: Page) => sql`
  with ${recentMatches(match, inScope)},
  ranked as materialized (
    select search_index.rowid as docId, ${RANK} as rank from search_index
    where search_index match ${rank} and search_index.rowid >= coalesce((select min(docId) from recent), 0)
      and +search_index.rowid in (select docId from recent)
    order by rank, docId
    limit ${page.limit + 1} offset ${page.offset}
  )
  select ${hitColumns}, r.rank as rank, (select count(*) from recent) = ${RANK_WINDOW} as windowed
  from search_index cross join ranked r on r.docId = search_index.rowid join search_docs d on d.doc_id = r.docId
  where search_index match ${match} and search_index.rowid >= (select min(docId) from ranked)
  order by r.rank, r.docId`;

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
