import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../worker/app';
import headersFile from '../../../web/public/_headers?raw';
import { anonymous, createTeam, ORIGIN, type Team } from '../support/client';

const FOREIGN = 'https://evil.example';

async function appFetch(path: string, init: RequestInit, extraEnv: Record<string, string> = {}) {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(new Request(`${ORIGIN}${path}`, init), { ...env, ...extraEnv }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('API response headers', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Headers Co');
  });

  it('carry hono/secure-headers and no-store on every /api answer (success and error)', async () => {
    for (const res of [
      await anonymous.get('/api/health'),
      await anonymous.get('/api/hypotheses'),
      await team.viewer.get('/api/hypotheses'),
      await team.viewer.post('/api/hypotheses', { title: 'x' }),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    expect((await team.viewer.get('/api/hypotheses')).headers.get('cache-control')).toBe('no-store');
  });

  it('send no CORS headers by default, even to a foreign origin or a preflight', async () => {
    const simple = await anonymous.request('GET', '/api/health', undefined, { origin: FOREIGN });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    expect(simple.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await appFetch('/api/hypotheses', {
      method: 'OPTIONS',
      headers: {
        origin: FOREIGN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('with CORS_ORIGINS set, allow exactly the listed origins (with credentials) and nobody else', async () => {
    const CORS_ORIGINS = 'https://app.partner.example, https://admin.partner.example';
    const listed = await appFetch(
      '/api/health',
      { headers: { origin: 'https://admin.partner.example' } },
      { CORS_ORIGINS },
    );
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://admin.partner.example');
    expect(listed.headers.get('access-control-allow-credentials')).toBe('true');
    const preflight = await appFetch(
      '/api/hypotheses',
      {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.partner.example',
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'content-type,if-match',
        },
      },
      { CORS_ORIGINS },
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.partner.example');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('if-match');
    for (const origin of [FOREIGN, 'https://app.partner.example.evil.example', 'null']) {
      const other = await appFetch('/api/health', { headers: { origin } }, { CORS_ORIGINS });
      expect(other.headers.get('access-control-allow-origin'), origin).toBeNull();
      const otherPreflight = await appFetch(
        '/api/hypotheses',
        { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } },
        { CORS_ORIGINS },
      );
      expect(otherPreflight.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });

  it('a listed CORS origin passes the CSRF origin check; others stay refused', async () => {
    const CORS_ORIGINS = 'https://app.partner.example';
    const post = (origin: string, extra: Record<string, string> = {}) =>
      appFetch(
        '/api/hypotheses',
        {
          method: 'POST',
          headers: { cookie: team.member.auth.cookie!, 'content-type': 'application/json', origin },
          body: JSON.stringify({ title: `from ${origin}` }),
        },
        extra,
      );
    expect((await post('https://app.partner.example', { CORS_ORIGINS })).status).toBe(201);
    expect((await post('https://app.partner.example')).status).toBe(403);
    expect((await post(FOREIGN, { CORS_ORIGINS })).status).toBe(403);
  });
});

describe('web/public/_headers (the PWA’s CSP)', () => {
  const parse = (text: string) => {
    const rules: Record<string, Record<string, string>> = {};
    let current: Record<string, string> | undefined;
    for (const line of text.split('\n')) {
      if (!line.trim() || line.trim().startsWith('#')) continue;
      if (!/^\s/.test(line)) {
        current = rules[line.trim()] = {};
        continue;
      }
      const at = line.indexOf(':');
      expect(current, `header outside a path block: ${line}`).toBeDefined();
      current![line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
    }
    return rules;
  };

  it('parses and sets a strict CSP and the other headers on every path', () => {
    const rules = parse(headersFile);
    const all = rules['/*']!;
    expect(all).toBeDefined();
    const csp = Object.fromEntries(
      all['content-security-policy']!.split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [k, ...v] = d.split(/\s+/);
          return [k, v.join(' ')];
        }),
    );
    expect(csp).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'frame-ancestors': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
      'object-src': "'none'",
    });
    for (const value of Object.values(csp)) expect(value).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(all['x-content-type-options']).toBe('nosniff');
    expect(all['referrer-policy']).toBeTruthy();
    expect(all['permissions-policy']).toMatch(/camera=\(\)/);
  });
});

describe('user text is data, never markup', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Xss Co');
  });
  const PAYLOADS = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(document.cookie)>',
    "javascript:alert('x')",
    '<svg/onload=alert(1)>',
    '{{constructor.constructor("alert(1)")()}}',
    '</textarea><iframe srcdoc="<script>parent.alert(1)</script>">',
    '\u202e\u0000\ufeff😀 <b>bold</b>',
  ];

  it('stores and returns XSS payloads verbatim as JSON strings (the PWA renders text)', async () => {
    for (const payload of PAYLOADS) {
      const created = await team.member.post('/api/hypotheses', {
        title: payload.replace(/\u0000/g, ''),
        rationale: payload,
        tags: [payload.slice(0, 40).trim() || 'x'],
      });
      expect(created.status, payload).toBe(201);
      const read = await team.viewer.get(`/api/hypotheses/${created.body.id}`);
      expect(read.headers.get('content-type')).toMatch(/^application\/json/);
      expect(read.headers.get('x-content-type-options')).toBe('nosniff');
      expect(read.body.rationale).toBe(payload.trim());
      expect(read.body.title).toBe(payload.replace(/\u0000/g, '').trim());
    }
  });
});
