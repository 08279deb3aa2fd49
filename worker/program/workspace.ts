import { eq } from 'drizzle-orm';
import { workspaces } from '../../db/schema';
import type { Db } from '../db';
import { isTimeZone } from '../reviews/week';

/** The workspace's settings the rhythm reads: its time zone (UTC if the stored one is unknown) and currency. */
export async function workspaceSettings(db: Db, workspaceId: string) {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  if (!row) throw new Error(`workspace ${workspaceId} not found`);
  return { ...row, timeZone: isTimeZone(row.timeZone) ? row.timeZone : 'UTC' };
}
