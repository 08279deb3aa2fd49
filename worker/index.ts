import app from './app';
import { createDb } from './db';
import type { Bindings } from './env';
import { runScheduledReviews } from './reviews/scheduled';
import { deliverBatch } from './webhooks/deliver';
import type { WebhookMessage } from './webhooks/events';

export default {
  fetch: app.fetch,
  /** Cron Trigger (wrangler.toml `[triggers] crons`): Monday-morning weekly reviews in each workspace's time zone. */
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduledReviews(createDb(env.DB), controller.scheduledTime));
  },
  /** Queue consumer (wrangler.toml `[[queues.consumers]]`): signed webhook deliveries with retries. */
  async queue(batch: MessageBatch<WebhookMessage>, env) {
    await deliverBatch(batch, env);
  },
} satisfies ExportedHandler<Bindings, WebhookMessage>;
