import { z } from 'zod';
import { WEBHOOK_EVENTS } from '../../db/schema';
import { versionField } from '../http/common';
import { listQuery } from '../records/pagination';

const url = z.string().trim().min(1, 'required').max(2000);
const events = z
  .array(z.enum(WEBHOOK_EVENTS, `one of ${WEBHOOK_EVENTS.join(', ')}`))
  .min(1, 'choose at least one event')
  .max(WEBHOOK_EVENTS.length)
  .transform((list) => [...new Set(list)]);

export const createWebhookBody = z.object({ url, events });

/** Change the URL or events, or `enabled: true` to re-enable an endpoint that was disabled after failing. */
export const updateWebhookBody = z
  .object({ url: url.optional(), events: events.optional(), enabled: z.literal(true).optional(), ...versionField })
  .refine((b) => b.url !== undefined || b.events !== undefined || b.enabled !== undefined, {
    message: 'send url, events or enabled',
    path: ['url'],
  });

export const deliveriesQuery = z.object(listQuery);
