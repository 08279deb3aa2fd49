import { eq, inArray } from 'drizzle-orm';
import { cycles, metrics, snapshots } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { newId, type Db } from '../db';
import type { Actor } from '../env';
import { badRequest, conflict, type FieldErrors } from '../http/errors';
import { runAtomic } from '../records/batch';
import { getInWorkspace } from '../records/versioned';
import { cycleMetricIds, ruleOf, workspaceCurrency } from './analysis';
import { assertMove } from './moves';
import type { snapshotsBody, SnapshotInput } from './schemas';
import { snapshotProblems } from './snapshot-rules';
import type { z } from 'zod';

type Cycle = typeof cycles.$inferSelect;
type Metric = typeof metrics.$inferSelect;
type Snapshot = typeof snapshots.$inferSelect;
/** What a results write saw and left: the cycle's results before and after, for whoever watches them. */
export type ResultsWritten = {
  cycle: Cycle;
  metrics: Metric[];
  currency: string | undefined;
  before: Snapshot[];
  after: Snapshot[];
};
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

/** D1 binds at most 100 parameters per statement. */
const ID_CHUNK = 90;

/** What recording results reads, all in one round trip: the cycle, the metrics, and the snapshots it could clash with. */
async function readForResults(db: Db, actor: Actor, cycleId: string, ids: string[]) {
  const chunks = Array.from({ length: Math.ceil(ids.length / ID_CHUNK) }, (_, i) =>
    ids.slice(i * ID_CHUNK, (i + 1) * ID_CHUNK),
  );
  const [cycle, metricRows, existingPoints, [workspace], ...sameIds] = await Promise.all([
    getInWorkspace(db, cycles, actor.workspaceId, cycleId, 'Cycle'),
    db.select().from(metrics).where(eq(metrics.workspaceId, actor.workspaceId)),
    db.select().from(snapshots).where(eq(snapshots.cycleId, cycleId)),
    workspaceCurrency(db, actor.workspaceId),
    ...chunks.map((chunk) => db.select().from(snapshots).where(inArray(snapshots.id, chunk))),
  ]);
  const watchedIds = cycleMetricIds(cycle, ruleOf(cycle));
  return {
    cycle,
    watched: metricRows.filter((m) => watchedIds.includes(m.id)),
    existingPoints,
    currency: workspace?.currency,
    sameIds: sameIds.flat(),
  };
}

/**
 * Records results idempotently: a snapshot id already stored for this cycle is skipped, another result for the
 * same day is a 409 (correct it by deleting first, never by silent overwrite), and the rest land atomically.
 * Two round trips: every read together, then the writes with the stored rows read back in the same batch.
 */
export async function addSnapshots(
  db: Db,
  actor: Actor,
  cycleId: string,
  body: z.infer<typeof snapshotsBody>,
  retried = false,
): Promise<{ answer: { items: Snapshot[]; created: number }; written: ResultsWritten }> {
  const single = !('snapshots' in body);
  const rows = single ? [body] : body.snapshots;
  const withIds = rows.map((s) => ({ ...s, id: s.id ?? newId() }));
  const ids = withIds.map((s) => s.id);
  const { cycle, watched, existingPoints, currency, sameIds } = await readForResults(db, actor, cycleId, ids);
  assertMove(cycle, 'add_results');
  const errors = batchProblems(rows, cycle, watched, single);
  if (Object.keys(errors).length > 0)
    throw badRequest(`Invalid ${Object.keys(errors)[0]}: ${Object.values(errors)[0]}`, errors);

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
  const written = { cycle, metrics: watched, currency, before: existingPoints, after: existingPoints };
  if (fresh.length === 0) return { answer: { items: sameIds, created: 0 }, written };

  const values = fresh.map((s) => ({ ...s, workspaceId: actor.workspaceId, cycleId: cycle.id, createdBy: actor.id }));
  try {
    const results = await runAtomic(db, [
      ...values.flatMap((v) => [
        db.insert(snapshots).values(v),
        auditInsert(db, actor, { action: 'create', entity: 'snapshot', entityId: v.id, after: v }),
      ]),
      db.select().from(snapshots).where(eq(snapshots.cycleId, cycle.id)),
    ]);
    const after = results.at(-1) as Snapshot[];
    const stored = after.filter((s) => ids.includes(s.id));
    return { answer: { items: stored, created: fresh.length }, written: { ...written, after } };
  } catch (err) {
    // A concurrent identical request (an offline replay) stored these first: answer as its replay would (200 or 409).
    if (retried || !/UNIQUE constraint failed/.test(String((err as Error)?.message) + String((err as Error)?.cause)))
      throw err;
    return addSnapshots(db, actor, cycleId, body, true);
  }
}
