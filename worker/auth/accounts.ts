import { and, asc, eq, gt } from 'drizzle-orm';
import { members, users, workspaces } from '../../db/schema';
import { nowIso, type Db } from '../db';
import { hashPassword, sha256Hex, verifyPassword } from './crypto';

/** The active membership a password unlocks; `workspaceId` picks one when a person belongs to several. */
export async function memberForLogin(db: Db, email: string, password: string, workspaceId?: string) {
  const rows = await db
    .select({ member: members, user: users })
    .from(users)
    .innerJoin(members, eq(members.userId, users.id))
    .where(and(eq(users.email, email.trim().toLowerCase()), eq(members.status, 'active')))
    .orderBy(asc(members.createdAt));
  const row = workspaceId ? rows.find((r) => r.member.workspaceId === workspaceId) : rows[0];
  const user = row?.user ?? (await dummyUser());
  const ok = user.passwordHash
    ? await verifyPassword(password, {
        hash: user.passwordHash,
        salt: user.passwordSalt ?? '',
        iterations: user.passwordIterations ?? 0,
      })
    : false;
  return row && ok ? row.member : null;
}

// Unknown emails still cost one PBKDF2 run, so response time does not reveal which emails exist.
let dummy: { passwordHash: string; passwordSalt: string; passwordIterations: number } | undefined;
async function dummyUser() {
  if (!dummy) {
    const h = await hashPassword(crypto.randomUUID());
    dummy = { passwordHash: h.hash, passwordSalt: h.salt, passwordIterations: h.iterations };
  }
  return dummy;
}

/** A throwaway hash to verify against when there is no real one, so the answer takes as long either way. */
export async function dummyHash() {
  const d = await dummyUser();
  return { hash: d.passwordHash, salt: d.passwordSalt, iterations: d.passwordIterations };
}

export async function inviteByToken(db: Db, token: string) {
  const [row] = await db
    .select({ member: members, user: users })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      and(
        eq(members.inviteTokenHash, await sha256Hex(token)),
        eq(members.status, 'invited'),
        gt(members.inviteExpiresAt, nowIso()),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function profile(db: Db, memberId: string) {
  const [row] = await db
    .select({
      memberId: members.id,
      role: members.role,
      userId: users.id,
      name: users.name,
      email: users.email,
      workspaceId: workspaces.id,
      workspace: workspaces.name,
      currency: workspaces.currency,
      timeZone: workspaces.timeZone,
    })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(eq(members.id, memberId))
    .limit(1);
  return row ?? null;
}
