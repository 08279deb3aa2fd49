import { and, desc, eq } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema';
import type { Db } from '../db';
import { notFound } from '../http/errors';
import { afterNewest, decodeCursor, page } from '../records/pagination';

type Endpoint = typeof webhookEndpoints.$inferSelect;

/** What an admin sees of an endpoint: everything but the secret, with its status said outright. */
export const endpointView = ({ secret: _secret, workspaceId: _w, ...e }: Endpoint) => ({
  ...e,
  status: e.disabledAt ? ('disabled' as const) : ('active' as const),
});

/** The same without the secret, for audit entries (the audit trail is read by admins and exported). */
export const auditable = <T extends { secret: string }>({ secret: _secret, ...e }: T) => e;

export const inWorkspace = (workspaceId: string, id: string) =>
  and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.workspaceId, workspaceId));

export async function findEndpoint(db: Db, workspaceId: string, id: string) {
  const [row] = await db.select().from(webhookEndpoints).where(inWorkspace(workspaceId, id)).limit(1);
  if (!row) throw notFound('Webhook endpoint');
  return row;
}

export async function listEndpoints(db: Db, workspaceId: string) {
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.workspaceId, workspaceId))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
  return rows.map(endpointView);
}

/** The delivery log of one endpoint, newest attempt first. */
export async function listDeliveries(
  db: Db,
  workspaceId: string,
  endpointId: string,
  q: { cursor?: string; limit: number },
) {
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      attempt: webhookDeliveries.attempt,
      statusCode: webhookDeliveries.statusCode,
      ok: webhookDeliveries.ok,
      error: webhookDeliveries.error,
      nextRetryAt: webhookDeliveries.nextRetryAt,
      at: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, workspaceId),
        eq(webhookDeliveries.endpointId, endpointId),
        afterNewest(webhookDeliveries.createdAt, webhookDeliveries.id, decodeCursor(q.cursor)),
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(q.limit + 1);
  return page(rows, q.limit, (r) => ({ sort: r.at, id: r.id }));
}
