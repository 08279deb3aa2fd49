import { and, asc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { members, ROLES, sessions, users } from '../../db/schema';
import { requireRole } from '../auth/middleware';
import { email, personName } from '../auth/schemas';
import type { Db } from '../db';
import type { AppEnv } from '../env';
import { idParam, versionField } from '../http/common';
import { ApiError, conflict, notFound } from '../http/errors';
import { valid } from '../http/validate';
import { inviteMember, newInviteLink } from './invite';
import { expectedVersion } from '../records/version-header';
import { updateVersioned } from '../records/versioned';
import { activeAdmins, removesActiveAdmin, statusAfter, stillHasActiveAdmin } from './admins';

const inviteBody = z.object({ email, name: personName, role: z.enum(ROLES) });
const updateBody = z.object({
  role: z.enum(ROLES).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  ...versionField,
});

const memberView = {
  id: members.id,
  role: members.role,
  status: members.status,
  version: members.version,
  createdAt: members.createdAt,
  userId: users.id,
  // Until the person joins, the workspace sees only the name its admin typed, never the account's own.
  name: sql<string>`CASE WHEN ${members.status} = 'invited' THEN coalesce(${members.inviteName}, ${users.name}) ELSE ${users.name} END`,
  email: users.email,
  inviteExpiresAt: members.inviteExpiresAt,
};

/** Where invite links point: the configured app URL, else this request's origin. */
const appBase = (c: { env: AppEnv['Bindings']; req: { url: string } }) => c.env.APP_URL || new URL(c.req.url).origin;

async function findMember(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select({ member: members })
    .from(members)
    .where(and(eq(members.id, id), eq(members.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw notFound('Member');
  return row.member;
}

export const membersRoutes = new Hono<AppEnv>()
  .get('/', describeRoute({ summary: 'Members of the workspace' }), async (c) => {
    const items = await c
      .get('db')
      .select(memberView)
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(eq(members.workspaceId, c.get('actor').workspaceId))
      .orderBy(asc(memberView.name));
    return c.json({ items, nextCursor: null });
  })
  /**
   * Invite: the response carries the one-time invite token and link; only its hash is stored. The answer has the
   * same shape whether the email is new, pending elsewhere or an existing account, and echoes only what the admin
   * sent. Only an invite that creates the account may set its password (see accept-invite).
   */
  .post('/', requireRole('admin'), valid('json', inviteBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const body = c.req.valid('json');
    const { memberId, inviteToken, inviteUrl } = await inviteMember(db, actor, body, appBase(c));
    const [member] = await db
      .select(memberView)
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(eq(members.id, memberId));
    return c.json({ member: member!, inviteToken, inviteUrl }, 201);
  })
  /** A fresh invite link for someone who has not joined yet (the old link stops working). */
  .post('/:id/invite-link', requireRole('admin'), valid('param', idParam), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const current = await findMember(db, actor.workspaceId, c.req.valid('param').id);
    if (current.status !== 'invited')
      throw conflict('Only someone who has not joined yet gets an invite link', undefined, 'not_invited');
    const { inviteToken, inviteUrl, inviteTokenHash, inviteExpiresAt } = await newInviteLink(appBase(c));
    await updateVersioned(
      db,
      actor,
      members,
      'member',
      current,
      current.version,
      { inviteTokenHash, inviteExpiresAt },
      { action: 'renew_invite' },
    );
    const [member] = await db
      .select(memberView)
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(eq(members.id, current.id));
    return c.json({ member: member!, inviteToken, inviteUrl });
  })
  .patch('/:id', requireRole('admin'), valid('param', idParam), valid('json', updateBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const { version, ...patch } = c.req.valid('json');
    const current = await findMember(db, actor.workspaceId, c.req.valid('param').id);
    const lastAdmin = () => conflict('A workspace needs at least one active admin', current, 'last_admin');
    const demotesAdmin = removesActiveAdmin(current, patch);
    if (demotesAdmin && (await activeAdmins(db, actor.workspaceId)) <= 1) throw lastAdmin();
    const expected = expectedVersion(c.req.header('if-match'), version);
    const status = statusAfter(current, patch.status);
    let updated: typeof current;
    try {
      updated = await updateVersioned(
        db,
        actor,
        members,
        'member',
        current,
        expected,
        { ...patch, ...(status ? { status } : {}) },
        {
          extra: [
            ...(demotesAdmin ? [stillHasActiveAdmin(db, actor.workspaceId)] : []),
            // Disabling ends every session, so re-enabling later never revives a session from before.
            ...(status === 'disabled' ? [db.delete(sessions).where(eq(sessions.memberId, current.id))] : []),
          ],
        },
      );
    } catch (err) {
      // The version still matched, so the guard aborted the batch: another admin left at the same moment.
      const raced = err instanceof ApiError && err.code === 'version_conflict' && current.version === expected;
      if (demotesAdmin && raced && (await findMember(db, actor.workspaceId, current.id)).version === expected)
        throw lastAdmin();
      throw err;
    }
    return c.json({ ...updated, inviteTokenHash: undefined });
  });
