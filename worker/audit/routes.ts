import { and, desc, eq, getTableColumns, gte, lt, sql, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { apiTokens, auditEntries, members, users } from '../../db/schema';
import type { AppEnv } from '../env';
import { isoDate } from '../http/common';
import { valid } from '../http/validate';
import { afterNewest, decodeCursor, listQuery, page } from '../records/pagination';

const DAY_MS = 86_400_000;
/** A moment: an ISO date-time with its offset, or a date (a whole UTC day). */
const moment = z.union([isoDate, z.iso.datetime({ offset: true })], {
  error: 'must be a date like 2026-01-31 or a date-time like 2026-01-31T09:00:00Z',
});
const startOf = (m: string) => new Date(m.length === 10 ? `${m}T00:00:00Z` : m);

const auditQuery = z
  .object({
    entity: z
      .string()
      .regex(/^[a-z_]{1,40}$/, 'must be a record type like hypothesis or cycle')
      .optional(),
    entityId: z.string().max(64).optional(),
    actorId: z.string().max(64).optional(),
    /** Entries at or after this moment. */
    from: moment.optional(),
    /** Entries before this moment; a date includes that whole day. */
    to: moment.optional(),
    ...listQuery,
  })
  .transform(({ from, to, ...rest }) => ({
    ...rest,
    from: from ? startOf(from).toISOString() : undefined,
    to: to ? new Date(startOf(to).getTime() + (to.length === 10 ? DAY_MS : 0)).toISOString() : undefined,
  }))
  .refine((q) => !q.from || !q.to || q.from < q.to, { path: ['to'], message: 'must be after the start (from)' });

/** The audit trail, newest first, with the actor's name (admins only; mounted behind requireRole('admin')). */
export const auditRoutes = new Hono<AppEnv>().get('/', valid('query', auditQuery), async (c) => {
  const query = c.req.valid('query');
  const cursor = decodeCursor(query.cursor);
  const workspaceId = c.get('actor').workspaceId;
  const filters: (SQL | undefined)[] = [
    eq(auditEntries.workspaceId, workspaceId),
    query.entity ? eq(auditEntries.entity, query.entity) : undefined,
    query.entityId ? eq(auditEntries.entityId, query.entityId) : undefined,
    query.actorId ? eq(auditEntries.actorId, query.actorId) : undefined,
    query.from ? gte(auditEntries.at, query.from) : undefined,
    query.to ? lt(auditEntries.at, query.to) : undefined,
    afterNewest(auditEntries.at, auditEntries.id, cursor),
  ];
  const rows = await c
    .get('db')
    .select({
      ...getTableColumns(auditEntries),
      // Hadi itself (the Monday schedule, disabling a failing webhook) is named as such.
      actorName: sql<
        string | null
      >`coalesce(${users.name}, ${apiTokens.name}, case when ${auditEntries.actorType} = 'system' then 'Hadi' end)`,
    })
    .from(auditEntries)
    .leftJoin(members, and(eq(members.id, auditEntries.actorId), eq(members.workspaceId, workspaceId)))
    .leftJoin(users, eq(users.id, members.userId))
    .leftJoin(apiTokens, and(eq(apiTokens.id, auditEntries.actorId), eq(apiTokens.workspaceId, workspaceId)))
    .where(and(...filters))
    .orderBy(desc(auditEntries.at), desc(auditEntries.id))
    .limit(query.limit + 1);
  return c.json(page(rows, query.limit, (row) => ({ sort: row.at, id: row.id })));
});
