import { and, asc, eq } from 'drizzle-orm';
import { Jwt } from 'hono/utils/jwt';
import { members, users, workspaces } from '../../db/schema';
import { knownZone } from '../reviews/week';
import type { Db } from '../db';
import type { Actor, Bindings } from '../env';
import { ApiError, forbidden } from '../http/errors';

/**
 * Optional sign-in through Cloudflare Access. When the app sits behind an Access application, Access puts a
 * signed JWT in `Cf-Access-Jwt-Assertion` on every request it lets through; we verify it against the team's
 * public keys and sign the request in as the active Hadi member with that email. Signature checks and claim
 * checks come from hono's JWT utilities (WebCrypto); this module only adds the Access specifics.
 */
export const ACCESS_HEADER = 'cf-access-jwt-assertion';

export type AccessConfig = { teamDomain: string; aud: string };
export type AccessJwk = JsonWebKey & { kid?: string };
/** Returns the team's signing keys; `refresh` asks for a fresh copy (the token named a key we have not seen). */
export type FetchKeys = (options: { refresh: boolean }) => Promise<AccessJwk[]>;
export type AccessClaims = {
  email?: string;
  sub?: string;
  iss: string;
  aud: string | string[];
  exp: number;
  [claim: string]: unknown;
};

export class AccessJwtError extends Error {}

/**
 * Access is on only when both settings are present. Without them the header is ignored entirely: a Worker
 * that is not behind Access must not trust a header anyone can send (and has no keys to check it against).
 */
export function accessConfig(env: Pick<Bindings, 'ACCESS_TEAM_DOMAIN' | 'ACCESS_AUD'>): AccessConfig | null {
  const domain = env.ACCESS_TEAM_DOMAIN?.trim();
  const aud = env.ACCESS_AUD?.trim();
  if (!domain || !aud) return null;
  // `iss` is exactly `https://<team>.cloudflareaccess.com`, so normalise what people tend to paste.
  const teamDomain = (/^https?:\/\//i.test(domain) ? domain : `https://${domain}`).replace(/\/+$/, '');
  return { teamDomain, aud };
}

/**
 * Verifies an Access JWT: RS256 only (no `none`, no HMAC with the public key as secret), a key the team
 * publishes (matched by `kid`), `iss` = team domain, `aud` contains our application's AUD tag, and a
 * present, unexpired `exp` (hono checks `exp`/`nbf`/`iat` when present; Access always sets `exp`, so a
 * token without one is not an Access token). Throws AccessJwtError on any failure.
 */
export async function verifyAccessJwt(
  token: string,
  options: AccessConfig & { fetchKeys: FetchKeys },
): Promise<AccessClaims> {
  let kid: string | undefined;
  try {
    kid = Jwt.decode(token).header.kid;
  } catch {
    throw new AccessJwtError('Malformed Access token');
  }
  if (!kid) throw new AccessJwtError('Access token has no key id');
  let keys = await options.fetchKeys({ refresh: false });
  // Access rotates its keys; a token signed with a key newer than our cached set gets one refetch.
  if (!keys.some((k) => k.kid === kid)) keys = await options.fetchKeys({ refresh: true });
  if (!keys.some((k) => k.kid === kid)) throw new AccessJwtError('Access token signed with an unknown key');
  let payload: Record<string, unknown>;
  try {
    payload = await Jwt.verifyWithJwks(token, {
      keys,
      allowedAlgorithms: ['RS256'],
      verification: { iss: options.teamDomain, aud: options.aud },
    });
  } catch (err) {
    throw new AccessJwtError(`Access token rejected: ${err instanceof Error ? err.name : 'invalid'}`);
  }
  if (typeof payload.exp !== 'number') throw new AccessJwtError('Access token has no expiry');
  return payload as AccessClaims;
}

const KEYS_TTL_MS = 5 * 60_000;
/** A forced refetch (unknown `kid`) at most this often: the header is unauthenticated input until verified. */
const REFRESH_MIN_INTERVAL_MS = 30_000;
const keyCache = new Map<string, { keys: AccessJwk[]; fetchedAt: number; pending?: Promise<AccessJwk[]> }>();

/** The real key source: `<team>/cdn-cgi/access/certs`, cached per isolate for a few minutes. */
export function accessCertsFetcher(teamDomain: string): FetchKeys {
  return async ({ refresh }) => {
    const now = Date.now();
    const cached = keyCache.get(teamDomain);
    if (cached?.pending) return cached.pending;
    if (cached && now - cached.fetchedAt < (refresh ? REFRESH_MIN_INTERVAL_MS : KEYS_TTL_MS)) return cached.keys;
    const pending = (async () => {
      const res = await fetch(`${teamDomain}/cdn-cgi/access/certs`, { headers: { accept: 'application/json' } });
      const body = res.ok ? ((await res.json()) as { keys?: unknown }) : null;
      if (!body || !Array.isArray(body.keys)) throw new Error(`Access certs request failed (${res.status})`);
      return body.keys as AccessJwk[];
    })();
    keyCache.set(teamDomain, { keys: cached?.keys ?? [], fetchedAt: cached?.fetchedAt ?? 0, pending });
    try {
      const keys = await pending;
      keyCache.set(teamDomain, { keys, fetchedAt: Date.now() });
      return keys;
    } catch (err) {
      // Keep serving the last good keys (if any) and retry on the next request rather than caching the failure.
      if (cached) keyCache.set(teamDomain, { keys: cached.keys, fetchedAt: cached.fetchedAt });
      else keyCache.delete(teamDomain);
      throw err;
    }
  };
}

/**
 * The Access identity → the person's active membership (the oldest one if they belong to several, as with
 * password sign-in). No auto-provisioning: Access says who someone is, Hadi's members list says what they may
 * do, so an Access identity without an active membership (never invited, or disabled) is refused.
 */
export async function actorFromAccess(
  db: Db,
  token: string,
  config: AccessConfig,
  fetchKeys = accessCertsFetcher(config.teamDomain),
): Promise<Actor> {
  let claims: AccessClaims;
  try {
    claims = await verifyAccessJwt(token, { ...config, fetchKeys });
  } catch (err) {
    if (err instanceof AccessJwtError)
      throw new ApiError(401, 'unauthorized', 'The Cloudflare Access sign-in could not be verified');
    console.error('access certs', err);
    throw new ApiError(
      503,
      'access_unavailable',
      'Could not reach Cloudflare Access to verify your sign-in; try again',
    );
  }
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!email)
    throw forbidden(
      'This Cloudflare Access identity has no email (service tokens cannot sign in; use a Hadi API token)',
    );
  const [row] = await db
    .select({
      id: members.id,
      workspaceId: members.workspaceId,
      role: members.role,
      userId: users.id,
      name: users.name,
      timeZone: workspaces.timeZone,
    })
    .from(users)
    .innerJoin(members, eq(members.userId, users.id))
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(eq(users.email, email), eq(members.status, 'active')))
    .orderBy(asc(members.createdAt))
    .limit(1);
  if (!row)
    throw forbidden(
      `${email} is signed in through Cloudflare Access but has no active Hadi membership; ask an admin to invite you`,
    );
  return { type: 'member', ...row, timeZone: knownZone(row.timeZone) };
}
