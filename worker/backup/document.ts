import { getTableColumns } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { workspaces } from '../../db/schema';
import { BACKUP_TABLES, tableName } from './tables';

export const BACKUP_FORMAT = 'hadi-backup';
export const BACKUP_VERSION = 1;

/** One row as drizzle reads it: camelCase keys, JSON columns parsed, booleans as booleans. */
export type BackupRow = Record<string, unknown>;

/** The portable file: plain JSON, one array per table, every array sorted by id. */
export type BackupDocument = {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  workspace: BackupRow;
  tables: Record<string, BackupRow[]>;
};

/**
 * The zod type of one column, derived from the drizzle definition so the validator cannot drift from
 * db/schema.ts: a new column is required in new backups without anyone remembering to edit this file.
 */
function columnSchema(column: SQLiteColumn): z.ZodType {
  const enumValues = column.enumValues as string[] | undefined;
  let schema: z.ZodType;
  switch (column.columnType) {
    case 'SQLiteText':
      schema = enumValues?.length ? z.enum(enumValues as [string, ...string[]]) : z.string();
      break;
    case 'SQLiteTextJson':
      // A JSON `null` would be written as SQL NULL, which a NOT NULL json column refuses.
      schema = column.notNull ? z.json().refine((value) => value !== null, 'must not be null') : z.json();
      break;
    case 'SQLiteInteger':
      schema = z.number().int();
      break;
    case 'SQLiteReal':
      schema = z.number();
      break;
    case 'SQLiteBoolean':
      schema = z.boolean();
      break;
    default:
      throw new Error(`backup: no validator for column type ${column.columnType} (${column.name})`);
  }
  return column.notNull ? schema : schema.nullable();
}

/**
 * Strict: every column must be present and no unknown key is accepted. A row from a newer schema is
 * refused instead of silently losing the column it cannot store (that would not be a lossless restore).
 */
export const rowSchema = (table: SQLiteTable) =>
  z.strictObject(
    Object.fromEntries(Object.entries(getTableColumns(table)).map(([key, column]) => [key, columnSchema(column)])),
  );

export const backupDocumentSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `not a Hadi backup (expected format "${BACKUP_FORMAT}")` }),
  version: z.literal(BACKUP_VERSION, { error: `this Hadi reads backup version ${BACKUP_VERSION} only` }),
  exportedAt: z.string(),
  workspace: rowSchema(workspaces),
  tables: z.strictObject(
    Object.fromEntries(BACKUP_TABLES.map((table) => [tableName(table), z.array(rowSchema(table))])),
  ),
});
