import { and, eq } from 'drizzle-orm';
import { type COMMENT_TARGETS, cycles, hypotheses } from '../../db/schema';
import type { Db } from '../db';
import { badRequest } from '../http/errors';
import type { RecordTable } from '../records/versioned';

export type CommentTarget = (typeof COMMENT_TARGETS)[number];

/**
 * The allow-list of what can be discussed, each with its table. Insights plug in with one line
 * (`insight: insights,` here and `'insight'` in COMMENT_TARGETS).
 */
const TARGET_TABLES: Record<CommentTarget, RecordTable> = {
  hypothesis: hypotheses,
  cycle: cycles,
};

/** The target must be a live record of the caller's workspace; otherwise 400 naming targetId. */
export async function assertTarget(db: Db, workspaceId: string, targetType: CommentTarget, targetId: string) {
  const table = TARGET_TABLES[targetType] as RecordTable & { deletedAt?: RecordTable['id'] };
  const [row] = await db
    .select({ id: table.id, ...(table.deletedAt ? { deletedAt: table.deletedAt } : {}) })
    .from(table)
    .where(and(eq(table.id, targetId), eq(table.workspaceId, workspaceId)))
    .limit(1);
  if (!row || (row as { deletedAt?: string | null }).deletedAt)
    throw badRequest(`Unknown ${targetType}`, { targetId: `no such ${targetType} in this workspace` });
}
