import { eq, inArray } from 'drizzle-orm';
import { type cycles, metrics, snapshots, workspaces } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { cycleMetricIds, ruleOf } from '../cycles/analysis';
import { snapshotProblems } from '../cycles/snapshot-rules';
import { newId, type Db } from '../db';
import type { Actor } from '../env';
import { ApiError, badRequest } from '../http/errors';
import { abortUnless, runAtomic } from '../records/batch';
import { decodeExport } from './decode';
import { diff, type FeedMetric, plan, type Point } from './feed';
import { parseExport } from './parse';
import { ImportError, type ParsedExport } from './types';

type Cycle = typeof cycles.$inferSelect;
type Stored = typeof snapshots.$inferSelect;
export type ImportBody = { content: string; encoding?: 'base64'; variants: Record<string, string>; dryRun: boolean };

const MAX_PARAMS = 100; // D1's limit of bound parameters per statement
const TOMORROW = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** The file read, or the ApiError a bad file deserves: 400 naming line and column, 413 when too large. */
function readFile(body: ImportBody): ParsedExport {
  try {
    return parseExport(decodeExport(body.content, body.encoding));
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    if (err.tooLarge) throw new ApiError(413, 'payload_too_large', err.message, { fields: err.fields });
    throw badRequest(err.message, err.fields);
  }
}

function assertFits(parsed: ParsedExport, cycle: Cycle, currency: string, variants: Record<string, string>) {
  if (parsed.currency && parsed.currency !== currency)
    throw badRequest(`The file is in ${parsed.currency} but this workspace reports in ${currency}`, {
      currency: `the file is in ${parsed.currency}; this workspace reports in ${currency}: export the report in ${currency}`,
    });
  const keys = cycle.variants.map((v) => v.key);
  const wrong = Object.entries(variants).filter(([, key]) => !keys.includes(key));
  if (wrong.length)
    throw badRequest(
      'A name is mapped to a variant this cycle does not have',
      Object.fromEntries(
        wrong.map(([name]) => [`variants.${name}`, `not a variant of this cycle (${keys.join(', ')})`]),
      ),
    );
  const future = parsed.rows.find((r) => r.date > TOMORROW());
  if (future)
    throw badRequest('The file has dates in the future', {
      [`line ${future.line}`]: `${future.date} is in the future`,
    });
}

/** Snapshots that break the snapshot rules (more conversions than clicks, say) are refused, named by variant, date and metric. */
function assertSound(points: Point[], watched: (typeof metrics.$inferSelect)[]) {
  const fields: Record<string, string> = {};
  for (const p of points) {
    const metric = watched.find((m) => m.id === p.metricId)!;
    for (const why of Object.values(snapshotProblems(p, metric)))
      fields[`${p.variantKey} on ${p.date}, ${metric.name}`] ??= why;
  }
  if (Object.keys(fields).length)
    throw badRequest(`Invalid ${Object.keys(fields)[0]}: ${Object.values(fields)[0]}`, fields);
}

/** Chunks rows so that each multi-row INSERT stays within D1's bound-parameter limit. */
function inserts(db: Db, rows: (typeof snapshots.$inferInsert)[]) {
  if (!rows.length) return [];
  const perRow = db.insert(snapshots).values(rows[0]!).toSQL().params.length;
  const size = Math.max(1, Math.floor(MAX_PARAMS / perRow));
  const out = [];
  for (let i = 0; i < rows.length; i += size) out.push(db.insert(snapshots).values(rows.slice(i, i + size)));
  return out;
}

/**
 * Reads an ad-platform export and turns it into the cycle's cumulative snapshots. A dry run only answers; a commit
 * writes new points, overwrites changed ones (a re-export of overlapping dates) and leaves identical ones alone,
 * all in one atomic batch with one audit entry, so the same file twice creates nothing.
 */
export async function importResults(db: Db, actor: Actor, cycle: Cycle, body: ImportBody, retried = false) {
  const parsed = readFile(body);
  const [workspace] = await db
    .select({ currency: workspaces.currency })
    .from(workspaces)
    .where(eq(workspaces.id, actor.workspaceId));
  assertFits(parsed, cycle, workspace?.currency ?? 'EUR', body.variants);
  const ids = cycleMetricIds(cycle, ruleOf(cycle));
  const [watched, stored] = await Promise.all([
    ids.length ? db.select().from(metrics).where(inArray(metrics.id, ids)) : Promise.resolve([]),
    db.select().from(snapshots).where(eq(snapshots.cycleId, cycle.id)),
  ]);
  const feedable: FeedMetric[] = watched.filter((m) => m.workspaceId === actor.workspaceId);
  const before = (metricId: string, variantKey: string, date: string) =>
    stored
      .filter((s) => s.metricId === metricId && s.variantKey === variantKey && s.date < date)
      .reduce<Stored | undefined>((latest, s) => (!latest || s.date > latest.date ? s : latest), undefined);
  let result: ReturnType<typeof plan>;
  try {
    result = plan(
      parsed,
      body.variants,
      cycle.variants.map((v) => v.key),
      feedable,
      before,
    );
  } catch (err) {
    if (err instanceof ImportError) throw badRequest(err.message, err.fields);
    throw err;
  }
  assertSound(result.points, watched);
  const { create, replace } = diff(result.points, stored);
  const answer = {
    platform: parsed.platform,
    rows: result.rows,
    skipped: result.skipped,
    totals: result.totals,
    snapshots: result.points.length,
    created: create.length,
    replaced: replace.length,
  };
  if (body.dryRun || (!create.length && !replace.length)) return answer;

  const dates = result.points.map((p) => p.date).sort();
  const values = create.map((p) => ({
    ...p,
    id: newId(),
    workspaceId: actor.workspaceId,
    cycleId: cycle.id,
    createdBy: actor.id,
  }));
  // The cycle may be closed between our read and this write: the batch then aborts as a whole.
  const stillOpen = /^[\w-]+$/.test(cycle.id)
    ? [abortUnless(db, `(SELECT status FROM cycles WHERE id = '${cycle.id}') IN ('running', 'review')`)]
    : [];
  try {
    await runAtomic(db, [
      ...stillOpen,
      ...inserts(db, values),
      ...replace.map(({ before: old, after }) =>
        db
          .update(snapshots)
          .set({ units: after.units, conversions: after.conversions, spend: after.spend, revenue: after.revenue })
          .where(eq(snapshots.id, old.id)),
      ),
      auditInsert(db, actor, {
        action: 'import',
        entity: 'cycle',
        entityId: cycle.id,
        before: replace.length ? { replaced: replace.map((r) => r.before) } : null,
        after: { ...answer, skipped: answer.skipped.length, from: dates[0], to: dates.at(-1) },
      }),
    ]);
  } catch (err) {
    // The same file sent twice at once: the other request stored these points first; answer as its replay would.
    if (retried || !/UNIQUE constraint failed/.test(String((err as Error)?.message) + String((err as Error)?.cause)))
      throw err;
    return importResults(db, actor, cycle, body, true);
  }
  return answer;
}
