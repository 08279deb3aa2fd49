import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  Client,
  cookieFrom,
  createTeam,
  login,
  ORIGIN,
  PASSWORD,
  uniqueEmail,
  type Team,
} from '../support/client';

const ip = () => `203.0.113.${Math.floor(Math.random() * 250)}-${crypto.randomUUID().slice(0, 4)}`;
const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
const fromHex = (h: string) => Uint8Array.from(h.match(/../g)!, (x) => parseInt(x, 16));

async function allText(): Promise<string> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  const dumps = await env.DB.batch(results.map((r) => env.DB.prepare(`SELECT * FROM "${r.name}"`)));
  return JSON.stringify(dumps.map((d) => d.results));
}

describe('passwords', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Pw Co');
  });

  it('are PBKDF2-SHA256 hashes with a per-user random salt (the row holds no plaintext)', async () => {
    const { results } = await env.DB.prepare(
      'SELECT email, password_hash, password_salt, password_iterations FROM users WHERE password_hash IS NOT NULL',
    ).all<any>();
    expect(results.length).toBeGreaterThanOrEqual(4); // all of createTeam's people share PASSWORD
    const salts = new Set(results.map((r) => r.password_salt));
    const hashes = new Set(results.map((r) => r.password_hash));
    expect(salts.size).toBe(results.length);
    expect(hashes.size).toBe(results.length);
    for (const row of results) {
      expect(row.password_salt).toMatch(/^[0-9a-f]{32}$/);
      expect(row.password_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.password_iterations).toBeGreaterThanOrEqual(100_000);
      const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(PASSWORD), 'PBKDF2', false, [
        'deriveBits',
      ]);
      const bits = await crypto.subtle.deriveBits(
        { name: 'PBKDF2', hash: 'SHA-256', salt: fromHex(row.password_salt), iterations: row.password_iterations },
        key,
        256,
      );
      expect(hex(bits)).toBe(row.password_hash);
    }
    expect(await allText()).not.toContain(PASSWORD);
  });

  it('rate-limits brute force with 429 and Retry-After, and then refuses the right password too', async () => {
    const invite = await team.admin.post('/api/members', {
      email: uniqueEmail('target'),
      name: 'Target',
      role: 'viewer',
    });
    await anonymous.post('/api/auth/accept-invite', { token: invite.body.inviteToken, password: PASSWORD });
    const email = invite.body.member.email;
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 12; i++) {
      last = await anonymous.request(
        'POST',
        '/api/auth/login',
        { email, password: `guess-${i}-wrong` },
        { 'cf-connecting-ip': ip() },
      );
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(last!.body.error.code).toBe('rate_limited');
    const retry = Number(last!.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    const right = await anonymous.request(
      'POST',
      '/api/auth/login',
      { email, password: PASSWORD },
      { 'cf-connecting-ip': ip() },
    );
    expect(right.status).toBe(429);
  });

  it('rate-limits one address spraying many accounts', async () => {
    const from = ip();
    const statuses: number[] = [];
    for (let i = 0; i < 52; i++)
      statuses.push(
        (
          await anonymous.request(
            'POST',
            '/api/auth/login',
            { email: uniqueEmail('spray'), password: 'nope nope nope' },
            { 'cf-connecting-ip': from },
          )
        ).status,
      );
    expect(statuses.filter((s) => s === 401)).toHaveLength(50);
    expect(statuses.slice(50)).toEqual([429, 429]);
  });

  it('an invite can never reset the password of an existing account (cross-workspace takeover)', async () => {
    // Attacker: admin of another workspace invites the victim (an existing account) and accepts the invite themselves.
    const attacker = await createTeam('Attacker Co');
    const victimEmail = (await team.admin.get('/api/auth/me')).body.email;
    const invite = await attacker.admin.post('/api/members', { email: victimEmail, name: 'Victim', role: 'viewer' });
    expect(invite.status).toBe(201);
    const hijack = await anonymous.post('/api/auth/accept-invite', {
      token: invite.body.inviteToken,
      password: 'attacker chosen password',
    });
    expect(hijack.status).toBe(401);
    expect(hijack.headers.get('set-cookie')).toBeNull();
    expect(
      (
        await anonymous.request(
          'POST',
          '/api/auth/login',
          { email: victimEmail, password: 'attacker chosen password' },
          { 'cf-connecting-ip': ip() },
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await anonymous.request(
          'POST',
          '/api/auth/login',
          { email: victimEmail, password: PASSWORD },
          { 'cf-connecting-ip': ip() },
        )
      ).status,
    ).toBe(200);
    // The real person joins by proving their existing password; their account is unchanged.
    const joined = await anonymous.post('/api/auth/accept-invite', {
      token: invite.body.inviteToken,
      password: PASSWORD,
    });
    expect(joined.status).toBe(200);
    expect(joined.body.workspaceId).toBe(attacker.workspaceId);
  });
});

describe('sessions', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Session Co');
  });

  it('set the cookie HttpOnly; Secure; SameSite=Lax; Path=/, and store only its hash', async () => {
    const email = (await team.lead.get('/api/auth/me')).body.email;
    const res = await anonymous.request(
      'POST',
      '/api/auth/login',
      { email, password: PASSWORD },
      { 'cf-connecting-ip': ip() },
    );
    const header = res.headers.get('set-cookie')!;
    expect(header).toMatch(/^hadi_session=[A-Za-z0-9_-]{40,};/);
    expect(header).toMatch(/;\s*HttpOnly/i);
    expect(header).toMatch(/;\s*Secure/i);
    expect(header).toMatch(/;\s*SameSite=Lax/i);
    expect(header).toMatch(/;\s*Path=\//i);
    const value = cookieFrom(res).split('=')[1]!;
    expect(await allText()).not.toContain(value);
  });

  it('logout ends the session at once (the old cookie is refused right away)', async () => {
    const email = (await team.member.get('/api/auth/me')).body.email;
    const session = await login(email, PASSWORD);
    expect((await session.get('/api/auth/me')).status).toBe(200);
    const out = await session.post('/api/auth/logout', {});
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/hadi_session=;.*Max-Age=0/i);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect((await session.post('/api/hypotheses', { title: 'after logout' })).status).toBe(401);
  });

  it('a disabled member is locked out at once, a role change applies at the next request', async () => {
    const invite = await team.admin.post('/api/members', { email: uniqueEmail('temp'), name: 'Temp', role: 'member' });
    const accepted = await anonymous.post('/api/auth/accept-invite', {
      token: invite.body.inviteToken,
      password: PASSWORD,
    });
    const temp = new Client({ cookie: cookieFrom(accepted) });
    expect((await temp.post('/api/hypotheses', { title: 'ok' })).status).toBe(201);
    const demoted = await team.admin.patch(`/api/members/${invite.body.member.id}`, { role: 'viewer', version: 2 });
    expect(demoted.status).toBe(200);
    expect((await temp.post('/api/hypotheses', { title: 'no' })).status).toBe(403);
    expect(
      (await team.admin.patch(`/api/members/${invite.body.member.id}`, { status: 'disabled', version: 3 })).status,
    ).toBe(200);
    expect((await temp.get('/api/hypotheses')).status).toBe(401);
  });

  it('rejects forged, truncated and garbage cookies and bearer tokens', async () => {
    for (const cookie of [
      'hadi_session=',
      'hadi_session=x',
      `hadi_session=${'A'.repeat(43)}`,
      'hadi_session=../../etc',
    ]) {
      expect((await new Client({ cookie }).get('/api/auth/me')).status).toBe(401);
    }
    for (const token of ['hadi_', 'hadi_xxxx', "' OR 1=1 --", 'a'.repeat(300)]) {
      expect((await new Client({ token }).get('/api/auth/me')).status).toBe(401);
    }
  });
});

describe('API tokens', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Token Co');
  });

  it('are shown once, stored only as a SHA-256 hash, and never listed', async () => {
    const created = await team.admin.post('/api/tokens', { name: 'Importer', role: 'member' });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^hadi_[A-Za-z0-9_-]{40,}$/);
    const stored = await env.DB.prepare('SELECT token_hash FROM api_tokens WHERE id = ?')
      .bind(created.body.id)
      .first<{ token_hash: string }>();
    expect(stored!.token_hash).toBe(hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))));
    expect(await allText()).not.toContain(token);
    expect(await allText()).not.toContain(token.slice(5));
    const listed = await team.admin.get('/api/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(token.slice(5));
    expect(JSON.stringify(listed.body)).not.toContain(stored!.token_hash);
  });

  it('act with exactly their role', async () => {
    const tokens: Record<string, Client> = {};
    for (const role of ['viewer', 'member', 'lead', 'admin'])
      tokens[role] = new Client({ token: (await team.admin.post('/api/tokens', { name: role, role })).body.token });
    expect((await tokens.viewer!.get('/api/hypotheses')).status).toBe(200);
    expect((await tokens.viewer!.post('/api/hypotheses', { title: 'x' })).status).toBe(403);
    const h = await tokens.member!.post('/api/hypotheses', { title: 'by token' });
    expect(h.status).toBe(201);
    expect((await tokens.member!.post('/api/objectives', { title: 'x' })).status).toBe(403);
    expect((await tokens.lead!.post('/api/objectives', { title: 'by lead token' })).status).toBe(201);
    expect((await tokens.lead!.get('/api/tokens')).status).toBe(403);
    expect((await tokens.lead!.get('/api/audit')).status).toBe(403);
    expect((await tokens.admin!.get('/api/audit')).status).toBe(200);
    // the audit names the token as the actor
    const audit = await team.admin.get(`/api/audit?entityId=${h.body.id}`);
    expect(audit.body.items[0]).toMatchObject({ actorType: 'token', action: 'create' });
  });

  it('stop working the moment they are revoked', async () => {
    const created = await team.admin.post('/api/tokens', { name: 'Short-lived', role: 'lead' });
    const bot = new Client({ token: created.body.token });
    expect((await bot.get('/api/cycles')).status).toBe(200);
    expect((await team.admin.delete(`/api/tokens/${created.body.id}`)).status).toBe(204);
    expect((await bot.get('/api/cycles')).status).toBe(401);
    expect((await bot.post('/api/hypotheses', { title: 'x' })).status).toBe(401);
  });
});

describe('CSRF on cookie-authenticated writes', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Csrf Co');
  });
  const send = (headers: Record<string, string>, body: string) =>
    SELF.fetch(`${ORIGIN}/api/hypotheses`, { method: 'POST', headers, body });

  it('refuses a cookie write that is not JSON (what a cross-site form can send) with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const headers: Record<string, string> = { cookie: team.member.auth.cookie! };
      if (type) headers['content-type'] = type;
      const res = await send(headers, type.includes('urlencoded') ? 'title=csrf' : '{"title":"csrf"}');
      expect(res.status, type).toBe(415);
      expect(((await res.json()) as any).error.code).toBe('unsupported_media_type');
    }
  });

  it('refuses a cookie write from a foreign Origin with 403 and accepts our own', async () => {
    for (const origin of ['https://evil.example', 'null', 'https://hadi.test.evil.example', 'http://hadi.test']) {
      const res = await send(
        { cookie: team.member.auth.cookie!, 'content-type': 'application/json', origin },
        '{"title":"csrf"}',
      );
      expect(res.status, origin).toBe(403);
    }
    const own = await send(
      { cookie: team.member.auth.cookie!, 'content-type': 'application/json', origin: ORIGIN },
      '{"title":"same origin"}',
    );
    expect(own.status).toBe(201);
    const list = await team.member.get('/api/hypotheses?q=csrf');
    expect(list.body.items).toEqual([]);
  });

  it('exempts bearer tokens by design (not ambient credentials a browser attaches)', async () => {
    const token = (await team.admin.post('/api/tokens', { name: 'ci', role: 'member' })).body.token;
    const res = await send(
      { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: 'https://integration.example' },
      '{"title":"from an integration"}',
    );
    expect(res.status).toBe(201);
  });
});
