import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { type cycles, webhookEndpoints, type WebhookEvent } from '../../db/schema';
import { newId, nowIso, type Db } from '../db';
import type { AppEnv } from '../env';

/** What a receiver gets: one event of one workspace. `data` carries only that workspace's records. */
export type WebhookPayload = {
  id: string;
  type: WebhookEvent;
  workspaceId: string;
  occurredAt: string;
  data: Record<string, unknown>;
};
/** One queued delivery: an event for one endpoint (each endpoint retries on its own schedule). */
export type WebhookMessage = { endpointId: string; event: WebhookPayload };

type Cycle = typeof cycles.$inferSelect;

/** The cycle as receivers see it: identity, state and decision, never the raw results. */
export const cycleData = (c: Cycle) => ({
  id: c.id,
  name: c.name,
  status: c.status,
  hypothesisId: c.hypothesisId,
  objectiveId: c.objectiveId,
  budget: c.budget,
  plannedEnd: c.plannedEnd,
  launchedAt: c.launchedAt,
  closedAt: c.closedAt,
  decision: c.decision,
});

/** Active endpoints of the workspace that asked for this event type. */
export async function subscribers(db: Db, workspaceId: string, type: WebhookEvent) {
  const rows = await db
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), isNull(webhookEndpoints.disabledAt)));
  return rows.filter((r) => r.events.includes(type)).map((r) => r.id);
}

/** Endpoint lookups started early in a request, so they ride with the route's first read (one round trip). */
const expected = new WeakMap<Context<AppEnv>, Map<WebhookEvent, Promise<string[]>>>();

/** Starts looking up who listens for `type` now; `emitEvent` and `anyoneListens` then reuse the answer. */
export function expectEvent(c: Context<AppEnv>, type: WebhookEvent): Promise<string[]> {
  const byType = expected.get(c) ?? new Map<WebhookEvent, Promise<string[]>>();
  expected.set(c, byType);
  let lookup = byType.get(type);
  if (!lookup) {
    lookup = subscribers(c.get('db'), c.get('actor').workspaceId, type);
    lookup.catch(() => undefined); // awaited (and reported) by whoever emits; never an unhandled rejection
    byType.set(type, lookup);
  }
  return lookup;
}

/**
 * Queues an event for every subscribed endpoint. Called after the write committed, in the same request; a
 * queue failure is logged and never undoes or fails the write the user made.
 */
export async function emitEvent(
  c: Context<AppEnv>,
  type: WebhookEvent,
  data: Record<string, unknown>,
  workspaceId = c.get('actor').workspaceId,
) {
  try {
    const endpoints =
      workspaceId === c.get('actor')?.workspaceId
        ? await expectEvent(c, type)
        : await subscribers(c.get('db'), workspaceId, type);
    if (endpoints.length === 0) return null;
    const event: WebhookPayload = { id: newId(), type, workspaceId, occurredAt: nowIso(), data };
    const queue = c.env.WEBHOOKS_QUEUE;
    if (!queue) throw new Error('the WEBHOOKS_QUEUE binding is missing (wrangler.toml [[queues.producers]])');
    await queue.sendBatch(endpoints.map((endpointId) => ({ body: { endpointId, event } satisfies WebhookMessage })));
    return event;
  } catch (err) {
    console.error(`webhooks: could not queue ${type}`, err);
    return null;
  }
}

/** Whether anyone listens: lets a route skip work (a second analysis) that only an event needs. */
export const anyoneListens = async (c: Context<AppEnv>, type: WebhookEvent) => (await expectEvent(c, type)).length > 0;
