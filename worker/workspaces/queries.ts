import { and, asc, eq, gt } from 'drizzle-orm';
import { members, users, workspaces } from '../../db/schema';
import { nowIso, type Db } from '../db';

/** What a person sees of each workspace they belong to (the switcher): nothing of anyone else's. */
export const membershipView = {
  id: workspaces.id,
  name: workspaces.name,
  role: members.role,
  currency: workspaces.currency,
  timeZone: workspaces.timeZone,
};

/** The workspaces a person is an active member of, by name. */
export function memberships(db: Db, userId: string) {
  return db
    .select(membershipView)
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(eq(members.userId, userId), eq(members.status, 'active')))
    .orderBy(asc(workspaces.name), asc(workspaces.id));
}

/** The person's active membership in one workspace, or undefined (not a member, invited, left or removed). */
export async function activeMembership(db: Db, userId: string, workspaceId: string) {
  const [row] = await db
    .select({
      id: members.id,
      workspaceId: members.workspaceId,
      role: members.role,
      userId: users.id,
      name: users.name,
      timeZone: workspaces.timeZone,
    })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(eq(members.userId, userId), eq(members.workspaceId, workspaceId), eq(members.status, 'active')))
    .limit(1);
  return row;
}

/** Invitations waiting for a signed-in person (later invites to an existing account are accepted here). */
export function openInvites(db: Db, userId: string) {
  return db
    .select({
      id: members.id,
      workspaceId: workspaces.id,
      workspace: workspaces.name,
      role: members.role,
      expiresAt: members.inviteExpiresAt,
      version: members.version,
    })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(eq(members.userId, userId), eq(members.status, 'invited'), gt(members.inviteExpiresAt, nowIso())))
    .orderBy(asc(members.createdAt));
}

export const settingsView = {
  id: workspaces.id,
  name: workspaces.name,
  currency: workspaces.currency,
  timeZone: workspaces.timeZone,
  version: workspaces.version,
  createdAt: workspaces.createdAt,
};

export async function workspaceSettings(db: Db, workspaceId: string) {
  const [row] = await db.select(settingsView).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return row;
}
