import { eq } from 'drizzle-orm';
import { sessions } from '../../db/schema';
import type { D1Connection } from '../d1/connection';
import { nowIso, type Db } from '../db';
import type { Actor } from '../env';
import { ApiError } from '../http/errors';
import { knownZone } from '../reviews/week';
import { randomToken, sha256Hex } from './crypto';

export const SESSION_COOKIE = 'hadi_session';
export const SESSION_DAYS = 30;

export async function startSession(db: Db, memberId: string) {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
  await db.insert(sessions).values({ tokenHash: await sha256Hex(token), memberId, expiresAt });
  return token;
}

export async function endSession(db: Db, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export const endSessionStatement = (db: Db, tokenHash: string) =>
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));

/**
 * Session → the person → their membership in `workspaceId` (the workspace the client asks for with the
 * X-Hadi-Workspace header) or, without one, in the workspace the session was started or switched into.
 * One statement with one name per column, so it can share a batch with the first read (speculation.ts).
 */
export const sessionActorStatement = (connection: D1Connection, tokenHash: string, workspaceId?: string) =>
  connection
    .prepare(
      `select m.id as id, m.workspace_id as workspaceId, m.role as role, m.status as status, u.id as userId,
              u.name as name, sm.workspace_id as sessionWorkspaceId, w.time_zone as timeZone
       from sessions s join members sm on sm.id = s.member_id join users u on u.id = sm.user_id
       left join members m on m.user_id = u.id and m.workspace_id = coalesce(?, sm.workspace_id)
       left join workspaces w on w.id = m.workspace_id
       where s.token_hash = ? and s.expires_at > ? limit 1`,
    )
    .bind(workspaceId ?? null, tokenHash, nowIso());

/**
 * Expired sessions, and memberships that were left, disabled or never accepted, do not authenticate (null):
 * leaving or being removed takes effect on the very next request. Another workspace asked for that the person
 * is not an active member of is a 403 (the same for a workspace that does not exist).
 */
export function sessionActorFromRow(row: Record<string, unknown> | undefined): Actor | null {
  if (!row) return null;
  const ownWorkspace = !row.workspaceId || row.workspaceId === row.sessionWorkspaceId;
  if (row.status === 'active') return actorFromRow('member', row);
  if (ownWorkspace && row.workspaceId) return null;
  throw notAMember();
}

/** The actor behind an API token (revoked tokens do not authenticate). */
export const tokenActorStatement = (connection: D1Connection, tokenHash: string) =>
  connection
    .prepare(
      `select t.id as id, t.workspace_id as workspaceId, t.role as role, null as userId, t.name as name,
              w.time_zone as timeZone
       from api_tokens t join workspaces w on w.id = t.workspace_id
       where t.token_hash = ? and t.revoked_at is null limit 1`,
    )
    .bind(tokenHash);

export function actorFromRow(type: Actor['type'], row: Record<string, unknown> | undefined): Actor | null {
  if (!row) return null;
  const { id, workspaceId, role, userId, name, timeZone } = row as Omit<Actor, 'type'>;
  return { type, id, workspaceId, role, userId: userId ?? null, name, timeZone: knownZone(timeZone) };
}

export async function actorFromSession(db: Db, tokenHash: string, workspaceId?: string): Promise<Actor | null> {
  const { results } = await sessionActorStatement(db.$client, tokenHash, workspaceId).all();
  return sessionActorFromRow(results[0]);
}

export async function actorFromToken(db: Db, token: string): Promise<Actor | null> {
  const { results } = await tokenActorStatement(db.$client, await sha256Hex(token)).all();
  return actorFromRow('token', results[0]);
}

export const notAMember = () =>
  new ApiError(403, 'not_a_member', 'You are not a member of that workspace (or you left it, or were removed)');
