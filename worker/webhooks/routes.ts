import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { randomToken } from '../auth/crypto';
import { newId, nowIso } from '../db';
import type { AppEnv } from '../env';
import { idParam } from '../http/common';
import { badRequest, conflict } from '../http/errors';
import { valid } from '../http/validate';
import { expectOneChange, runAtomic, StaleWrite } from '../records/batch';
import { expectedVersion } from '../records/version-header';
import { auditable, endpointView, findEndpoint, inWorkspace, listDeliveries, listEndpoints } from './queries';
import { createWebhookBody, deliveriesQuery, updateWebhookBody } from './schemas';
import { checkWebhookUrl } from './url-policy';
import { and } from 'drizzle-orm';

const SECRET_PREFIX = 'whsec_';

/** The URL policy (worker/webhooks/url-policy.ts) as a 400 naming the field. */
function allowedUrl(raw: string, allowLoopback: string | undefined) {
  const verdict = checkWebhookUrl(raw, allowLoopback === '1');
  if (!verdict.ok) throw badRequest(`Invalid url: ${verdict.reason}`, { url: verdict.reason });
  return verdict.url.toString();
}

/**
 * Outgoing webhooks (admins only: mounted behind requireRole('admin')). The signing secret is in the answer to
 * the POST that creates the endpoint and nowhere else, ever; audit entries leave it out too.
 */
export const webhooksRoutes = new Hono<AppEnv>()
  .get('/', async (c) =>
    c.json({ items: await listEndpoints(c.get('db'), c.get('actor').workspaceId), nextCursor: null }),
  )
  .post('/', valid('json', createWebhookBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const body = c.req.valid('json');
    const row = {
      id: newId(),
      workspaceId: actor.workspaceId,
      url: allowedUrl(body.url, c.env.WEBHOOKS_ALLOW_LOOPBACK),
      events: body.events,
      secret: SECRET_PREFIX + randomToken(),
      createdBy: actor.id,
    };
    const [, , stored] = await runAtomic(db, [
      db.insert(webhookEndpoints).values(row),
      auditInsert(db, actor, { action: 'create', entity: 'webhook', entityId: row.id, after: auditable(row as never) }),
      db.select().from(webhookEndpoints).where(inWorkspace(actor.workspaceId, row.id)),
    ]);
    const endpoint = (stored as (typeof webhookEndpoints.$inferSelect)[])[0]!;
    return c.json({ ...endpointView(endpoint), secret: row.secret }, 201);
  })
  .patch('/:id', valid('param', idParam), valid('json', updateWebhookBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const { version, enabled, ...patch } = c.req.valid('json');
    const current = await findEndpoint(db, actor.workspaceId, c.req.valid('param').id);
    const expected = expectedVersion(c.req.header('if-match'), version ?? current.version);
    if (expected !== current.version)
      throw conflict(
        'This webhook was changed by someone else; review it and try again',
        endpointView(current),
        'version_conflict',
      );
    const set = {
      ...(patch.url !== undefined ? { url: allowedUrl(patch.url, c.env.WEBHOOKS_ALLOW_LOOPBACK) } : {}),
      ...(patch.events !== undefined ? { events: patch.events } : {}),
      // Re-enabling starts the failure clock afresh.
      ...(enabled ? { disabledAt: null, disabledReason: null, failingSince: null } : {}),
      updatedAt: nowIso(),
      version: current.version + 1,
    };
    try {
      const results = await runAtomic(db, [
        db
          .update(webhookEndpoints)
          .set(set)
          .where(and(inWorkspace(actor.workspaceId, current.id), eq(webhookEndpoints.version, current.version))),
        expectOneChange(db),
        auditInsert(db, actor, {
          action: enabled && current.disabledAt ? 'enable' : 'update',
          entity: 'webhook',
          entityId: current.id,
          before: auditable(current),
          after: auditable({ ...current, ...set }),
        }),
        db.select().from(webhookEndpoints).where(inWorkspace(actor.workspaceId, current.id)),
      ]);
      const [updated] = results.at(-1) as (typeof webhookEndpoints.$inferSelect)[];
      return c.json(endpointView(updated!));
    } catch (err) {
      if (!(err instanceof StaleWrite)) throw err;
      const latest = await findEndpoint(db, actor.workspaceId, current.id);
      throw conflict(
        'This webhook was changed by someone else at the same moment',
        endpointView(latest),
        'version_conflict',
      );
    }
  })
  .delete('/:id', valid('param', idParam), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const current = await findEndpoint(db, actor.workspaceId, c.req.valid('param').id);
    await runAtomic(db, [
      db.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, current.id)),
      db.delete(webhookEndpoints).where(inWorkspace(actor.workspaceId, current.id)),
      auditInsert(db, actor, { action: 'delete', entity: 'webhook', entityId: current.id, before: auditable(current) }),
    ]);
    return c.body(null, 204);
  })
  .get('/:id/deliveries', valid('param', idParam), valid('query', deliveriesQuery), async (c) => {
    const db = c.get('db');
    const { workspaceId } = c.get('actor');
    const endpoint = await findEndpoint(db, workspaceId, c.req.valid('param').id);
    return c.json(await listDeliveries(db, workspaceId, endpoint.id, c.req.valid('query')));
  });
