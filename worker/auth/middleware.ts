import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Role } from '../../db/schema';
import type { Actor, AppEnv } from '../env';
import { ApiError, forbidden, unauthorized } from '../http/errors';
import { ACCESS_HEADER, accessConfig, actorFromAccess } from './access';
import { sha256Hex } from './crypto';
import { hasRole } from './roles';
import type { D1Connection, Statement } from '../d1/connection';
import { activeMembership } from '../workspaces/queries';
import { knownZone } from '../reviews/week';
import { forget, onSlowPath, remember, speculate, type ToActor } from './speculation';
import {
  actorFromRow,
  notAMember,
  SESSION_COOKIE,
  sessionActorFromRow,
  sessionActorStatement,
  tokenActorStatement,
} from './sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * The workspace a request acts in. The PWA sends it on every call, so a write queued offline in one workspace
 * lands there even after the person switched to another (or switched in another tab) meanwhile.
 */
export const WORKSPACE_HEADER = 'x-hadi-workspace';

/**
 * Every /api route except health and sign-in goes through this: a bearer token, else a session cookie, else
 * (when configured) a Cloudflare Access assertion.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const connection = c.get('db').$client;
  // A remembered actor is checked in the same round trip as the first read (speculation.ts).
  const guess = !onSlowPath(c.req.raw);
  // A request with a body is kept as a copy (the route reads the body); one without is simply sent again.
  if (guess) c.set('retry', c.req.raw.body ? (c.req.raw.clone() as Request) : c.req.raw);
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  const workspaceId = c.req.header(WORKSPACE_HEADER)?.trim() || undefined;
  if (bearer) {
    const hash = await sha256Hex(bearer.trim());
    const actor = await resolve(connection, `t:${hash}`, tokenActorStatement(connection, hash), tokenActor, guess);
    if (!actor) throw unauthorized();
    if (workspaceId && workspaceId !== actor.workspaceId)
      throw new ApiError(403, 'token_workspace', 'An API token acts only in the workspace it was made in');
    c.set('actor', actor);
    c.set('sessionHash', null);
    return proceed(connection, next);
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  const sessionHash = cookie ? await sha256Hex(cookie) : null;
  let actor = sessionHash
    ? await resolve(
        connection,
        `s:${sessionHash}:${workspaceId ?? ''}`,
        sessionActorStatement(connection, sessionHash, workspaceId),
        sessionActorFromRow,
        guess,
      )
    : null;
  // No valid Hadi session: behind Cloudflare Access (and only when configured), its signed assertion signs in.
  const access = actor ? null : accessConfig(c.env);
  const assertion = access ? c.req.header(ACCESS_HEADER) : undefined;
  if (access && assertion) actor = await actorFromAccess(c.get('db'), assertion, access);
  if (!actor) throw unauthorized();
  if (assertion && workspaceId && workspaceId !== actor.workspaceId) {
    // Access names the person; the header picks which of their workspaces (never one they are not in).
    const other = actor.userId ? await activeMembership(c.get('db'), actor.userId, workspaceId) : undefined;
    if (!other) throw notAMember();
    actor = { type: 'member', ...other, timeZone: knownZone(other.timeZone) };
  }
  // The browser sends both the session cookie and the Access cookie (from which Access makes the header)
  // ambiently, so both get the same CSRF checks on writes.
  if (!SAFE_METHODS.has(c.req.method)) assertSameOriginWrite(c.req.raw, c.env.CORS_ORIGINS);
  c.set('actor', actor);
  c.set('sessionHash', assertion ? null : sessionHash);
  return proceed(connection, next);
};

const tokenActor: ToActor = (row) => actorFromRow('token', row);

/** The remembered actor (checked later, with the first read), else the one the database names now. */
async function resolve(
  connection: D1Connection,
  key: string,
  statement: Statement,
  toActor: ToActor,
  guess: boolean,
): Promise<Actor | null> {
  const remembered = guess ? speculate(connection, key, statement, toActor) : null;
  if (remembered) return remembered;
  const actor = toActor((await statement.all()).results[0] as Record<string, unknown> | undefined);
  if (actor) remember(key, actor);
  else forget(key);
  return actor;
}

/** Runs the route, then a check that no read carried (a route that never read, or wrote first). */
async function proceed(connection: D1Connection, next: () => Promise<void>) {
  await next();
  await connection.settle();
}

/**
 * CSRF defence for cookie-authenticated writes: the body must be JSON (a cross-site form cannot send that
 * without a CORS preflight we never grant) and a present Origin must be our own or an allowed one.
 */
export function assertSameOriginWrite(request: Request, allowed = '') {
  const type = request.headers.get('content-type') ?? '';
  const hasBody = request.headers.get('content-length') !== '0' && request.body !== null;
  if (hasBody && !type.toLowerCase().startsWith('application/json')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json)');
  }
  const origin = request.headers.get('origin');
  if (!origin) return;
  const own = new URL(request.url).origin;
  const ok =
    origin === own ||
    allowed
      .split(',')
      .map((o) => o.trim())
      .includes(origin);
  if (!ok) throw forbidden('Cross-site request refused');
}

export const requireRole =
  (role: Role): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!hasRole(c.get('actor').role, role)) throw forbidden(`This needs the ${role} role or higher`);
    return next();
  };
