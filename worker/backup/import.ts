import { eq, inArray, or } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { users, workspaces } from '../../db/schema';
import type { Db } from '../db';
import { conflict, zodError } from '../http/errors';
import { chunk, D1_MAX_BOUND_PARAMETERS, rowsPerInsert } from './chunks';
import { assertSelfContained } from './consistency';
import { undoImport } from './undo';
import { backupDocumentSchema, type BackupDocument, type BackupRow } from './document';
import { BACKUP_TABLES, columnKeys, tableName } from './tables';

/** Parses untrusted JSON into a backup document, or throws a 400 whose message names the first bad path. */
export function parseBackup(input: unknown): BackupDocument {
  const result = backupDocumentSchema.safeParse(input);
  if (!result.success) throw zodError(result.error.issues);
  const doc = result.data as BackupDocument;
  assertSelfContained(doc);
  return doc;
}

/**
 * Restore only into a database that has none of this backup's identities. Merging would have to decide
 * which copy of a record wins, and an email is one login across all workspaces: a second user with the
 * same email cannot exist, and silently reusing the existing one would hand it this workspace's roles.
 * The one exception is the very same account (id, email and password hash), restored earlier from the
 * backup of another workspace the person belongs to: returns those user ids, to be reused.
 */
async function assertNothingToCollideWith(db: Db, doc: BackupDocument) {
  const workspaceId = String(doc.workspace.id);
  const [existing] = await db
    .select({ id: workspaces.id, name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  if (existing) {
    throw conflict(
      `This database already has workspace "${existing.name}" (${existing.id}). Import restores into an empty database only and never overwrites or merges, so nothing was changed.`,
      undefined,
      'already_exists',
    );
  }
  const docUsers = doc.tables[tableName(users)] ?? [];
  const reused = new Set<string>();
  // Two parameters per user (email, id): stay under D1's 100-parameter limit per statement.
  for (const part of chunk(docUsers, Math.floor((D1_MAX_BOUND_PARAMETERS - 1) / 2))) {
    const emails = part.map((u) => String(u.email));
    const ids = part.map((u) => String(u.id));
    const clashes = await db
      .select()
      .from(users)
      .where(or(inArray(users.email, emails), inArray(users.id, ids)));
    for (const existing of clashes) {
      const mine = part.find((u) => u.id === existing.id || u.email === existing.email);
      // A person in several workspaces is in each workspace's backup: the same account (same id, email and
      // password hash) restored earlier with another workspace is reused. Anything else would graft this file's
      // roles onto someone else's login.
      if (mine && sameAccount(mine, existing)) {
        reused.add(existing.id);
        continue;
      }
      throw conflict(
        `This database already has a user ${existing.email} from the backup. An email is one sign-in across all workspaces, so the restored account would clash with the existing one; restore into an empty database (or one holding this person's account from another of their workspace backups). Nothing was changed.`,
        undefined,
        'already_exists',
      );
    }
  }
  return reused;
}

const sameAccount = (row: BackupRow, existing: typeof users.$inferSelect) =>
  row.id === existing.id &&
  row.email === existing.email &&
  row.passwordHash === existing.passwordHash &&
  row.passwordSalt === existing.passwordSalt &&
  row.passwordIterations === existing.passwordIterations;

/** Multi-row INSERTs sized to D1's bound-parameter limit (one parameter per column per row). */
function insertsFor(db: Db, table: SQLiteTable, rows: BackupRow[]) {
  return chunk(rows, rowsPerInsert(columnKeys(table).length)).map(
    (part) => db.insert(table).values(part as never) as unknown as BatchItem<'sqlite'>,
  );
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

const isConstraintError = (err: unknown) => {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (/constraint failed/i.test(e.message)) return true;
  return false;
};

/**
 * Statements per db.batch. One batch is one D1 transaction, so most workspaces restore atomically; very large
 * ones are split because one huge batch is slow to build over the local proxy and, on D1, counts against
 * per-invocation query limits (a single ~3,700-statement batch through getPlatformProxy lost its response
 * although it committed).
 */
export const STATEMENTS_PER_BATCH = 500;

/** The INSERTs in foreign-key order: the workspace, users (but those already here), then every scoped table. */
function insertStatements(db: Db, doc: BackupDocument, reused: Set<string>) {
  const rowsOf = (table: SQLiteTable) => {
    const rows = doc.tables[tableName(table)] ?? [];
    return table === users ? rows.filter((u) => !reused.has(String(u.id))) : rows;
  };
  return [
    db.insert(workspaces).values(doc.workspace as never) as unknown as BatchItem<'sqlite'>,
    ...BACKUP_TABLES.flatMap((table) => insertsFor(db, table, rowsOf(table))),
  ];
}

/**
 * Restores a document produced by exportWorkspace into a database that does not hold it yet, all or nothing:
 * up to STATEMENTS_PER_BATCH statements it is one D1 transaction; beyond that, a failing batch makes us delete
 * what the earlier batches wrote (undoImport). A constraint failure (a racing import that slipped past the
 * checks, a duplicate id inside the file) becomes a 409. Returns the number of rows written per table.
 */
export async function importWorkspace(db: Db, input: unknown, options: { statementsPerBatch?: number } = {}) {
  const doc = parseBackup(input);
  const reused = await assertNothingToCollideWith(db, doc);
  const statements = insertStatements(db, doc, reused);
  const batches = chunk(statements, options.statementsPerBatch ?? STATEMENTS_PER_BATCH);
  let committed = 0;
  try {
    for (const batch of batches) {
      await db.batch(batch as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
      committed++;
    }
  } catch (err) {
    // Earlier batches are committed, and a batch whose response was lost may have committed too. But a first
    // batch refused by a constraint wrote nothing, and the row it hit may be a racing import's: leave that alone.
    const mayHaveWritten = committed > 0 || !isConstraintError(err);
    if (mayHaveWritten) {
      await undoImport(db, doc, reused).catch((undoErr: unknown) => {
        throw new Error(
          `Import failed after ${committed} of ${batches.length} batches (${messageOf(err)}) and removing its rows failed too (${messageOf(undoErr)}): workspace ${String(doc.workspace.id)} may be half-restored.`,
          { cause: err },
        );
      });
    }
    if (isConstraintError(err))
      throw conflict(
        'The database already holds some of this backup’s rows, or the file repeats an id (a constraint failed); nothing was changed. Restore into an empty database.',
        undefined,
        'already_exists',
      );
    throw err;
  }
  const counts: Record<string, number> = { [tableName(workspaces)]: 1 };
  for (const table of BACKUP_TABLES) counts[tableName(table)] = doc.tables[tableName(table)]?.length ?? 0;
  counts[tableName(users)] = (counts[tableName(users)] ?? 0) - reused.size;
  return { workspaceId: String(doc.workspace.id), counts, statements: statements.length, batches: batches.length };
}
