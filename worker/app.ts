import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate } from './auth/middleware';
import { authRoutes } from './auth/routes';
import { createDb } from './db';
import type { AppEnv } from './env';
import { ApiError, handleError } from './http/errors';
import { hypothesesRoutes } from './hypotheses/routes';

const MAX_BODY_BYTES = 1024 * 1024;

/** The one app factory: shared middleware, one error path, one router per resource. */
export function createApp() {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` } }, 404));
  app.use('/api/*', secureHeaders(), async (c, next) => {
    c.set('db', createDb(c.env.DB));
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('/api/*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new ApiError(413, 'payload_too_large', 'Request body is larger than 1 MB'); } }));
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.route('/api/auth', authRoutes);
  app.use('/api/*', authenticate);
  return app.route('/api/hypotheses', hypothesesRoutes);
}

const app = createApp();
export type AppType = typeof app;
export default app;
