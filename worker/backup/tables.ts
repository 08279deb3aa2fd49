import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  apiTokens,
  auditEntries,
  channels,
  comments,
  inboxItems,
  cycleAnalyses,
  cycles,
  hypotheses,
  insightCitations,
  insights,
  learnings,
  learningShares,
  insightShares,
  members,
  metrics,
  funnels,
  objectives,
  rateLimits,
  reviews,
  searchDocs,
  programViews,
  workspaceRevisions,
  sessions,
  snapshots,
  users,
  webhookDeliveries,
  webhookEndpoints,
  workspaces,
} from '../../db/schema';

/** A table whose rows belong to one workspace through `workspace_id`, keyed by a text `id`. */
export type ScopedTable = SQLiteTable & { id: SQLiteColumn; workspaceId: SQLiteColumn };

/**
 * What a backup carries, in foreign-key order: D1 enforces foreign keys statement by statement inside a
 * batch, so a row must be inserted after every row it references (members after users, cycles after
 * hypotheses, …). hypotheses.parent_cycle_id and learnings.hypothesis_id carry no FK, so no cycle exists.
 * `users` is not workspace-scoped: the backup carries the users the workspace's members point at.
 */
export const SCOPED_TABLES: ScopedTable[] = [
  members,
  apiTokens,
  channels,
  metrics,
  objectives,
  funnels,
  hypotheses,
  cycles,
  snapshots,
  learnings,
  // operating rhythm (issue 12): insights cite closed cycles; reviews stand alone
  insights,
  insightCitations,
  reviews,
  comments,
  inboxItems,
  auditEntries,
];

/** The workspace row travels as `workspace`, users are listed before the scoped tables they anchor. */
export const BACKUP_TABLES: SQLiteTable[] = [users, ...SCOPED_TABLES];

/**
 * Deliberately left out, with the reason. A test fails when a new table appears in db/schema.ts that is
 * in neither list, so adding a table forces a decision about backups.
 */
export const EXCLUDED_TABLES: Record<string, string> = {
  [getTableName(workspaces)]: 'carried as the document’s `workspace` field',
  [getTableName(sessions)]: 'live sign-ins are secrets of one running database; restored users sign in again',
  [getTableName(cycleAnalyses)]: 'derived: each cycle’s analysis is recomputed from its snapshots on the next view',
  [getTableName(rateLimits)]: 'short-lived login counters, keyed by email and client address, not workspace data',
  [getTableName(learningShares)]:
    'share links are bearer secrets of one running database (stored as hashes); a restored workspace shares again',
  [getTableName(programViews)]: 'derived: the program view is recomputed on the next view after any change',
  [getTableName(workspaceRevisions)]: 'derived: change counters that triggers bump; a restore starts them afresh',
  [getTableName(insightShares)]: 'like learning_shares: bearer secrets of one running database',
  [getTableName(searchDocs)]:
    'derived: search documents (and their FTS5 index search_index) are refilled by triggers as a restore inserts rows',
  [getTableName(webhookEndpoints)]:
    'webhook endpoints hold signing secrets shown once; a backup never carries them, a restored workspace registers again',
  [getTableName(webhookDeliveries)]: 'the delivery log of endpoints that are not carried (see webhook_endpoints)',
};

export const tableName = (table: SQLiteTable) => getTableName(table);

/** Column property names (camelCase, as drizzle reads and writes rows). */
export const columnKeys = (table: SQLiteTable) => Object.keys(getTableColumns(table));
