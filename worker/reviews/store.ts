import { and, eq } from 'drizzle-orm';
import { auditEntries, reviews } from '../../db/schema';
import { newId, nowIso, type Db } from '../db';
import type { Actor } from '../env';
import { abortUnless, runAtomic, StaleWrite } from '../records/batch';
import { buildReviewFigures } from './build';

type Workspace = { id: string; timeZone: string; currency: string };
/** Who builds a review: a lead on demand, or the Monday schedule. */
export type Builder = Pick<Actor, 'id' | 'type'> | { id: 'schedule'; type: 'system' };
export const SCHEDULE: Builder = { id: 'schedule', type: 'system' };

export async function findReview(db: Db, workspaceId: string, weekStart: string) {
  const [row] = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.workspaceId, workspaceId), eq(reviews.weekStart, weekStart)))
    .limit(1);
  return row;
}

/**
 * Builds the week's review, or returns the one that exists: one review per workspace and week, whoever asks
 * first (the schedule or a lead). The insert, its audit entry and the uniqueness check land in one batch.
 */
export async function ensureReview(db: Db, workspace: Workspace, weekStart: string, by: Builder) {
  const existing = await findReview(db, workspace.id, weekStart);
  if (existing) return { review: existing, created: false };
  const figures = await buildReviewFigures(db, workspace, weekStart);
  const row = {
    id: newId(),
    workspaceId: workspace.id,
    weekStart,
    figures: figures as unknown as Record<string, unknown>,
    builtBy: by.id,
    builtAt: nowIso(),
  };
  try {
    await runAtomic(db, [
      db.insert(reviews).values(row).onConflictDoNothing(),
      abortUnless(db, 'changes() = 1'),
      db.insert(auditEntries).values({
        id: newId(),
        workspaceId: workspace.id,
        actorId: by.id,
        actorType: by.type,
        action: 'build',
        entity: 'review',
        entityId: row.id,
        after: { id: row.id, weekStart, builtBy: by.id },
      }),
    ]);
  } catch (err) {
    if (!(err instanceof StaleWrite)) throw err;
  }
  const review = await findReview(db, workspace.id, weekStart);
  return { review: review!, created: review?.id === row.id };
}
