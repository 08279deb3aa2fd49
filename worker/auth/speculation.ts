import type { D1Connection, Statement } from '../d1/connection';
import type { Actor } from '../env';

/**
 * Speculative authentication: one D1 round trip per read.
 *
 * The isolate remembers who was behind a session or token hash the last time it checked. The next request
 * runs as that actor, and the statement that checks it rides in the same D1 batch as the request's first read
 * (or runs alone before any write). The check is the same query as a cold sign-in, against the database as it
 * is at that moment, so nothing is cached in the trust sense: a logout, revocation, role change or disabled
 * member shows at once. When the check disagrees, the answer is thrown away and the request runs again on
 * the slow path (auth first, then the route), which is safe because nothing was written before the check.
 */
const remembered = new Map<string, Actor>();
const MAX_REMEMBERED = 2_000;

/** Thrown when the remembered actor is no longer who the database says; app.ts reruns the request. */
export class StaleActor extends Error {
  constructor() {
    super('remembered actor is stale');
  }
}

/** True when `err`, or what it wraps (drizzle wraps driver errors), is a stale guess. */
export function isStaleActor(err: unknown): boolean {
  for (let e = err; e instanceof Error; e = e.cause) if (e instanceof StaleActor) return true;
  return false;
}

/** Requests rerun after a stale guess: they authenticate the slow way. */
const slowPath = new WeakSet<Request>();
export const onSlowPath = (request: Request) => slowPath.has(request);
export function forSlowPath(request: Request): Request {
  slowPath.add(request);
  return request;
}

export function remember(key: string, actor: Actor) {
  remembered.delete(key);
  remembered.set(key, actor);
  if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
}

export const forget = (key: string) => remembered.delete(key);

/**
 * The remembered actor for `key`, with its check riding along on `connection`; null when there is none.
 * `statement` is the same query the slow path runs, and `toActor` reads its row the same way.
 */
export type ToActor = (row: Record<string, unknown> | undefined) => Actor | null;

export function speculate(connection: D1Connection, key: string, statement: Statement, toActor: ToActor) {
  const guess = remembered.get(key);
  if (!guess) return null;
  connection.rideAlong({
    statement,
    accept(rows) {
      const actual = confirmed(toActor, rows[0]);
      if (actual && sameActor(actual, guess)) return;
      remembered.delete(key);
      throw new StaleActor();
    },
  });
  return guess;
}

/** The actor the row names, or null where the slow path would refuse (a 401 or 403 it then answers itself). */
function confirmed(toActor: ToActor, row: Record<string, unknown> | undefined) {
  try {
    return toActor(row);
  } catch {
    return null;
  }
}

const sameActor = (a: Actor, b: Actor) =>
  a.id === b.id &&
  a.workspaceId === b.workspaceId &&
  a.role === b.role &&
  a.userId === b.userId &&
  a.name === b.name &&
  a.timeZone === b.timeZone;
