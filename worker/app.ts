import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate } from './auth/middleware';
import { authRoutes } from './auth/routes';
import { createDb } from './db';
import type { AppEnv } from './env';
import { ApiError, handleError } from './http/errors';
import { auditRoutes } from './audit/routes';
import { requireRole } from './auth/middleware';
import { channelsRoutes } from './catalog/channels';
import { metricsRoutes } from './catalog/metrics';
import { cyclesRoutes } from './cycles/routes';
import { hypothesesRoutes } from './hypotheses/routes';
import { learningsRoutes } from './learnings/routes';
import { membersRoutes } from './members/routes';
import { objectivesRoutes } from './objectives/routes';
import { statsRoutes } from './calculators/routes';
import { tokensRoutes } from './tokens/routes';
import { funnelsRoutes } from './money/routes';

const MAX_BODY_BYTES = 1024 * 1024;

/** The one app factory: shared middleware, one error path, one router per resource. */
export function createApp() {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` } }, 404),
  );
  // CORS only when CORS_ORIGINS (comma list) is configured; otherwise no CORS headers at all (same-origin PWA).
  app.use('/api/*', (c, next) => {
    const origins = (c.env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    return origins.length
      ? cors({
          origin: origins,
          credentials: true,
          allowHeaders: ['Content-Type', 'Authorization', 'If-Match'],
          maxAge: 600,
        })(c, next)
      : next();
  });
  app.use('/api/*', secureHeaders(), async (c, next) => {
    c.set('db', createDb(c.env.DB));
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', 'Request body is larger than 1 MB');
      },
    }),
  );
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.route('/api/auth', authRoutes);
  app.use('/api/*', authenticate);
  app.use('/api/tokens/*', requireRole('admin'));
  app.use('/api/audit/*', requireRole('admin'));
  return app
    .route('/api/objectives', objectivesRoutes)
    .route('/api/hypotheses', hypothesesRoutes)
    .route('/api/cycles', cyclesRoutes)
    .route('/api/learnings', learningsRoutes)
    .route('/api/channels', channelsRoutes)
    .route('/api/metrics', metricsRoutes)
    .route('/api/members', membersRoutes)
    .route('/api/tokens', tokensRoutes)
    .route('/api/audit', auditRoutes)
    .route('/api/stats', statsRoutes)
    .route('/api/funnels', funnelsRoutes);
}

const app = createApp();
export type AppType = typeof app;
export default app;
