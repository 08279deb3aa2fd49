import { and, eq } from 'drizzle-orm';
import { type cycles, metrics, snapshots } from '../../db/schema';
import { auditInsert } from '../audit/record';
import type { Db } from '../db';
import type { Actor } from '../env';
import { badRequest, conflict, notFound } from '../http/errors';
import { expectOneChange, runAtomic, StaleWrite } from '../records/batch';
import { updateVersioned } from '../records/versioned';
import type { ReplaceSnapshotBody } from './schemas';
import { snapshotProblems } from './snapshot-rules';

/**
 * Correcting results while a cycle is open: replace one stored day's numbers, or delete a wrong snapshot.
 * Both compare-and-swap on the snapshot's `version` and are audited with before → after in the same batch.
 * The caller has already checked that the cycle still accepts results (closed cycles answer 409).
 */
type Cycle = typeof cycles.$inferSelect;
type Snapshot = typeof snapshots.$inferSelect;

export async function snapshotOf(db: Db, cycle: Cycle, snapshotId: string): Promise<Snapshot> {
  const [snapshot] = await db
    .select()
    .from(snapshots)
    .where(
      and(eq(snapshots.id, snapshotId), eq(snapshots.cycleId, cycle.id), eq(snapshots.workspaceId, cycle.workspaceId)),
    )
    .limit(1);
  if (!snapshot) throw notFound('Snapshot');
  return snapshot;
}

const NUMBERS = ['units', 'conversions', 'valueSum', 'valueSumSquares', 'mean', 'sd', 'spend', 'revenue'] as const;

/** Replaces the numbers of one day as a whole: a field left out becomes empty, so nothing stale survives. */
export async function replaceSnapshot(
  db: Db,
  actor: Actor,
  snapshot: Snapshot,
  body: Omit<ReplaceSnapshotBody, 'version'>,
  expected: number,
): Promise<Snapshot> {
  const [metric] = await db
    .select()
    .from(metrics)
    .where(and(eq(metrics.id, snapshot.metricId), eq(metrics.workspaceId, actor.workspaceId)))
    .limit(1);
  if (!metric) throw notFound('Metric');
  const numbers = Object.fromEntries(NUMBERS.map((k) => [k, body[k] ?? null])) as Pick<
    Snapshot,
    (typeof NUMBERS)[number]
  >;
  const errors = snapshotProblems({ ...snapshot, ...numbers }, metric);
  if (Object.keys(errors).length > 0)
    throw badRequest(`Invalid ${Object.keys(errors)[0]}: ${Object.values(errors)[0]}`, errors);
  return updateVersioned(db, actor, snapshots, 'snapshot', snapshot, expected, numbers, { action: 'correct' });
}

/** Deletes one snapshot; with a version, only if nobody corrected it meanwhile. */
export async function deleteSnapshot(db: Db, actor: Actor, snapshot: Snapshot, expected: number | undefined) {
  const version = expected ?? snapshot.version;
  const stale = () =>
    conflict(
      `This result was corrected by someone else (you saw version ${version}, it is now ${snapshot.version})`,
      snapshot,
      'version_conflict',
    );
  if (snapshot.version !== version) throw stale();
  try {
    await runAtomic(db, [
      db.delete(snapshots).where(and(eq(snapshots.id, snapshot.id), eq(snapshots.version, version))),
      expectOneChange(db),
      auditInsert(db, actor, { action: 'delete', entity: 'snapshot', entityId: snapshot.id, before: snapshot }),
    ]);
  } catch (err) {
    if (err instanceof StaleWrite)
      throw conflict('This result was changed or deleted at the same moment', undefined, 'version_conflict');
    throw err;
  }
}
