import { and, desc, eq, getTableColumns, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { DECISIONS, LEVERS, learnings } from '../../db/schema';
import type { AppEnv } from '../env';
import { idParam, isoDate } from '../http/common';
import { splicedJsonPage } from '../http/spliced-json';
import { valid } from '../http/validate';
import { afterNewest, decodeCursor, listQuery, page } from '../records/pagination';
import { getInWorkspace } from '../records/versioned';
import { matchingIds } from '../search/queries';

const learningsQuery = z.object({
  q: z.string().trim().max(200).optional(),
  channelId: z.string().max(64).optional(),
  lever: z.enum(LEVERS).optional(),
  decision: z.enum(DECISIONS).optional(),
  tag: z.string().max(40).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...listQuery,
});

// The list reads each learning's evidence as the JSON text it is stored as (see splicedJsonPage).
const { evidence, ...listedColumns } = getTableColumns(learnings);
type Evidence = (typeof learnings.$inferSelect)['evidence'];

/** The learning log: what was tried, what won, by how much, at what cost — readable by every role. */
export const learningsRoutes = new Hono<AppEnv>()
  .get('/', valid('query', learningsQuery), async (c) => {
    const query = c.req.valid('query');
    const cursor = decodeCursor(query.cursor);
    const workspaceId = c.get('actor').workspaceId;
    const matches = query.q ? matchingIds('learning', workspaceId, query.q) : undefined;
    const filters: (SQL | undefined)[] = [
      eq(learnings.workspaceId, workspaceId),
      query.channelId ? eq(learnings.channelId, query.channelId) : undefined,
      query.lever ? eq(learnings.lever, query.lever) : undefined,
      query.decision ? eq(learnings.decision, query.decision) : undefined,
      query.tag ? sql`exists (select 1 from json_each(${learnings.tags}) where value = ${query.tag})` : undefined,
      query.from ? gte(learnings.publishedAt, query.from) : undefined,
      query.to ? lte(learnings.publishedAt, `${query.to}T23:59:59.999Z`) : undefined,
      // Full-text match on title, summary and next steps (worker/search), the last word as a prefix.
      matches ? inArray(learnings.id, matches) : undefined,
      afterNewest(learnings.publishedAt, learnings.id, cursor),
    ];
    const rows = await c
      .get('db')
      .select({ ...listedColumns, evidence: sql<string>`${evidence}` })
      .from(learnings)
      .where(and(...filters))
      .orderBy(desc(learnings.publishedAt), desc(learnings.id))
      .limit(query.limit + 1);
    const learningPage = page(rows, query.limit, (row) => ({ sort: row.publishedAt, id: row.id }));
    return splicedJsonPage<(typeof rows)[number], 'evidence', Evidence>(c, learningPage, 'evidence');
  })
  .get('/:id', valid('param', idParam), async (c) => {
    return c.json(
      await getInWorkspace(c.get('db'), learnings, c.get('actor').workspaceId, c.req.valid('param').id, 'Learning'),
    );
  });
