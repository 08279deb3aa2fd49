import { and, desc, eq, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { auditEntries } from '../../db/schema';
import type { AppEnv } from '../env';
import { valid } from '../http/validate';
import { afterNewest, decodeCursor, listQuery, page } from '../records/pagination';

const auditQuery = z.object({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  ...listQuery,
});

/** The audit trail, newest first (admins only; mounted behind requireRole('admin')). */
export const auditRoutes = new Hono<AppEnv>().get('/', valid('query', auditQuery), async (c) => {
  const query = c.req.valid('query');
  const cursor = decodeCursor(query.cursor);
  const filters: (SQL | undefined)[] = [
    eq(auditEntries.workspaceId, c.get('actor').workspaceId),
    query.entity ? eq(auditEntries.entity, query.entity) : undefined,
    query.entityId ? eq(auditEntries.entityId, query.entityId) : undefined,
    query.actorId ? eq(auditEntries.actorId, query.actorId) : undefined,
    afterNewest(auditEntries.at, auditEntries.id, cursor),
  ];
  const rows = await c
    .get('db')
    .select()
    .from(auditEntries)
    .where(and(...filters))
    .orderBy(desc(auditEntries.at), desc(auditEntries.id))
    .limit(query.limit + 1);
  return c.json(page(rows, query.limit, (row) => ({ sort: row.at, id: row.id })));
});
