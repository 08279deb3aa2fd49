import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { cycles, hypotheses, learnings } from '../../db/schema';
import type { Db } from '../db';
import { notFound } from '../http/errors';
import { assembleChain, MAX_ANCESTORS, type ChainRows } from './assemble';

type Rows = { hypotheses: (typeof hypotheses.$inferSelect)[]; cycles: (typeof cycles.$inferSelect)[] };

/** Loads just the rows the chain of one idea touches (all scoped to the workspace) and assembles it. */
export async function loadChain(db: Db, workspaceId: string, hypothesisId: string) {
  const inWorkspace = (t: { workspaceId: SQLiteColumn }) => eq(t.workspaceId, workspaceId);
  const rows: Rows = { hypotheses: [], cycles: [] };
  const hypothesisById = (ids: string[]) =>
    ids.length
      ? db
          .select()
          .from(hypotheses)
          .where(and(inWorkspace(hypotheses), inArray(hypotheses.id, ids), isNull(hypotheses.deletedAt)))
      : Promise.resolve([]);

  const [start] = await hypothesisById([hypothesisId]);
  if (!start) throw notFound('Hypothesis');
  rows.hypotheses.push(start);

  // Up: parent cycle → the idea it tested → its parent cycle …
  let parentCycleId = start.parentCycleId;
  for (let step = 0; parentCycleId && step < MAX_ANCESTORS; step++) {
    const [cycle] = await db
      .select()
      .from(cycles)
      .where(and(inWorkspace(cycles), eq(cycles.id, parentCycleId)));
    if (!cycle) break;
    rows.cycles.push(cycle);
    const [parent] = await hypothesisById([cycle.hypothesisId]);
    if (!parent || rows.hypotheses.some((h) => h.id === parent.id)) break;
    rows.hypotheses.push(parent);
    parentCycleId = parent.parentCycleId;
  }

  // Down: the idea's tests and the follow-ups their insights produced.
  const tests = await db
    .select()
    .from(cycles)
    .where(and(inWorkspace(cycles), eq(cycles.hypothesisId, start.id)));
  rows.cycles.push(...tests);
  const testIds = tests.map((c) => c.id);
  const followUps = testIds.length
    ? await db
        .select()
        .from(hypotheses)
        .where(and(inWorkspace(hypotheses), inArray(hypotheses.parentCycleId, testIds), isNull(hypotheses.deletedAt)))
    : [];
  rows.hypotheses.push(...followUps);
  const cycleIds = rows.cycles.map((c) => c.id);
  const published = await db
    .select()
    .from(learnings)
    .where(and(inWorkspace(learnings), inArray(learnings.cycleId, cycleIds.length ? cycleIds : [''])));
  return assembleChain(start.id, { ...rows, learnings: published } satisfies ChainRows)!;
}
