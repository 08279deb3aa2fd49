import type { Env, Hono } from 'hono';
import { generateSpecs } from 'hono-openapi';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/sessions';

/** Hadi's one error body (worker/http/errors.ts), as the document describes every 4xx answer. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ examples: ['invalid_input'] }),
      message: z.string().meta({ examples: ['Invalid title: required'] }),
      fields: z.record(z.string(), z.string()).optional().meta({ description: 'field path → why it was refused' }),
      current: z.unknown().optional().meta({ description: 'on 409: the record as it is now' }),
    }),
  })
  .meta({ title: 'Error' });

/** Routes anyone may call: everything else needs a bearer API token or the session cookie. */
export const PUBLIC_PATHS = new Set([
  '/api/health',
  '/api/auth/setup',
  '/api/auth/login',
  '/api/auth/accept-invite',
  '/api/openapi.json',
  '/api/docs',
]);

const documentation = {
  info: {
    title: 'Hadi API',
    version: '0.1.0',
    description:
      'The experiment log of HADI cycles (Hypothesis → Action → Data → Insight). Every request and its 400 answer ' +
      'come from the zod schemas that validate it. Sign in with `Authorization: Bearer <API token>` (admins create ' +
      `tokens) or the \`${SESSION_COOKIE}\` cookie set by POST /api/auth/login; writes with the cookie must send JSON.`,
  },
  components: {
    securitySchemes: {
      bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token created under Admin → Tokens' },
      sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/auth/login' },
    },
  },
  security: [{ bearerToken: [] }, { sessionCookie: [] }],
} as const;

type Operation = { tags?: string[]; security?: unknown[]; responses?: Record<string, unknown> };
type Paths = Record<string, Record<string, Operation>>;

const { $schema: _, ...errorSchema } = z.toJSONSchema(errorBody, { io: 'output' });
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

/** What the library cannot know: each path's tag (its concept), who may call it, and Hadi's error answers. */
function finish(paths: Paths) {
  for (const [path, operations] of Object.entries(paths)) {
    const concept = path.split('/')[2] ?? 'api';
    for (const operation of Object.values(operations)) {
      operation.tags ??= [concept];
      operation.responses ??= {};
      // The library leaves answers it cannot see without a description, which OpenAPI requires.
      for (const response of Object.values(operation.responses) as { description?: string }[])
        response.description ??= 'Success';
      if (PUBLIC_PATHS.has(path)) operation.security = [];
      else {
        operation.responses['401'] ??= errorResponse('Not signed in: no valid API token or session');
        operation.responses['403'] ??= errorResponse('The caller’s role does not allow this');
      }
    }
  }
  return paths;
}

/**
 * The OpenAPI 3.1 document of an app, walked by hono-openapi from its `valid()` and `describeRoute` middlewares
 * (built once per app: routes do not change while it runs). `servers` is the origin it is asked from.
 */
export function openApiDocument<E extends Env>(app: Hono<E>) {
  let built: Promise<Record<string, unknown>> | undefined;
  return async (origin: string) => {
    built ??= generateSpecs(app, {
      documentation: documentation as never,
      exclude: [/^\/s\//],
      excludeStaticFile: false, // the CSV exports end in .csv
      defaultValidationErrorResponse: errorResponse('Invalid input: `fields` names each refused field') as never,
    }).then((spec) => ({ ...spec, paths: finish(spec.paths as Paths) }));
    return { ...(await built), servers: [{ url: origin, description: 'This Hadi' }] };
  };
}
