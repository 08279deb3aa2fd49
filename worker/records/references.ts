import { and, eq, inArray } from 'drizzle-orm';
import { channels, cycles, hypotheses, metrics, objectives } from '../../db/schema';
import type { Db } from '../db';
import { badRequest } from '../http/errors';

const TABLES = {
  channelId: channels,
  metricId: metrics,
  objectiveId: objectives,
  hypothesisId: hypotheses,
  parentCycleId: cycles,
} as const;
type RefField = keyof typeof TABLES;

/**
 * Ids a client sends must point at records of its own workspace; otherwise a 400 names the field
 * (and says nothing about other workspaces' records).
 */
export async function assertReferences(
  db: Db,
  workspaceId: string,
  refs: Partial<Record<RefField, string | null | undefined>>,
) {
  // Every lookup at once: they share one round trip (worker/d1/connection.ts batches concurrent reads).
  const fields = (Object.keys(TABLES) as RefField[]).filter((field) => refs[field]);
  const found = await Promise.all(
    fields.map((field) => {
      const table = TABLES[field];
      return db
        .select({ id: table.id })
        .from(table)
        .where(and(eq(table.id, refs[field]!), eq(table.workspaceId, workspaceId)))
        .limit(1);
    }),
  );
  const missing = fields.find((_, i) => found[i]!.length === 0);
  if (missing) throw badRequest(`Unknown ${missing}`, { [missing]: 'no such record in this workspace' });
}

/** Metric ids used by a cycle, checked in one query. */
export async function assertMetrics(db: Db, workspaceId: string, ids: { field: string; id: string }[]) {
  if (ids.length === 0) return;
  const unique = [...new Set(ids.map((m) => m.id))];
  const found = await db
    .select({ id: metrics.id })
    .from(metrics)
    .where(and(eq(metrics.workspaceId, workspaceId), inArray(metrics.id, unique)));
  const known = new Set(found.map((m) => m.id));
  const missing = ids.find((m) => !known.has(m.id));
  if (missing)
    throw badRequest(`Unknown metric in ${missing.field}`, { [missing.field]: 'no such metric in this workspace' });
}
