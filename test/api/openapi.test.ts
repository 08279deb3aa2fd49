import { findTargetHandler } from 'hono/utils/handler';
import { uniqueSymbol } from 'hono-openapi';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../worker/app';
import { createCommentBody } from '../../worker/comments/schemas';
import { createCycleBody } from '../../worker/cycles/schemas';
import { snapshotsBody } from '../../worker/cycles/snapshot-schema';
import { createHypothesisBody } from '../../worker/hypotheses/schemas';
import { anonymous, createTeam, ORIGIN } from './support/client';

type Operation = {
  operationId: string;
  security?: unknown[];
  tags?: string[];
  responses: Record<string, { description?: string; content?: Record<string, { schema: any }> }>;
  requestBody?: { content: Record<string, { schema: { examples?: unknown[] } }> };
};
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; [k: string]: any };
type Route = { method: string; path: string; handler: unknown };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** `GET /api/cycles/{id}` for each API route the app really answers (middleware and wildcards aside). */
const apiRoutes = (routes: Route[]) =>
  new Set(
    routes
      .filter((r) => r.path.startsWith('/api/') && METHODS.includes(r.method) && !r.path.includes('*'))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
  );
const documented = (doc: Doc) =>
  new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
const difference = (a: Set<string>, b: Set<string>) => [...a].filter((k) => !b.has(k)).sort();

/** The request validator a route runs for `target`: the schema behind both the check and the document. */
function validatorOf(method: string, path: string, target: string) {
  const honoPath = path.replace(/\{(\w+)\}/g, ':$1');
  for (const r of createApp().routes) {
    if (r.method !== method.toUpperCase() || r.path !== honoPath) continue;
    const meta = (findTargetHandler(r.handler) as any)[uniqueSymbol];
    if (meta?.target === target) return meta as { validate: (v: unknown) => Promise<{ issues?: unknown[] }> };
  }
  return undefined;
}

describe('OpenAPI document (GET /api/openapi.json)', () => {
  let doc: Doc;
  beforeAll(async () => {
    const res = await anonymous.get('/api/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });

  it('is an OpenAPI 3.1 document, served without auth, with both ways to sign in', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Hadi API', version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: ORIGIN, description: expect.any(String) }]);
    expect(doc.components.securitySchemes).toEqual({
      bearerToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      sessionCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'hadi_session' }),
    });
    expect(doc.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      expect(path).toMatch(/^\/api\/[a-z0-9/{}._-]+$/i);
      for (const op of Object.values(ops)) {
        expect(ids.has(op.operationId), op.operationId).toBe(false);
        ids.add(op.operationId);
        expect(op.tags?.length, path).toBeGreaterThan(0);
        for (const response of Object.values(op.responses)) expect(response.description, path).toBeTruthy();
      }
    }
    // Public routes say so; the rest inherit the document's security and document 401/403.
    expect(doc.paths['/api/auth/login']!.post!.security).toEqual([]);
    expect(doc.paths['/api/openapi.json']!.get!.security).toEqual([]);
    expect(doc.paths['/api/hypotheses']!.post!.security).toBeUndefined();
    expect(doc.paths['/api/hypotheses']!.post!.responses['401']).toBeDefined();
  });

  it('documents every API route the Worker answers, and nothing else', () => {
    const real = apiRoutes(createApp().routes);
    expect(real.size).toBeGreaterThan(80);
    expect(difference(real, documented(doc)), 'routes missing from the document').toEqual([]);
    expect(difference(documented(doc), real), 'documented routes that do not exist').toEqual([]);
  });

  it('the coverage check catches an undocumented route', () => {
    // A route with neither valid() nor describeRoute leaves the document: the check above must then fail.
    const app = createApp();
    app.get('/api/forgotten/:id', (c) => c.text('x'));
    expect(difference(apiRoutes(app.routes), documented(doc))).toEqual(['GET /api/forgotten/{id}']);
  });

  it('describes requests with the schemas that validate them, and 400 with Hadi’s error body', async () => {
    const create = doc.paths['/api/hypotheses']!.post!;
    const schema = create.requestBody!.content['application/json']!.schema as any;
    expect(schema.required).toEqual(['title']);
    expect(schema.properties.title).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
    const error = create.responses['400']!.content!['application/json']!.schema;
    expect(error.properties.error.required).toEqual(['code', 'message']);
    // …and the API answers exactly that shape.
    const team = await createTeam('OpenAPI Co');
    const res = await team.member.post('/api/hypotheses', { title: '' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { code: 'invalid_input', message: expect.any(String), fields: { title: expect.any(String) } },
    });
    // Path parameters come from the route.
    const get = doc.paths['/api/cycles/{id}']!.get as any;
    expect(get.parameters).toContainEqual(expect.objectContaining({ in: 'path', name: 'id', required: true }));
  });

  it('every documented example validates against the schema that checks the request', async () => {
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const examples = op.requestBody?.content['application/json']?.schema.examples;
        if (!examples) continue;
        const validator = validatorOf(method, path, 'json');
        expect(validator, `${method} ${path}`).toBeDefined();
        for (const example of examples) {
          const result = await validator!.validate(example);
          expect(result.issues, `${method} ${path}: ${JSON.stringify(example)}`).toBeUndefined();
          checked++;
        }
      }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it('key request schemas carry examples that parse with the same zod schema, and the document shows them', () => {
    const keyed = [
      ['/api/hypotheses', createHypothesisBody],
      ['/api/cycles', createCycleBody],
      ['/api/cycles/{id}/snapshots', snapshotsBody],
      ['/api/comments', createCommentBody],
    ] as const;
    for (const [path, schema] of keyed) {
      const examples = schema.meta()?.examples as unknown[];
      expect(examples?.length, path).toBeGreaterThan(0);
      for (const example of examples) expect(schema.safeParse(example).error, path).toBeUndefined();
      expect(doc.paths[path]!.post!.requestBody!.content['application/json']!.schema.examples).toEqual(examples);
    }
    // A broken example would be caught: the schema refuses it.
    expect(createHypothesisBody.safeParse({ title: '' }).success).toBe(false);
  });
});

describe('API reference page (GET /api/docs)', () => {
  it('renders without auth under its own CSP: nonced scripts and one pinned bundle only', async () => {
    const res = await anonymous.get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = csp.match(/'nonce-([A-Za-z0-9]+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    const html = res.body as string;
    expect(html).toContain('/api/openapi.json');
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
    expect(html).toMatch(/cdn\.jsdelivr\.net\/npm\/@scalar\/api-reference@\d+\.\d+\.\d+/);
    // A fresh nonce per answer.
    const again = await anonymous.get('/api/docs');
    expect(again.headers.get('content-security-policy')).not.toBe(csp);
  });
});
