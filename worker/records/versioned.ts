import { and, eq, getTableColumns } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { auditInsert } from '../audit/record';
import { nowIso, type Db } from '../db';
import type { Actor } from '../env';
import { ApiError, conflict, notFound } from '../http/errors';
import { expectOneChange, runAtomic, StaleWrite } from './batch';

/** Any table with the columns every Hadi record shares. */
export type RecordTable = SQLiteTable & { id: SQLiteColumn; workspaceId: SQLiteColumn; version: SQLiteColumn };
type Row<T extends RecordTable> = T['$inferSelect'];
type Extra = BatchItem<'sqlite'>[];

const selectInWorkspace = <T extends RecordTable>(db: Db, table: T, workspaceId: string, id: string) =>
  db
    .select()
    .from(table as SQLiteTable)
    .where(and(eq(table.id, id), eq(table.workspaceId, workspaceId)))
    .limit(1);

export async function findInWorkspace<T extends RecordTable>(
  db: Db,
  table: T,
  workspaceId: string,
  id: string,
): Promise<Row<T> | undefined> {
  const rows = await selectInWorkspace(db, table, workspaceId, id);
  return rows[0] as Row<T> | undefined;
}

/** The record as the batch that wrote it left it: its read rides in the same round trip. */
const writtenRecord = <T extends RecordTable>(results: unknown[]) => (results.at(-1) as Row<T>[])[0] as Row<T>;

export async function getInWorkspace<T extends RecordTable>(
  db: Db,
  table: T,
  workspaceId: string,
  id: string,
  what: string,
) {
  const row = await findInWorkspace(db, table, workspaceId, id);
  if (!row || (row as { deletedAt?: string | null }).deletedAt) throw notFound(what);
  return row;
}

/**
 * Idempotent create: the client may choose the id (offline clients do), and sending the same create again
 * returns the record it made the first time instead of a duplicate. A deleted record is never resurrected.
 */
export async function createOnce<T extends RecordTable>(
  db: Db,
  actor: Actor,
  table: T,
  entity: string,
  values: Row<T> | Record<string, unknown>,
  /** Statements written with the record; may still be reading (they then share the replay lookup's round trip). */
  pendingExtra: Extra | Promise<Extra> = [],
  /** Checks (reads) that share the replay lookup's round trip; their failure refuses the create. */
  alongside?: Promise<unknown>,
): Promise<{ record: Row<T>; created: boolean }> {
  const id = (values as { id: string }).id;
  const [replay, extra] = await Promise.all([replayOf(db, actor, table, entity, id), pendingExtra, alongside]);
  if (replay) return { record: replay, created: false };
  try {
    const results = await runAtomic(db, [
      db.insert(table).values(values as never),
      auditInsert(db, actor, { action: 'create', entity, entityId: id, after: values }),
      ...extra,
      selectInWorkspace(db, table, actor.workspaceId, id),
    ]);
    return { record: writtenRecord<T>(results), created: true };
  } catch (err) {
    const raced = await replayOf(db, actor, table, entity, id); // a concurrent identical create won
    if (raced) return { record: raced, created: false };
    throw err;
  }
}

async function replayOf<T extends RecordTable>(db: Db, actor: Actor, table: T, entity: string, id: string) {
  const rows = await db
    .select()
    .from(table as SQLiteTable)
    .where(eq(table.id, id))
    .limit(1);
  const existing = rows[0] as (Row<T> & { workspaceId: string; deletedAt?: string | null }) | undefined;
  if (!existing) return undefined;
  if (existing.workspaceId !== actor.workspaceId)
    throw conflict(`This id is already used; create the ${entity} with a new id`, undefined, 'id_taken');
  if (existing.deletedAt) throw new ApiError(410, 'gone', `This ${entity} was deleted`);
  return existing as Row<T>;
}

/**
 * Compare-and-swap update: the caller's version must be the current one, the UPDATE re-checks it inside the
 * batch, and the audit entry and any extra statements are written only if the swap wins.
 */
export async function updateVersioned<T extends RecordTable>(
  db: Db,
  actor: Actor,
  table: T,
  entity: string,
  current: Row<T>,
  expectedVersion: number,
  patch: Partial<Row<T>>,
  options: { action?: string; extra?: Extra } = {},
): Promise<Row<T>> {
  const { id, version } = current as unknown as { id: string; version: number };
  if (version !== expectedVersion) {
    throw conflict(
      `This ${entity} was changed by someone else (you edited version ${expectedVersion}, it is now ${version})`,
      current,
      'version_conflict',
    );
  }
  const stamp = 'updatedAt' in getTableColumns(table) ? { updatedAt: nowIso() } : {};
  const set = { ...patch, ...stamp, version: version + 1 };
  try {
    const results = await runAtomic(db, [
      db
        .update(table)
        .set(set as never)
        .where(and(eq(table.id, id), eq(table.workspaceId, actor.workspaceId), eq(table.version, version))),
      expectOneChange(db),
      auditInsert(db, actor, {
        action: options.action ?? 'update',
        entity,
        entityId: id,
        before: current,
        after: { ...current, ...set },
      }),
      ...(options.extra ?? []),
      selectInWorkspace(db, table, actor.workspaceId, id),
    ]);
    return writtenRecord<T>(results);
  } catch (err) {
    if (!(err instanceof StaleWrite)) throw err;
    const latest = await findInWorkspace(db, table, actor.workspaceId, id);
    throw conflict(
      `This ${entity} was changed by someone else at the same moment; review it and try again`,
      latest,
      'version_conflict',
    );
  }
}
