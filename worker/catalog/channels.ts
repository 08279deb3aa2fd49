import { and, eq, ne, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { CHANNEL_JOBS, CHANNEL_KINDS, channels } from '../../db/schema';
import type { Db } from '../db';
import type { AppEnv } from '../env';
import { clientId, shortText } from '../http/common';
import { badRequest } from '../http/errors';
import { catalogRoutes } from '../records/catalog-routes';
import { channelMap } from './channel-map';

const fields = z.object({
  name: shortText(80),
  kind: z.enum(CHANNEL_KINDS),
  /** The channel's job in the funnel: capture existing demand, create new demand, or convert warm intent. */
  job: z.enum(CHANNEL_JOBS, 'must be capture_demand, create_demand or convert_warm_intent'),
  archived: z.boolean(),
});

/** Two channels with the same name (ignoring case) would make every filter and report ambiguous. */
async function uniqueName(db: Db, workspaceId: string, channel: { id?: string; name?: string }) {
  if (!channel.name) return;
  const [clash] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(
      and(
        eq(channels.workspaceId, workspaceId),
        sql`lower(${channels.name}) = lower(${channel.name.trim()})`,
        channel.id ? ne(channels.id, channel.id) : undefined,
      ),
    )
    .limit(1);
  if (clash) throw badRequest('A channel with this name exists', { name: 'another channel already has this name' });
}

/** The channel map (GET /summary, registered before /:id) and the catalog routes; admins write. */
export const channelsRoutes = new Hono<AppEnv>()
  .get('/summary', describeRoute({ summary: 'Channels with their cycle counts' }), async (c) => {
    const { workspaceId } = c.get('actor');
    const db = c.get('db');
    const ids = await db.select({ id: channels.id }).from(channels).where(eq(channels.workspaceId, workspaceId));
    return c.json({
      items: await channelMap(
        db,
        workspaceId,
        ids.map((r) => r.id),
      ),
    });
  })
  .route(
    '/',
    catalogRoutes({
      table: channels,
      entity: 'channel',
      label: 'Channel',
      writeRole: 'admin',
      create: fields.partial({ archived: true }).extend({ id: clientId.optional() }),
      update: fields.partial(),
      check: uniqueName,
    }),
  );
