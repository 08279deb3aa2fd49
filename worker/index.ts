import app from './app';
import { createDb } from './db';
import type { Bindings } from './env';
import { runScheduledReviews } from './reviews/scheduled';

export default {
  fetch: app.fetch,
  /** Cron Trigger (wrangler.toml `[triggers] crons`): Monday-morning weekly reviews in each workspace's time zone. */
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduledReviews(createDb(env.DB), controller.scheduledTime));
  },
} satisfies ExportedHandler<Bindings>;
