import { and, asc, eq, getTableColumns, gt } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { members, users, workspaces } from '../../db/schema';
import { nowIso, type Db } from '../db';
import { notFound } from '../http/errors';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupDocument, type BackupRow } from './document';
import { SCOPED_TABLES, tableName, type ScopedTable } from './tables';

/** Rows per read: small enough for D1's response limits on wide tables, large enough to be few round trips. */
export const DEFAULT_PAGE_SIZE = 500;

type Page = (after: string | null, limit: number) => Promise<BackupRow[]>;

/** Keyset pagination on `id`: stable under concurrent inserts and never an OFFSET scan. */
async function readAll(page: Page, pageSize: number, idOf: (row: BackupRow) => string) {
  const rows: BackupRow[] = [];
  for (let after: string | null = null; ; ) {
    const batch = await page(after, pageSize);
    rows.push(...batch);
    if (batch.length < pageSize) return rows;
    after = idOf(batch[batch.length - 1]!);
  }
}

const afterId = (id: SQLiteColumn, after: string | null) => (after === null ? undefined : gt(id, after));

const scopedPage =
  (db: Db, table: ScopedTable, workspaceId: string): Page =>
  (after, limit) =>
    db
      .select()
      .from(table)
      .where(and(eq(table.workspaceId, workspaceId), afterId(table.id, after)))
      .orderBy(asc(table.id))
      .limit(limit) as Promise<BackupRow[]>;

/** Users are global (one login, many workspaces): the backup takes those the workspace's members point at. */
const usersPage =
  (db: Db, workspaceId: string): Page =>
  (after, limit) =>
    db
      .select(getTableColumns(users))
      .from(users)
      .innerJoin(members, eq(members.userId, users.id))
      .where(and(eq(members.workspaceId, workspaceId), afterId(users.id, after)))
      .orderBy(asc(users.id))
      .limit(limit);

/**
 * Every row of one workspace as a portable, deterministic document (same data ⇒ same `tables`).
 * Includes password hashes and API-token hashes so sign-ins and integrations survive a restore;
 * leaves out sessions and rate limits (see EXCLUDED_TABLES). Treat the file like a password vault.
 */
export async function exportWorkspace(
  db: Db,
  workspaceId: string,
  options: { pageSize?: number } = {},
): Promise<BackupDocument> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  if (!workspace) throw notFound('Workspace');
  const idOf = (row: BackupRow) => row.id as string;
  const tables: Record<string, BackupRow[]> = {
    [tableName(users)]: await readAll(usersPage(db, workspaceId), pageSize, idOf),
  };
  for (const table of SCOPED_TABLES)
    tables[tableName(table)] = await readAll(scopedPage(db, table, workspaceId), pageSize, idOf);
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: nowIso(), workspace, tables };
}
