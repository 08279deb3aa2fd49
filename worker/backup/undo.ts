import { eq, inArray } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { members, sessions, users, workspaces } from '../../db/schema';
import type { Db } from '../db';
import { chunk, D1_MAX_BOUND_PARAMETERS } from './chunks';
import type { BackupDocument } from './document';
import { SCOPED_TABLES, tableName } from './tables';

/**
 * Removes what a failed multi-batch import had already written, children before parents (foreign keys).
 * Safe only because the import first proved that neither the workspace id nor any of the document's users
 * existed (except accounts it reused): every row with this workspace id, and every other user, came from this import.
 */
export async function undoImport(db: Db, doc: BackupDocument, reused: ReadonlySet<string> = new Set()) {
  const workspaceId = String(doc.workspace.id);
  const memberIds = (doc.tables[tableName(members)] ?? []).map((m) => String(m.id));
  // Accounts that were already here (a person restored with another of their workspaces) stay.
  const userIds = (doc.tables[tableName(users)] ?? []).map((u) => String(u.id)).filter((id) => !reused.has(id));
  const statements: BatchItem<'sqlite'>[] = [
    // Someone may have signed in to the half-restored workspace; their session would pin the member row.
    ...chunk(memberIds, D1_MAX_BOUND_PARAMETERS - 1).map((ids) =>
      db.delete(sessions).where(inArray(sessions.memberId, ids)),
    ),
    ...[...SCOPED_TABLES].reverse().map((table) => db.delete(table).where(eq(table.workspaceId, workspaceId))),
    ...chunk(userIds, D1_MAX_BOUND_PARAMETERS - 1).map((ids) => db.delete(users).where(inArray(users.id, ids))),
    db.delete(workspaces).where(eq(workspaces.id, workspaceId)),
  ];
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}
