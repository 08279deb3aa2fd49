import { webhookDeliveries, webhookEndpoints } from '../../db/schema';
import { newId, type Db } from '../../worker/db';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Two webhook endpoints (issue 15) so Admin → Webhooks shows both states: a chat relay that took last week's
 * review, and an old dashboard hook Hadi disabled after 3 days of failures. Neither listens to events the demo
 * causes by itself (the relay only to published reviews), and the disabled one is never called.
 */
export async function seedWebhooks(db: Db, workspaceId: string, adminId: string, now: number) {
  const relay = newId();
  const dashboard = newId();
  const failingSince = iso(now - 5 * DAY);
  const disabledAt = iso(now - 2 * DAY);
  const secret = () => `whsec_demo_${crypto.randomUUID().replace(/-/g, '')}`;
  await db.insert(webhookEndpoints).values([
    {
      id: relay,
      workspaceId,
      url: 'https://chat-relay.northwind.example/hadi',
      events: ['review.published', 'cycle.closed'],
      secret: secret(),
      createdBy: adminId,
      lastAttemptAt: iso(now - 3 * DAY),
      lastStatusCode: 200,
      createdAt: iso(now - 30 * DAY),
    },
    {
      id: dashboard,
      workspaceId,
      url: 'https://dash.northwind.example/hooks/experiments',
      events: ['cycle.launched', 'cycle.guardrail_breached'],
      secret: secret(),
      createdBy: adminId,
      failingSince,
      disabledAt,
      disabledReason: `Deliveries failed continuously since ${failingSince} (last: HTTP 503); disabled after 3 days`,
      lastAttemptAt: disabledAt,
      lastStatusCode: 503,
      lastError: 'HTTP 503',
      createdAt: iso(now - 60 * DAY),
    },
  ]);
  const attempt = (endpointId: string, eventType: string, n: number, at: number, statusCode: number | null) => ({
    id: newId(),
    workspaceId,
    endpointId,
    eventId: `demo-${endpointId.slice(0, 8)}-${eventType}`,
    eventType,
    attempt: n,
    statusCode,
    ok: statusCode !== null && statusCode < 300,
    error: statusCode === null ? 'connection timed out' : statusCode < 300 ? null : `HTTP ${statusCode}`,
    nextRetryAt: null,
    createdAt: iso(at),
  });
  await db
    .insert(webhookDeliveries)
    .values([
      attempt(relay, 'review.published', 1, now - 3 * DAY, 200),
      attempt(relay, 'cycle.closed', 1, now - 9 * DAY, 502),
      attempt(relay, 'cycle.closed', 2, now - 9 * DAY + 30_000, 200),
      attempt(dashboard, 'cycle.launched', 1, now - 5 * DAY, null),
      attempt(dashboard, 'cycle.launched', 2, now - 5 * DAY + 30_000, 503),
      attempt(dashboard, 'cycle.guardrail_breached', 1, now - 2 * DAY, 503),
    ]);
}
