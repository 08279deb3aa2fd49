import { eq } from 'drizzle-orm';
import { sessions } from '../../db/schema';
import type { D1Connection } from '../d1/connection';
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

/**
 * The actor behind a session: session → active member → user, one statement. Expired sessions and disabled
 * members do not authenticate. Plain SQL with one name per column, so it can share a batch (speculation.ts).
 */
export const sessionActorStatement = (connection: D1Connection, tokenHash: string) =>
  connection
    .prepare(
      `select m.id as id, m.workspace_id as workspaceId, m.role as role, u.id as userId, u.name as name
       from sessions s join members m on m.id = s.member_id join users u on u.id = m.user_id
       where s.token_hash = ? and s.expires_at > ? and m.status = 'active' limit 1`,
    )
    .bind(tokenHash, nowIso());

/** The actor behind an API token (revoked tokens do not authenticate). */
export const tokenActorStatement = (connection: D1Connection, tokenHash: string) =>
  connection
    .prepare(
      `select id, workspace_id as workspaceId, role, null as userId, name
       from api_tokens where token_hash = ? and revoked_at is null limit 1`,
    )
    .bind(tokenHash);

export function actorFromRow(type: Actor['type'], row: Record<string, unknown> | undefined): Actor | null {
  if (!row) return null;
  const { id, workspaceId, role, userId, name } = row as Omit<Actor, 'type'>;
  return { type, id, workspaceId, role, userId: userId ?? null, name };
}

export async function actorFromSession(db: Db, tokenHash: string): Promise<Actor | null> {
  const { results } = await sessionActorStatement(db.$client, tokenHash).all();
  return actorFromRow('member', results[0]);
}

export async function actorFromToken(db: Db, token: string): Promise<Actor | null> {
  const { results } = await tokenActorStatement(db.$client, await sha256Hex(token)).all();
  return actorFromRow('token', results[0]);
}
