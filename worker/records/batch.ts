import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db';

const STALE_MARKER = 'hadi-stale-write';

/**
 * A statement that aborts the whole D1 batch unless the statement just before it changed exactly one row.
 * D1 has no interactive transactions; this turns "UPDATE … WHERE version = ?" into a compare-and-swap
 * whose loser rolls back everything it would have written beside it (audit, learning, follow-ups).
 * json() of a non-JSON string raises an error, which is what aborts the batch.
 */
export const expectOneChange = (db: Db) => abortUnless(db, 'changes() = 1');

/**
 * The general form: abort the batch unless a (parameter-free, trusted) SQL condition holds at this point.
 * Parameter-free because drizzle's D1 batch cannot bind parameters of raw statements.
 */
export const abortUnless = (db: Db, condition: string) =>
  db.run(sql.raw(`SELECT json(CASE WHEN ${condition} THEN '1' ELSE '${STALE_MARKER}' END)`));

export class StaleWrite extends Error {}

const isStale = (err: unknown) => {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (/malformed JSON/i.test(e.message)) return true;
  return false;
};

/** Runs statements atomically; a failed guard surfaces as StaleWrite so routes answer 409. */
export async function runAtomic(db: Db, statements: BatchItem<'sqlite'>[]) {
  if (statements.length === 0) return [];
  try {
    return await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  } catch (err) {
    if (isStale(err)) throw new StaleWrite('stale write');
    throw err;
  }
}
