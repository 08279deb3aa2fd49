import { and, asc, count, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { members, ROLES, users } from '../../db/schema';
import { requireRole } from '../auth/middleware';
import { email, personName } from '../auth/schemas';
import type { Db } from '../db';
import type { AppEnv } from '../env';
import { idParam, versionField } from '../http/common';
import { conflict, notFound } from '../http/errors';
import { valid } from '../http/validate';
import { inviteMember } from './invite';
import { expectedVersion } from '../records/version-header';
import { updateVersioned } from '../records/versioned';

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
};

async function findMember(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select({ member: members })
    .from(members)
    .where(and(eq(members.id, id), eq(members.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw notFound('Member');
  return row.member;
}

async function activeAdmins(db: Db, workspaceId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.role, 'admin'), eq(members.status, 'active')));
  return row?.n ?? 0;
}

export const membersRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
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
    const { memberId, inviteToken } = await inviteMember(db, actor, body);
    const [member] = await db
      .select(memberView)
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(eq(members.id, memberId));
    const base = c.env.APP_URL || new URL(c.req.url).origin;
    return c.json({ member: member!, inviteToken, inviteUrl: `${base}/invite/${inviteToken}` }, 201);
  })
  .patch('/:id', requireRole('admin'), valid('param', idParam), valid('json', updateBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const { version, ...patch } = c.req.valid('json');
    const current = await findMember(db, actor.workspaceId, c.req.valid('param').id);
    const demotesAdmin =
      current.role === 'admin' &&
      current.status === 'active' &&
      ((patch.role && patch.role !== 'admin') || patch.status === 'disabled');
    if (demotesAdmin && (await activeAdmins(db, actor.workspaceId)) <= 1) {
      throw conflict('A workspace needs at least one active admin', current, 'last_admin');
    }
    const updated = await updateVersioned(
      db,
      actor,
      members,
      'member',
      current,
      expectedVersion(c.req.header('if-match'), version),
      patch,
    );
    return c.json({ ...updated, inviteTokenHash: undefined });
  });
