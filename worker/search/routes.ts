import { Hono } from 'hono';
import { z } from 'zod';
import { SEARCH_TYPES } from '../../db/schema';
import type { AppEnv } from '../env';
import { badRequest } from '../http/errors';
import { valid } from '../http/validate';
import { decodeCursor, encodeCursor, listQuery } from '../records/pagination';
import { searchRecords } from './queries';

const searchQuery = z.object({
  q: z.string().max(200).default(''),
  type: z.enum(SEARCH_TYPES).optional(),
  ...listQuery,
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** Offset pages: the cursor carries how many hits came before (bm25 scores are not a stable keyset). */
function offsetOf(cursor: string | undefined): number {
  const decoded = decodeCursor(cursor);
  if (!decoded) return 0;
  const offset = decoded.sort;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > 10_000)
    throw badRequest('Invalid cursor', { cursor: 'not a cursor returned by this API' });
  return offset;
}

/** One search over hypotheses, cycles, learnings, insights and comments of the caller's workspace, ranked by bm25. */
export const searchRoutes = new Hono<AppEnv>().get('/', valid('query', searchQuery), async (c) => {
  const query = c.req.valid('query');
  const offset = offsetOf(query.cursor);
  const { hits, more, rankedAmongNewest } = await searchRecords(c.get('db'), c.get('actor').workspaceId, {
    ...query,
    offset,
  });
  const nextCursor = more ? encodeCursor({ sort: offset + hits.length, id: '' }) : null;
  // `rankedAmongNewest`: set when there were more matches than are ranked (only the newest that many were).
  return c.json({ items: hits, nextCursor, rankedAmongNewest });
});
