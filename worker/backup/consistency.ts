import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { workspaces } from '../../db/schema';
import { badRequest } from '../http/errors';
import type { BackupDocument } from './document';
import { BACKUP_TABLES, SCOPED_TABLES, tableName } from './tables';

const keyOf = (table: SQLiteTable, column: SQLiteColumn) => {
  const entry = Object.entries(getTableColumns(table)).find(([, c]) => c.name === column.name);
  if (!entry) throw new Error(`backup: ${column.name} is not a column of ${tableName(table)}`);
  return entry[0];
};

/** The ids a reference may point at: only rows inside the document, never rows already in the database. */
function idsByTable(doc: BackupDocument) {
  const ids = new Map<string, Set<unknown>>([[tableName(workspaces), new Set([doc.workspace.id])]]);
  for (const table of BACKUP_TABLES)
    ids.set(tableName(table), new Set((doc.tables[tableName(table)] ?? []).map((row) => row.id)));
  return ids;
}

/**
 * A schema-valid document can still be hostile or hand-edited: a row carrying another workspace's id, or a
 * member pointing at a user who already exists in this database, would graft data or access onto records
 * the backup does not own. So every row must belong to the document's workspace and every foreign key
 * (read from the drizzle schema) must resolve inside the document. Throws a 400 naming the first bad field.
 */
export function assertSelfContained(doc: BackupDocument) {
  const workspaceId = doc.workspace.id;
  for (const table of SCOPED_TABLES) {
    const name = tableName(table);
    doc.tables[name]?.forEach((row, i) => {
      if (row.workspaceId !== workspaceId) {
        throw badRequest(`Invalid tables.${name}.${i}.workspaceId: every row must belong to the backed-up workspace`, {
          [`tables.${name}.${i}.workspaceId`]: `must be ${workspaceId}`,
        });
      }
    });
  }
  const ids = idsByTable(doc);
  for (const table of BACKUP_TABLES) {
    const name = tableName(table);
    for (const fk of getTableConfig(table).foreignKeys) {
      const { columns, foreignTable } = fk.reference();
      const key = keyOf(table, columns[0]!);
      const target = tableName(foreignTable);
      doc.tables[name]?.forEach((row, i) => {
        const value = row[key];
        if (value !== null && !ids.get(target)?.has(value)) {
          throw badRequest(`Invalid tables.${name}.${i}.${key}: points at a ${target} row that is not in the backup`, {
            [`tables.${name}.${i}.${key}`]: `no ${target} row with id ${String(value)} in this backup`,
          });
        }
      });
    }
  }
}
