import { and, eq } from 'drizzle-orm';
import { members, type Role, users } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { randomToken, sha256Hex } from '../auth/crypto';
import { newId, type Db } from '../db';
import type { Actor } from '../env';
import { conflict } from '../http/errors';
import { runAtomic } from '../records/batch';

export const INVITE_DAYS = 7;

/** A one-time invite token (only its hash is stored), its link under `base`, and when it expires. */
export async function newInviteLink(base: string) {
  const inviteToken = randomToken();
  return {
    inviteToken,
    inviteUrl: `${base}/invite/${inviteToken}`,
    inviteTokenHash: await sha256Hex(inviteToken),
    inviteExpiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000).toISOString(),
  };
}

const isUniqueViolation = (err: unknown) => {
  for (let e: unknown = err; e instanceof Error; e = e.cause)
    if (/UNIQUE constraint failed/i.test(e.message)) return true;
  return false;
};

/**
 * Invites an email into the actor's workspace. A new email gets an account whose password only this invite may
 * set; an email that already has an account (active, or pending another workspace's invite) gets a membership
 * the person accepts with their own password. Two workspaces inviting the same new email at the same moment:
 * one creates the account, the other becomes a later invite (retried once as such), never a 500.
 */
export async function inviteMember(db: Db, actor: Actor, body: InviteBody, base: string) {
  try {
    return await inviteOnce(db, actor, body, base);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return inviteOnce(db, actor, body, base);
  }
}

type InviteBody = { email: string; name: string; role: Role };

async function inviteOnce(db: Db, actor: Actor, body: InviteBody, base: string) {
  const address = body.email.toLowerCase();
  const [existingUser] = await db.select({ id: users.id }).from(users).where(eq(users.email, address)).limit(1);
  if (existingUser) {
    const [already] = await db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.userId, existingUser.id), eq(members.workspaceId, actor.workspaceId)))
      .limit(1);
    if (already) throw conflict('This person is already a member of the workspace', undefined, 'already_member');
  }
  const userId = existingUser?.id ?? newId();
  const memberId = newId();
  const { inviteToken, inviteUrl, inviteTokenHash, inviteExpiresAt } = await newInviteLink(base);
  await runAtomic(db, [
    ...(existingUser ? [] : [db.insert(users).values({ id: userId, email: address, name: body.name })]),
    db.insert(members).values({
      id: memberId,
      workspaceId: actor.workspaceId,
      userId,
      role: body.role,
      status: 'invited',
      inviteTokenHash,
      inviteExpiresAt,
      inviteSetsPassword: !existingUser,
      inviteName: body.name,
    }),
    auditInsert(db, actor, {
      action: 'invite',
      entity: 'member',
      entityId: memberId,
      after: { email: address, role: body.role },
    }),
  ]);
  return { memberId, inviteToken, inviteUrl };
}
