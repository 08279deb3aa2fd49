import { and, eq, gt, isNull } from 'drizzle-orm';
import { apiTokens, members, sessions, users } from '../../db/schema';
import { nowIso, type Db } from '../db';
import type { Actor } from '../env';
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

/** One query: session → active member → user. Expired sessions and disabled members do not authenticate. */
export async function actorFromSession(db: Db, tokenHash: string): Promise<Actor | null> {
  const [row] = await db
    .select({
      id: members.id,
      workspaceId: members.workspaceId,
      role: members.role,
      userId: users.id,
      name: users.name,
    })
    .from(sessions)
    .innerJoin(members, eq(members.id, sessions.memberId))
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, nowIso()), eq(members.status, 'active')))
    .limit(1);
  return row ? { type: 'member', ...row } : null;
}

export async function actorFromToken(db: Db, token: string): Promise<Actor | null> {
  const [row] = await db
    .select({ id: apiTokens.id, workspaceId: apiTokens.workspaceId, role: apiTokens.role, name: apiTokens.name })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, await sha256Hex(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row ? { type: 'token', userId: null, ...row } : null;
}
