import { eq, inArray } from 'drizzle-orm';
import { type cycles, type metrics, snapshots } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { newId, type Db } from '../db';
import type { Actor } from '../env';
import { badRequest, conflict, type FieldErrors } from '../http/errors';
import { runAtomic } from '../records/batch';
import type { snapshotsBody, SnapshotInput } from './schemas';
import { snapshotProblems } from './snapshot-rules';
import type { z } from 'zod';

type Cycle = typeof cycles.$inferSelect;
type Metric = typeof metrics.$inferSelect;
const pointKey = (s: Pick<SnapshotInput, 'metricId' | 'variantKey' | 'date'>) =>
  `${s.metricId}|${s.variantKey}|${s.date}`;
const TOMORROW = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** Field errors for a batch of snapshots against the cycle's design, or {} when every row is sound. */
export function batchProblems(rows: SnapshotInput[], cycle: Cycle, watched: Metric[], single: boolean): FieldErrors {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  rows.forEach((s, i) => {
    const prefix = single ? '' : `snapshots.${i}.`;
    const metric = watched.find((m) => m.id === s.metricId);
    if (!metric) errors[`${prefix}metricId`] = 'not a metric of this cycle (primary, secondary or guardrail)';
    if (!cycle.variants.some((v) => v.key === s.variantKey))
      errors[`${prefix}variantKey`] = `not a variant of this cycle (${cycle.variants.map((v) => v.key).join(', ')})`;
    if (s.date > TOMORROW()) errors[`${prefix}date`] = 'cannot be in the future';
    if (seen.has(pointKey(s)))
      errors[`${prefix}date`] = 'the same metric, variant and date appear twice in this request';
    seen.add(pointKey(s));
    if (metric) Object.assign(errors, snapshotProblems(s, metric, prefix));
  });
  return errors;
}

/**
 * Records results idempotently: a snapshot id already stored for this cycle is skipped, another result for the
 * same day is a 409 (correct it by deleting first, never by silent overwrite), and the rest land atomically.
 */
export async function addSnapshots(
  db: Db,
  actor: Actor,
  cycle: Cycle,
  watched: Metric[],
  body: z.infer<typeof snapshotsBody>,
  retried = false,
): Promise<{ items: (typeof snapshots.$inferSelect)[]; created: number }> {
  const single = !('snapshots' in body);
  const rows = single ? [body] : body.snapshots;
  const errors = batchProblems(rows, cycle, watched, single);
  if (Object.keys(errors).length > 0)
    throw badRequest(`Invalid ${Object.keys(errors)[0]}: ${Object.values(errors)[0]}`, errors);

  const withIds = rows.map((s) => ({ ...s, id: s.id ?? newId() }));
  const [sameIds, existingPoints] = await Promise.all([
    db
      .select()
      .from(snapshots)
      .where(
        inArray(
          snapshots.id,
          withIds.map((s) => s.id),
        ),
      ),
    db.select().from(snapshots).where(eq(snapshots.cycleId, cycle.id)),
  ]);
  if (sameIds.some((s) => s.cycleId !== cycle.id))
    throw conflict('A snapshot id is already used elsewhere; send new ids', undefined, 'id_taken');
  const known = new Set(sameIds.map((s) => s.id));
  const fresh = withIds.filter((s) => !known.has(s.id));
  const clash = fresh.map((s) => existingPoints.find((e) => pointKey(e) === pointKey(s))).find(Boolean);
  if (clash)
    throw conflict(
      `A result for ${clash.variantKey} on ${clash.date} is already recorded; delete it to correct it`,
      clash,
      'duplicate_result',
    );

  const values = fresh.map((s) => ({ ...s, workspaceId: actor.workspaceId, cycleId: cycle.id, createdBy: actor.id }));
  try {
    await runAtomic(
      db,
      values.flatMap((v) => [
        db.insert(snapshots).values(v),
        auditInsert(db, actor, { action: 'create', entity: 'snapshot', entityId: v.id, after: v }),
      ]),
    );
  } catch (err) {
    // A concurrent identical request (an offline replay) stored these first: answer as its replay would (200 or 409).
    if (retried || !/UNIQUE constraint failed/.test(String((err as Error)?.message) + String((err as Error)?.cause)))
      throw err;
    return addSnapshots(db, actor, cycle, watched, body, true);
  }
  const stored = await db
    .select()
    .from(snapshots)
    .where(
      inArray(
        snapshots.id,
        withIds.map((s) => s.id),
      ),
    );
  return { items: stored, created: fresh.length };
}
