import { and, eq, isNull, sql } from 'drizzle-orm';
import { auditEntries, webhookDeliveries, webhookEndpoints } from '../../db/schema';
import { createDb, newId, type Db } from '../db';
import type { Bindings } from '../env';
import { runAtomic } from '../records/batch';
import { failingTooLong, isRetryable, MAX_ATTEMPTS, retryDelaySeconds } from './backoff';
import type { WebhookMessage } from './events';
import { SIGNATURE_HEADER, signatureHeader } from './signature';
import { checkWebhookUrl } from './url-policy';

type Endpoint = typeof webhookEndpoints.$inferSelect;
type Outcome = { statusCode: number | null; error: string | null; retryable: boolean };
const TIMEOUT_MS = 10_000;

/** One signed POST. Redirects are not followed (a redirect could point inside the network the policy guards). */
async function post(endpoint: Endpoint, message: WebhookMessage, env: Bindings, nowMs: number): Promise<Outcome> {
  const allowed = checkWebhookUrl(endpoint.url, env.WEBHOOKS_ALLOW_LOOPBACK === '1');
  if (!allowed.ok) return { statusCode: null, error: `URL refused: ${allowed.reason}`, retryable: false };
  const body = JSON.stringify(message.event);
  const timestamp = Math.floor(nowMs / 1000);
  try {
    const res = await fetch(allowed.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Hadi-Webhooks/1',
        'Hadi-Event': message.event.type,
        'Hadi-Delivery': message.event.id,
        [SIGNATURE_HEADER]: await signatureHeader(endpoint.secret, timestamp, body),
      },
      body,
    });
    await res.body?.cancel();
    if (res.ok) return { statusCode: res.status, error: null, retryable: false };
    return { statusCode: res.status, error: `HTTP ${res.status}`, retryable: isRetryable(res.status) };
  } catch (err) {
    return { statusCode: null, error: String((err as Error)?.message ?? err).slice(0, 300), retryable: true };
  }
}

/** The audit entry that tells admins (Admin → Audit, and the Webhooks screen's status) why an endpoint stopped. */
const disabledNote = (db: Db, endpoint: Endpoint, reason: string, at: string) =>
  db.insert(auditEntries).values({
    id: newId(),
    workspaceId: endpoint.workspaceId,
    actorId: 'webhooks',
    actorType: 'system',
    action: 'disable',
    entity: 'webhook',
    entityId: endpoint.id,
    before: { disabledAt: null },
    after: { disabledAt: at, disabledReason: reason },
    at,
  });

/** Delivers one queued event, logs the attempt, and acks, retries with backoff, or disables the endpoint. */
export async function deliverMessage(db: Db, env: Bindings, message: Message<WebhookMessage>, now: () => number) {
  const { endpointId, event } = message.body;
  const [endpoint] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.workspaceId, event.workspaceId)))
    .limit(1);
  // Deleted, disabled or unsubscribed since the event was queued: nothing to deliver.
  if (!endpoint || endpoint.disabledAt || !endpoint.events.includes(event.type)) return message.ack();

  const outcome = await post(endpoint, message.body, env, now());
  const ms = now();
  const at = new Date(ms).toISOString();
  const ok = outcome.error === null;
  const failingSince = ok ? null : (endpoint.failingSince ?? at);
  const disable = failingSince !== null && failingTooLong(failingSince, ms);
  const retry = !ok && !disable && outcome.retryable && message.attempts < MAX_ATTEMPTS;
  const delay = retryDelaySeconds(message.attempts, Number(env.WEBHOOKS_RETRY_BASE_SECONDS) || undefined);
  const reason = `Deliveries failed continuously since ${failingSince} (last: ${outcome.error}); disabled after 3 days`;
  await runAtomic(db, [
    db.insert(webhookDeliveries).values({
      id: newId(),
      workspaceId: endpoint.workspaceId,
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: event.type,
      attempt: message.attempts,
      statusCode: outcome.statusCode,
      ok,
      error: outcome.error,
      nextRetryAt: retry ? new Date(ms + delay * 1000).toISOString() : null,
      createdAt: at,
    }),
    db
      .update(webhookEndpoints)
      .set({
        // The first failure after a success starts the clock; a success stops it.
        failingSince: ok ? null : sql`coalesce(${webhookEndpoints.failingSince}, ${at})`,
        lastAttemptAt: at,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        ...(disable ? { disabledAt: at, disabledReason: reason } : {}),
      })
      .where(and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.disabledAt))),
    ...(disable ? [disabledNote(db, endpoint, reason, at)] : []),
  ]);
  if (retry) message.retry({ delaySeconds: delay });
  else message.ack();
}

/** The Queue consumer (`queue()` in worker/index.ts). `now` is injectable so tests move the clock, not wait. */
export async function deliverBatch(batch: MessageBatch<WebhookMessage>, env: Bindings, now: () => number = Date.now) {
  const db = createDb(env.DB);
  for (const message of batch.messages) await deliverMessage(db, env, message, now);
}
