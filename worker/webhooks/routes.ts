import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../env';
import { idParam } from '../http/common';
import { badRequest } from '../http/errors';
import { valid } from '../http/validate';
import { expectedVersion } from '../records/version-header';
import { endpointView, findEndpoint, listDeliveries, listEndpoints } from './queries';
import { createWebhookBody, deliveriesQuery, updateWebhookBody } from './schemas';
import { createEndpoint, deleteEndpoint, updateEndpoint } from './store';
import { checkWebhookUrl } from './url-policy';

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
  .get(
    '/',
    describeRoute({ summary: 'Webhook endpoints of the workspace, with status and last delivery (admins)' }),
    async (c) => c.json({ items: await listEndpoints(c.get('db'), c.get('actor').workspaceId), nextCursor: null }),
  )
  .post('/', valid('json', createWebhookBody), async (c) => {
    const { url, events } = c.req.valid('json');
    const { endpoint, secret } = await createEndpoint(c.get('db'), c.get('actor'), {
      url: allowedUrl(url, c.env.WEBHOOKS_ALLOW_LOOPBACK),
      events,
    });
    return c.json({ ...endpointView(endpoint), secret }, 201);
  })
  .patch('/:id', valid('param', idParam), valid('json', updateWebhookBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const { version, url, ...patch } = c.req.valid('json');
    const current = await findEndpoint(db, actor.workspaceId, c.req.valid('param').id);
    const expected = expectedVersion(c.req.header('if-match'), version ?? current.version);
    const checked = url === undefined ? {} : { url: allowedUrl(url, c.env.WEBHOOKS_ALLOW_LOOPBACK) };
    return c.json(endpointView(await updateEndpoint(db, actor, current, expected, { ...patch, ...checked })));
  })
  .delete('/:id', valid('param', idParam), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    await deleteEndpoint(db, actor, await findEndpoint(db, actor.workspaceId, c.req.valid('param').id));
    return c.body(null, 204);
  })
  .get('/:id/deliveries', valid('param', idParam), valid('query', deliveriesQuery), async (c) => {
    const db = c.get('db');
    const { workspaceId } = c.get('actor');
    const endpoint = await findEndpoint(db, workspaceId, c.req.valid('param').id);
    return c.json(await listDeliveries(db, workspaceId, endpoint.id, c.req.valid('query')));
  });
