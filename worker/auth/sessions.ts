import { and, eq, gt, isNull } from 'drizzle-orm';
import { apiTokens, members, sessions, users } from '../../db/schema';
import { nowIso, type Db } from '../db';
import type { Actor } from '../env';
import { ApiError } from '../http/errors';
import { activeMembership } from '../workspaces/queries';
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
 * Session → the person → their active membership in `workspaceId` (the workspace the client asks for with the
 * X-Hadi-Workspace header) or, without one, in the workspace the session was started or switched into.
 * Expired sessions, and memberships that were left, disabled or never accepted, do not authenticate:
 * leaving or being removed takes effect on the very next request. A workspace asked for that the person is not
 * an active member of is a 403 (the same for a workspace that does not exist).
 */
export async function actorFromSession(db: Db, tokenHash: string, workspaceId?: string): Promise<Actor | null> {
  const [row] = await db
    .select({
      id: members.id,
      workspaceId: members.workspaceId,
      role: members.role,
      status: members.status,
      userId: users.id,
      name: users.name,
    })
    .from(sessions)
    .innerJoin(members, eq(members.id, sessions.memberId))
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, nowIso())))
    .limit(1);
  if (!row) return null;
  const { status, ...member } = row;
  if (!workspaceId || workspaceId === member.workspaceId)
    return status === 'active' ? { type: 'member', ...member } : null;
  const other = await activeMembership(db, member.userId, workspaceId);
  if (!other) throw notAMember();
  return { type: 'member', ...other };
}

export async function actorFromToken(db: Db, token: string): Promise<Actor | null> {
  const [row] = await db
    .select({ id: apiTokens.id, workspaceId: apiTokens.workspaceId, role: apiTokens.role, name: apiTokens.name })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, await sha256Hex(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row ? { type: 'token', userId: null, ...row } : null;
}

export const notAMember = () =>
  new ApiError(403, 'not_a_member', 'You are not a member of that workspace (or you left it, or were removed)');
