import { and, count, eq, sql } from 'drizzle-orm';
import { members } from '../../db/schema';
import type { Db } from '../db';

type MemberState = { role: string; status: string; inviteTokenHash: string | null };
type MemberPatch = { role?: string | undefined; status?: 'active' | 'disabled' | undefined };

/** True when the change leaves this member no longer an active admin (demoted or disabled). */
export const removesActiveAdmin = (current: MemberState, patch: MemberPatch) =>
  current.role === 'admin' &&
  current.status === 'active' &&
  ((patch.role !== undefined && patch.role !== 'admin') || patch.status === 'disabled');

/**
 * The status a member ends up in. Re-enabling someone who never accepted their invite puts them back to
 * "invited" (their link works again until it expires) instead of an active account without a password.
 */
export function statusAfter(current: MemberState, wanted: MemberPatch['status']) {
  if (wanted === 'active' && current.inviteTokenHash) return 'invited' as const;
  return wanted;
}

export async function activeAdmins(db: Db, workspaceId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.role, 'admin'), eq(members.status, 'active')));
  return row?.n ?? 0;
}

/**
 * A batch statement that aborts the batch (like expectOneChange) unless the workspace still has an active admin
 * after the statements before it: two admins demoting each other at the same moment cannot both win.
 */
export const stillHasActiveAdmin = (db: Db, workspaceId: string) =>
  db
    .select({ ok: sql`json(CASE WHEN count(*) >= 1 THEN '1' ELSE 'hadi-stale-write' END)` })
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.role, 'admin'), eq(members.status, 'active')));
