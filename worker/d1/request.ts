import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { BOOKMARK_HEADER } from './bookmarks';
import { D1Connection } from './connection';

export { BOOKMARK_HEADER };

/**
 * Read replicas through the D1 Sessions API. A client sends back the bookmark of its last answer and reads
 * from any replica at least that fresh (its own writes included); without one, any replica will do.
 */
const BOOKMARK = /^[\w.:=-]{1,200}$/;

export function openConnection(d1: D1Database, bookmark: string | undefined): D1Connection {
  const anchor = bookmark && BOOKMARK.test(bookmark) ? bookmark : 'first-unconstrained';
  return new D1Connection(typeof d1.withSession === 'function' ? d1.withSession(anchor) : d1);
}

/** The session's bookmark on every answer; with HADI_METER=1 also what the request cost in D1. */
export function reportUsage(c: Context<AppEnv>, connection: D1Connection) {
  const bookmark = connection.bookmark();
  if (bookmark) c.header(BOOKMARK_HEADER, bookmark);
  if (c.env.HADI_METER !== '1') return;
  const { roundTrips, statements, rowsRead, rowsWritten } = connection.usage;
  c.header('X-D1-Round-Trips', String(roundTrips));
  c.header('X-D1-Statements', String(statements));
  c.header('X-D1-Rows-Read', String(rowsRead));
  c.header('X-D1-Rows-Written', String(rowsWritten));
}

/** The execution context when there is one (app.request in tests has none). */
export function executionOf(c: Context<AppEnv>) {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}
