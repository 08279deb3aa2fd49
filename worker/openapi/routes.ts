import { Scalar } from '@scalar/hono-api-reference';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../env';
import { openApiDocument } from './document';

/** The reference page's script comes from jsDelivr, pinned to one version (see README, "API reference"). */
const SCALAR_CDN = 'https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.76.0';

/** The page's own CSP: only its nonced scripts and the pinned bundle run; it talks only to this origin. */
const docsCsp = (nonce: string) =>
  [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' https://cdn.jsdelivr.net`,
    "style-src 'unsafe-inline' https://cdn.jsdelivr.net",
    "font-src 'self' data: https://cdn.jsdelivr.net https://fonts.scalar.com",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

/** `GET /api/openapi.json` and `GET /api/docs`, public (mounted before authentication in worker/app.ts). */
export function openApiRoutes(app: Hono<AppEnv>) {
  const document = openApiDocument(app);
  return new Hono<AppEnv>()
    .get('/openapi.json', describeRoute({ summary: 'This OpenAPI 3.1 document', tags: ['reference'] }), async (c) =>
      c.json(await document(new URL(c.req.url).origin)),
    )
    .get('/docs', describeRoute({ summary: 'Interactive API reference (HTML)', tags: ['reference'] }), (c, next) => {
      const nonce = crypto.randomUUID().replace(/-/g, '');
      c.header('Content-Security-Policy', docsCsp(nonce));
      return Scalar<AppEnv>({
        url: '/api/openapi.json',
        pageTitle: 'Hadi API reference',
        cdn: SCALAR_CDN,
        nonce,
        withDefaultFonts: false,
        hideClientButton: true,
        agent: { disabled: true }, // no third-party AI chat over Hadi's API
      })(c, next);
    });
}
