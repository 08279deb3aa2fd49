import { and, eq, lt, sql } from 'drizzle-orm';
import { programViews, workspaceRevisions } from '../../db/schema';
import type { Db } from '../db';

/**
 * The program view is computed once per change of the workspace's data: triggers bump `workspace_revisions` on
 * every write to a table it reads (migration 0017), and a stored view holds while its revision is current and
 * its key (window, objective, the local date, the time zone) matches.
 */
export type ViewKey = { from: string; to: string; objectiveId?: string; today: string; timeZone: string };
const keyOf = (k: ViewKey) => [k.from, k.to, k.objectiveId ?? '', k.today, k.timeZone].join('|');

const currentRevision = (workspaceId: string) =>
  sql`coalesce((select ${workspaceRevisions.revision} from ${workspaceRevisions} where ${workspaceRevisions.workspaceId} = ${workspaceId}), 0)`;

/** The stored view as JSON text when it still holds, else null. */
export async function storedProgramView(db: Db, workspaceId: string, key: ViewKey): Promise<string | null> {
  const [row] = await db
    .select({ view: programViews.view })
    .from(programViews)
    .where(
      and(
        eq(programViews.workspaceId, workspaceId),
        eq(programViews.viewKey, keyOf(key)),
        eq(programViews.revision, currentRevision(workspaceId)),
      ),
    );
  return row?.view ?? null;
}

/** The revision the data is at; read in the same batch as the view's queries, so the pair is consistent. */
export async function workspaceRevision(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db.select({ revision: sql<number>`${currentRevision(workspaceId)}` }).from(sql`(select 1)`);
  return row?.revision ?? 0;
}

/** Stores a computed view and drops the workspace's views of older revisions (they can never hold again). */
export function storeProgramView(db: Db, workspaceId: string, key: ViewKey, revision: number, view: string) {
  return [
    db
      .insert(programViews)
      .values({ workspaceId, viewKey: keyOf(key), revision, view })
      .onConflictDoUpdate({
        target: [programViews.workspaceId, programViews.viewKey],
        set: { revision: sql`excluded.revision`, view: sql`excluded.view` },
      }),
    db.delete(programViews).where(and(eq(programViews.workspaceId, workspaceId), lt(programViews.revision, revision))),
  ] as const;
}
