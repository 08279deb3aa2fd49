import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate } from './auth/middleware';
import { authRoutes } from './auth/routes';
import { createDb } from './db';
import { BOOKMARK_HEADER, executionOf, openConnection, reportUsage } from './d1/request';
import { forSlowPath, isStaleActor } from './auth/speculation';
import type { AppEnv } from './env';
import { ApiError, handleError } from './http/errors';
import { auditRoutes } from './audit/routes';
import { requireRole } from './auth/middleware';
import { channelsRoutes } from './catalog/channels';
import { metricsRoutes } from './catalog/metrics';
import { chainRoutes } from './chain/routes';
import { cyclesRoutes } from './cycles/routes';
import { hypothesesRoutes } from './hypotheses/routes';
import { learningsRoutes } from './learnings/routes';
import { membersRoutes } from './members/routes';
import { objectivesRoutes } from './objectives/routes';
import { statsRoutes } from './calculators/routes';
import { tokensRoutes } from './tokens/routes';
import { IMPORT_PATH, importsRoutes } from './imports/routes';
import { insightsRoutes } from './insights/routes';
import { programRoutes } from './program/routes';
import { reviewsRoutes } from './reviews/routes';
import { workspaceRoutes, workspacesRoutes } from './workspaces/routes';
import { funnelsRoutes } from './money/routes';
import { commentsRoutes } from './comments/routes';
import { inboxRoutes } from './inbox/routes';
import { searchRoutes } from './search/routes';
import { exportsRoutes, learningMarkdownRoutes } from './exports/routes';
import { webhooksRoutes } from './webhooks/routes';
import { describeRoute } from 'hono-openapi';
import { openApiRoutes } from './openapi/routes';
import { insightSharesRoutes, learningSharesRoutes, sharedPageRoutes, sharesRoutes } from './shares/routes';

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
          allowHeaders: ['Content-Type', 'Authorization', 'If-Match', 'X-Hadi-Workspace', BOOKMARK_HEADER],
          exposeHeaders: [BOOKMARK_HEADER],
          maxAge: 600,
        })(c, next)
      : next();
  });
  app.use('/api/*', secureHeaders(), async (c, next) => {
    const connection = openConnection(c.env.DB, c.req.header(BOOKMARK_HEADER));
    c.set('db', createDb(connection));
    await next();
    // A remembered actor that the database no longer confirms: run the request again, authenticating first.
    if (isStaleActor(c.error)) c.res = await app.fetch(forSlowPath(c.get('retry')), c.env, executionOf(c));
    else reportUsage(c, connection);
    c.header('Cache-Control', 'no-store');
  });
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', 'Request body is larger than 1 MB');
    },
  });
  // Ad-platform imports carry files up to 5 MB and set their own limit (worker/imports/routes.ts).
  app.use('/api/*', (c, next) => (IMPORT_PATH.test(c.req.path) ? next() : limit(c, next)));
  app.get('/api/health', describeRoute({ summary: 'Liveness', tags: ['reference'] }), (c) => c.json({ ok: true }));
  // The OpenAPI document and its reference page are public: they describe the API, they hold no data.
  app.route('/api', openApiRoutes(app));
  // Public, signed-out page of a shared learning (outside /api: no session, its own headers).
  app.route('/s', sharedPageRoutes);
  app.route('/api/auth', authRoutes);
  app.use('/api/*', authenticate);
  app.use('/api/tokens/*', requireRole('admin'));
  app.use('/api/audit/*', requireRole('admin'));
  app.use('/api/webhooks/*', requireRole('admin'));
  return app
    .route('/api/objectives', objectivesRoutes)
    .route('/api/hypotheses', hypothesesRoutes)
    .route('/api/hypotheses', chainRoutes) // GET /api/hypotheses/:id/chain (the HADI chain)
    .route('/api/cycles', cyclesRoutes)
    .route('/api/cycles', importsRoutes)
    .route('/api/learnings', learningsRoutes)
    .route('/api/channels', channelsRoutes)
    .route('/api/metrics', metricsRoutes)
    .route('/api/members', membersRoutes)
    .route('/api/tokens', tokensRoutes)
    .route('/api/audit', auditRoutes)
    .route('/api/stats', statsRoutes)
    .route('/api/program', programRoutes)
    .route('/api/insights', insightsRoutes)
    .route('/api/reviews', reviewsRoutes)
    .route('/api/workspaces', workspacesRoutes)
    .route('/api/workspace', workspaceRoutes)
    .route('/api/funnels', funnelsRoutes)
    .route('/api/comments', commentsRoutes)
    .route('/api/inbox', inboxRoutes)
    .route('/api/search', searchRoutes)
    .route('/api/exports', exportsRoutes)
    .route('/api/learnings', learningMarkdownRoutes)
    .route('/api/learnings', learningSharesRoutes)
    .route('/api/insights', insightSharesRoutes)
    .route('/api/shares', sharesRoutes)
    .route('/api/webhooks', webhooksRoutes);
}

const app = createApp();
export type AppType = typeof app;
export default app;
