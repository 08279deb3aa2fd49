import { z } from 'zod';
import { CHANNEL_JOBS, CHANNEL_KINDS, channels } from '../../db/schema';
import { clientId, shortText } from '../http/common';
import { catalogRoutes } from '../records/catalog-routes';

const fields = z.object({
  name: shortText(80),
  kind: z.enum(CHANNEL_KINDS),
  job: z.enum(CHANNEL_JOBS),
  archived: z.boolean(),
});

export const channelsRoutes = catalogRoutes({
  table: channels,
  entity: 'channel',
  label: 'Channel',
  writeRole: 'admin',
  create: fields.partial({ archived: true }).extend({ id: clientId.optional() }),
  update: fields.partial(),
});
