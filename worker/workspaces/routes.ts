import { and, eq, ne, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { deleteCookie } from 'hono/cookie';
import { members, sessions, workspaces } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { requireRole } from '../auth/middleware';
import { personOf } from '../auth/person';
import { checkRateLimit } from '../auth/rate-limit';
import { SESSION_COOKIE } from '../auth/sessions';
import { signIn } from '../auth/sign-in';
import type { AppEnv } from '../env';
import { conflict, notFound } from '../http/errors';
import { valid } from '../http/validate';
import { expectOneChange, runAtomic, StaleWrite } from '../records/batch';
import { expectedVersion } from '../records/version-header';
import { createWorkspaceFor } from './create';
import { memberships, workspaceSettings } from './queries';
import { createWorkspaceBody, workspaceSettingsBody } from './schemas';

/** The workspaces of the signed-in person (`/api/workspaces`): list them and start new ones. */
export const workspacesRoutes = new Hono<AppEnv>()
  .get('/', describeRoute({ summary: 'The workspaces of the signed-in person' }), async (c) => {
    const actor = c.get('actor');
    if (actor.type === 'token') {
      // A token sees only the workspace it is bound to.
      const own = await workspaceSettings(c.get('db'), actor.workspaceId);
      return c.json({
        items: own
          ? [{ id: own.id, name: own.name, role: actor.role, currency: own.currency, timeZone: own.timeZone }]
          : [],
      });
    }
    return c.json({ items: await memberships(c.get('db'), personOf(actor).userId) });
  })
  .post('/', valid('json', createWorkspaceBody), async (c) => {
    const db = c.get('db');
    const person = personOf(c.get('actor'));
    await checkRateLimit(db, `workspace:create:${person.userId}`, { attempts: 20, windowSeconds: 60 * 60 });
    const { workspaceId } = await createWorkspaceFor(db, person.userId, c.req.valid('json'));
    const created = (await memberships(db, person.userId)).find((w) => w.id === workspaceId);
    return c.json(created!, 201);
  });

/** The workspace the request acts in (`/api/workspace`): its settings, and leaving it. */
export const workspaceRoutes = new Hono<AppEnv>()
  .get('/', describeRoute({ summary: 'Settings of the workspace the request acts in' }), async (c) => {
    const settings = await workspaceSettings(c.get('db'), c.get('actor').workspaceId);
    if (!settings) throw notFound('Workspace');
    return c.json(settings);
  })
  /** Name, currency and time zone: admins, compare-and-swap on `version`, audited in the same batch. */
  .patch('/', requireRole('admin'), valid('json', workspaceSettingsBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const { version, ...patch } = c.req.valid('json');
    const current = await workspaceSettings(db, actor.workspaceId);
    if (!current) throw notFound('Workspace');
    const expected = expectedVersion(c.req.header('if-match'), version);
    if (current.version !== expected)
      throw conflict(
        `The workspace settings were changed by someone else (you edited version ${expected}, it is now ${current.version})`,
        current,
        'version_conflict',
      );
    const after = { ...current, ...patch, version: current.version + 1 };
    try {
      await runAtomic(db, [
        db
          .update(workspaces)
          .set({ ...patch, version: after.version })
          .where(and(eq(workspaces.id, actor.workspaceId), eq(workspaces.version, current.version))),
        expectOneChange(db),
        auditInsert(db, actor, {
          action: 'update',
          entity: 'workspace',
          entityId: actor.workspaceId,
          before: current,
          after,
        }),
      ]);
    } catch (err) {
      if (!(err instanceof StaleWrite)) throw err;
      throw conflict(
        'The workspace settings were changed by someone else at the same moment; review them and try again',
        await workspaceSettings(db, actor.workspaceId),
        'version_conflict',
      );
    }
    return c.json((await workspaceSettings(db, actor.workspaceId))!);
  })
  /**
   * Leave this workspace: the membership is disabled and its sessions end, so it takes effect on the next
   * request. The last active admin cannot leave (checked inside the batch, so two admins leaving at once
   * cannot both succeed). The browser moves on to the person's next workspace, or is signed out.
   */
  .post('/leave', describeRoute({ summary: 'Leave this workspace' }), async (c) => {
    const db = c.get('db');
    const actor = personOf(c.get('actor'));
    const otherAdmins = sql`(SELECT count(*) FROM ${members} m WHERE m.workspace_id = ${actor.workspaceId} AND m.role = 'admin' AND m.status = 'active' AND m.id <> ${actor.id})`;
    try {
      await runAtomic(db, [
        db
          .update(members)
          .set({ status: 'disabled', version: sql`${members.version} + 1`, updatedAt: new Date().toISOString() })
          .where(
            and(
              eq(members.id, actor.id),
              eq(members.status, 'active'),
              sql`(${members.role} <> 'admin' OR ${otherAdmins} > 0)`,
            ),
          ),
        expectOneChange(db),
        db.delete(sessions).where(eq(sessions.memberId, actor.id)),
        auditInsert(db, actor, {
          action: 'leave',
          entity: 'member',
          entityId: actor.id,
          before: { status: 'active' },
          after: { status: 'disabled' },
        }),
      ]);
    } catch (err) {
      if (!(err instanceof StaleWrite)) throw err;
      throw conflict('You are the last admin: make someone else an admin before you leave', undefined, 'last_admin');
    }
    const [next] = (await memberships(db, actor.userId)).filter((w) => w.id !== actor.workspaceId);
    if (!next) {
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
      return c.json({ left: actor.workspaceId, me: null });
    }
    const [member] = await db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.workspaceId, next.id), eq(members.userId, actor.userId), ne(members.status, 'invited')));
    return c.json({ left: actor.workspaceId, me: await signIn(c, member!.id) });
  });
