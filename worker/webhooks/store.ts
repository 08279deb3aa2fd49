import { and, eq } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { randomToken } from '../auth/crypto';
import { newId, nowIso, type Db } from '../db';
import type { Actor } from '../env';
import { conflict } from '../http/errors';
import { expectOneChange, runAtomic, StaleWrite } from '../records/batch';
import { auditable, endpointView, findEndpoint, inWorkspace } from './queries';

type Endpoint = typeof webhookEndpoints.$inferSelect;
const SECRET_PREFIX = 'whsec_';

const stale = (latest: Endpoint) =>
  conflict(
    'This webhook was changed by someone else; review it and try again',
    endpointView(latest),
    'version_conflict',
  );

/** A new endpoint with a fresh 256-bit secret, and its audit entry (without the secret), in one batch. */
export async function createEndpoint(db: Db, actor: Actor, body: { url: string; events: Endpoint['events'] }) {
  const row = {
    ...body,
    id: newId(),
    workspaceId: actor.workspaceId,
    secret: SECRET_PREFIX + randomToken(),
    createdBy: actor.id,
  };
  const [, , stored] = await runAtomic(db, [
    db.insert(webhookEndpoints).values(row),
    auditInsert(db, actor, { action: 'create', entity: 'webhook', entityId: row.id, after: auditable(row) }),
    db.select().from(webhookEndpoints).where(inWorkspace(actor.workspaceId, row.id)),
  ]);
  return { endpoint: (stored as Endpoint[])[0]!, secret: row.secret };
}

/**
 * Compare-and-swap update of URL, events, or re-enabling (which restarts the failure clock), audited without
 * the secret; a stale version answers 409 with the endpoint as it is now.
 */
export async function updateEndpoint(
  db: Db,
  actor: Actor,
  current: Endpoint,
  expected: number,
  patch: { url?: string; events?: Endpoint['events']; enabled?: true },
) {
  if (expected !== current.version) throw stale(current);
  const { enabled, ...fields } = patch;
  const set = {
    ...fields,
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
    return (results.at(-1) as Endpoint[])[0]!;
  } catch (err) {
    if (!(err instanceof StaleWrite)) throw err;
    throw stale(await findEndpoint(db, actor.workspaceId, current.id));
  }
}

/** The endpoint and its delivery log go together (the log means nothing without it). */
export async function deleteEndpoint(db: Db, actor: Actor, current: Endpoint) {
  await runAtomic(db, [
    db.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, current.id)),
    db.delete(webhookEndpoints).where(inWorkspace(actor.workspaceId, current.id)),
    auditInsert(db, actor, { action: 'delete', entity: 'webhook', entityId: current.id, before: auditable(current) }),
  ]);
}
