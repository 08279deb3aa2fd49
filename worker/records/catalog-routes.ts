import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import type { Role } from '../../db/schema';
import { requireRole } from '../auth/middleware';
import { newId, type Db } from '../db';
import type { AppEnv } from '../env';
import { idParam, versionField } from '../http/common';
import { valid } from '../http/validate';
import { expectedVersion } from './version-header';
import { createOnce, getInWorkspace, updateVersioned, type RecordTable } from './versioned';

type CatalogOptions<T extends RecordTable, C extends z.ZodObject, U extends z.ZodObject> = {
  table: T & { [K in 'createdAt']: SQLiteColumn };
  entity: string;
  label: string;
  writeRole: Role;
  create: C;
  update: U;
  /** Extra checks before a write (references, cross-field rules), throwing ApiError. */
  check?: (db: Db, workspaceId: string, body: Partial<z.infer<C>>) => Promise<void>;
  extraCreateValues?: (actorId: string) => Record<string, unknown>;
};

/** List / read / idempotent create / versioned update for the workspace's reference data. */
export function catalogRoutes<T extends RecordTable, C extends z.ZodObject, U extends z.ZodObject>(
  o: CatalogOptions<T, C, U>,
) {
  const updateBody = o.update.extend(versionField);
  return new Hono<AppEnv>()
    .get('/', describeRoute({ summary: `List the workspace's ${o.entity} records` }), async (c) => {
      const items = await c
        .get('db')
        .select()
        .from(o.table)
        .where(eq(o.table.workspaceId, c.get('actor').workspaceId))
        .orderBy(asc(o.table.createdAt));
      return c.json({ items: items as T['$inferSelect'][], nextCursor: null });
    })
    .get('/:id', valid('param', idParam), async (c) => {
      return c.json(
        await getInWorkspace(c.get('db'), o.table, c.get('actor').workspaceId, c.req.valid('param').id, o.label),
      );
    })
    .post('/', requireRole(o.writeRole), valid('json', o.create), async (c) => {
      const { id, ...body } = c.req.valid('json') as z.infer<C> & { id?: string };
      const actor = c.get('actor');
      // The client id goes along so a check can tell a replayed create from a clash with another record.
      await o.check?.(c.get('db'), actor.workspaceId, { ...body, ...(id ? { id } : {}) } as Partial<z.infer<C>>);
      const values = { ...body, ...o.extraCreateValues?.(actor.id), id: id ?? newId(), workspaceId: actor.workspaceId };
      const { record, created } = await createOnce(c.get('db'), actor, o.table, o.entity, values);
      return c.json(record, created ? 201 : 200);
    })
    .patch('/:id', requireRole(o.writeRole), valid('param', idParam), valid('json', updateBody), async (c) => {
      const { version, ...patch } = c.req.valid('json') as { version?: number } & Record<string, unknown>;
      const db = c.get('db');
      const actor = c.get('actor');
      const current = await getInWorkspace(db, o.table, actor.workspaceId, c.req.valid('param').id, o.label);
      await o.check?.(db, actor.workspaceId, { ...current, ...patch } as Partial<z.infer<C>>);
      const updated = await updateVersioned(
        db,
        actor,
        o.table,
        o.entity,
        current,
        expectedVersion(c.req.header('if-match'), version),
        patch as Partial<T['$inferSelect']>,
      );
      return c.json(updated);
    });
}
