import { env } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../worker/app';
import {
  accessCertsFetcher,
  accessConfig,
  verifyAccessJwt,
  type AccessJwk,
  type FetchKeys,
} from '../../worker/auth/access';
import { anonymous, Client, createTeam, ORIGIN, PASSWORD, uniqueEmail, type Team } from './support/client';

// Cloudflare Access sign-in: tokens are signed here with a WebCrypto RSA key standing in for the team's key.
const TEAM = 'https://hadi-test.cloudflareaccess.com';
const AUD = 'aud-tag-0123456789abcdef';
const KID = 'test-key-1';

const utf8 = (s: string) => new TextEncoder().encode(s);
const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const part = (obj: unknown) => b64url(utf8(JSON.stringify(obj)));
const now = () => Math.floor(Date.now() / 1000);

const rsa = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};
let signer: CryptoKeyPair;
let otherSigner: CryptoKeyPair;
let jwk: AccessJwk;

async function sign(
  payload: Record<string, unknown>,
  { header = {}, key = signer.privateKey }: { header?: Record<string, unknown>; key?: CryptoKey } = {},
) {
  const input = `${part({ alg: 'RS256', kid: KID, typ: 'JWT', ...header })}.${part(payload)}`;
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, utf8(input));
  return `${input}.${b64url(new Uint8Array(signature))}`;
}

const claims = (over: Record<string, unknown> = {}) => ({
  iss: TEAM,
  aud: [AUD],
  email: 'someone@example.com',
  sub: crypto.randomUUID(),
  iat: now() - 5,
  nbf: now() - 5,
  exp: now() + 600,
  ...over,
});

beforeAll(async () => {
  signer = (await crypto.subtle.generateKey(rsa, true, ['sign', 'verify'])) as CryptoKeyPair;
  otherSigner = (await crypto.subtle.generateKey(rsa, true, ['sign', 'verify'])) as CryptoKeyPair;
  jwk = {
    ...((await crypto.subtle.exportKey('jwk', signer.publicKey)) as JsonWebKey),
    kid: KID,
    alg: 'RS256',
    use: 'sig',
  };
  delete jwk.key_ops;
});

describe('verifyAccessJwt', () => {
  const keys = (): FetchKeys => vi.fn(async () => [jwk]);
  const verify = (token: string, fetchKeys = keys()) =>
    verifyAccessJwt(token, { teamDomain: TEAM, aud: AUD, fetchKeys });

  it('returns the claims of a valid token (aud as an array or a string)', async () => {
    const payload = claims();
    expect(await verify(await sign(payload))).toMatchObject({ email: payload.email, sub: payload.sub, iss: TEAM });
    expect((await verify(await sign(claims({ aud: AUD })))).aud).toBe(AUD);
  });

  it.each([
    ['wrong aud', claims({ aud: ['someone-elses-app'] })],
    ['no aud', claims({ aud: undefined })],
    ['wrong iss', claims({ iss: 'https://evil.cloudflareaccess.com' })],
    ['no iss', claims({ iss: undefined })],
    ['expired', claims({ exp: now() - 1 })],
    ['no exp', claims({ exp: undefined })],
    ['not yet valid', claims({ nbf: now() + 120 })],
  ])('rejects a token with %s', async (_, payload) => {
    await expect(verify(await sign(payload))).rejects.toThrow(/Access token/);
  });

  it('rejects a bad signature: another key, or a payload edited after signing', async () => {
    await expect(verify(await sign(claims(), { key: otherSigner.privateKey }))).rejects.toThrow(/rejected/);
    const [h, , s] = (await sign(claims())).split('.');
    await expect(verify(`${h}.${part(claims({ email: 'admin@example.com' }))}.${s}`)).rejects.toThrow(/rejected/);
  });

  it('rejects an unknown kid after exactly one refetch of the keys', async () => {
    const fetchKeys = keys();
    await expect(verify(await sign(claims(), { header: { kid: 'rotated-away' } }), fetchKeys)).rejects.toThrow(
      /unknown key/,
    );
    expect(vi.mocked(fetchKeys).mock.calls).toEqual([[{ refresh: false }], [{ refresh: true }]]);
  });

  it('accepts a token signed with a key that only the refetch returns (rotation)', async () => {
    const fetchKeys: FetchKeys = vi.fn(async ({ refresh }) => (refresh ? [jwk] : [{ ...jwk, kid: 'old' }]));
    expect((await verify(await sign(claims()), fetchKeys)).email).toBe('someone@example.com');
  });

  it('rejects alg none, HS256 (even keyed with the public key), RS384/RS512 headers, no kid and garbage', async () => {
    const body = part(claims());
    await expect(verify(`${part({ alg: 'none', kid: KID, typ: 'JWT' })}.${body}.`)).rejects.toThrow();
    const hmac = await crypto.subtle.importKey(
      'raw',
      utf8(JSON.stringify(jwk)),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const hsInput = `${part({ alg: 'HS256', kid: KID, typ: 'JWT' })}.${body}`;
    const hs = `${hsInput}.${b64url(new Uint8Array(await crypto.subtle.sign('HMAC', hmac, utf8(hsInput))))}`;
    await expect(verify(hs)).rejects.toThrow(/rejected/);
    await expect(verify(await sign(claims(), { header: { alg: 'RS512' } }))).rejects.toThrow(/rejected/);
    await expect(verify(await sign(claims(), { header: { kid: undefined } }))).rejects.toThrow(/no key id/);
    for (const junk of ['', 'abc', 'a.b.c', `${body}.${body}`])
      await expect(verify(junk)).rejects.toThrow(/Access token/);
  });
});

describe('accessConfig', () => {
  it('is off unless both settings are present, and normalises the team domain', () => {
    expect(accessConfig({})).toBeNull();
    expect(accessConfig({ ACCESS_TEAM_DOMAIN: TEAM })).toBeNull();
    expect(accessConfig({ ACCESS_AUD: AUD })).toBeNull();
    expect(accessConfig({ ACCESS_TEAM_DOMAIN: ' ', ACCESS_AUD: AUD })).toBeNull();
    expect(accessConfig({ ACCESS_TEAM_DOMAIN: 'myteam.cloudflareaccess.com/', ACCESS_AUD: AUD })).toEqual({
      teamDomain: 'https://myteam.cloudflareaccess.com',
      aud: AUD,
    });
  });
});

/** Serves the test key at `<team>/cdn-cgi/access/certs` to the Worker's own fetch (it runs in this isolate). */
function serveCerts(team = TEAM) {
  const real = globalThis.fetch;
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === `${team}/cdn-cgi/access/certs`)
      return Response.json({ keys: [jwk], public_cert: { kid: KID, cert: '' } });
    return real(input, init);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('accessCertsFetcher', () => {
  it('caches the keys, and a forced refresh refetches at most every 30 seconds', async () => {
    const team = 'https://cache-test.cloudflareaccess.com';
    const fetchSpy = serveCerts(team);
    const fetchKeys = accessCertsFetcher(team);
    const t0 = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(t0);
    expect(await fetchKeys({ refresh: false })).toEqual([jwk]);
    await fetchKeys({ refresh: false });
    await fetchKeys({ refresh: true });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    clock.mockReturnValue(t0 + 31_000);
    await fetchKeys({ refresh: true });
    expect(fetchSpy).toHaveBeenCalledTimes(2);
    await fetchKeys({ refresh: false });
    expect(fetchSpy).toHaveBeenCalledTimes(2);
    clock.mockReturnValue(t0 + 31_000 + 5 * 60_000);
    await fetchKeys({ refresh: false });
    expect(fetchSpy).toHaveBeenCalledTimes(3);
  });
});

describe('the Worker behind Cloudflare Access', () => {
  let team: Team;
  const emails = {} as Record<'admin' | 'lead' | 'member' | 'viewer', string>;
  // The real app on the real local D1, with the two Access settings added to the test env.
  const app = createApp();
  const accessEnv = { ...env, ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD };
  const call = async (
    path: string,
    assertion: string | null,
    init: RequestInit & { headers?: Record<string, string> } = {},
  ) => {
    const headers = new Headers(init.headers);
    if (assertion) headers.set('cf-access-jwt-assertion', assertion);
    const res = await app.request(`${ORIGIN}${path}`, { ...init, headers }, accessEnv);
    return { status: res.status, body: (await res.json()) as any };
  };
  const as = async (email: string) => sign(claims({ email }));

  beforeAll(async () => {
    team = await createTeam('Access Co');
    for (const role of ['admin', 'lead', 'member', 'viewer'] as const)
      emails[role] = (await team[role].get('/api/auth/me')).body.email;
  });

  it('signs an active member in with their role (case-insensitive email)', async () => {
    serveCerts();
    const res = await call('/api/hypotheses', await as(emails.lead.toUpperCase()));
    expect(res.status).toBe(200);
    const me = await call('/api/auth/me', await as(emails.lead));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      email: emails.lead,
      role: 'lead',
      workspaceId: team.workspaceId,
      memberId: team.ids.lead,
    });
    const created = await call('/api/hypotheses', await as(emails.member), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Via Access' }),
    });
    expect(created.status).toBe(201);
    const viewerWrite = await call('/api/hypotheses', await as(emails.viewer), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'no' }),
    });
    expect(viewerWrite.status).toBe(403);
  });

  it('refuses an Access identity with no Hadi membership (403, no auto-provisioning) and a disabled member', async () => {
    serveCerts();
    const stranger = await call('/api/hypotheses', await as('stranger@example.com'));
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toMatch(/no active Hadi membership/);
    expect((await call('/api/hypotheses', await sign(claims({ email: undefined })))).status).toBe(403);

    const leaver = uniqueEmail('leaver');
    const invite = await team.admin.post('/api/members', { email: leaver, name: 'Leaver', role: 'member' });
    // Invited but not yet accepted is not a membership either.
    expect((await call('/api/hypotheses', await as(leaver))).status).toBe(403);
    await anonymous.post('/api/auth/accept-invite', { token: invite.body.inviteToken, password: PASSWORD });
    expect((await call('/api/hypotheses', await as(leaver))).status).toBe(200);
    expect(
      (await team.admin.patch(`/api/members/${invite.body.member.id}`, { status: 'disabled', version: 2 })).status,
    ).toBe(200);
    expect((await call('/api/hypotheses', await as(leaver))).status).toBe(403);
  });

  it('refuses a forged or mis-addressed assertion with 401', async () => {
    serveCerts();
    expect(
      (await call('/api/hypotheses', await sign(claims({ email: emails.admin }), { key: otherSigner.privateKey })))
        .status,
    ).toBe(401);
    expect(
      (await call('/api/hypotheses', await sign(claims({ email: emails.admin, aud: ['other-app'] })))).status,
    ).toBe(401);
    expect((await call('/api/hypotheses', 'not-a-jwt')).status).toBe(401);
    expect((await call('/api/hypotheses', null)).status).toBe(401);
  });

  it('applies the cookie CSRF rules to Access-authenticated writes', async () => {
    serveCerts();
    const assertion = await as(emails.member);
    expect(
      (
        await call('/api/hypotheses', assertion, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: '{"title":"x"}',
        })
      ).status,
    ).toBe(415);
    expect(
      (
        await call('/api/hypotheses', assertion, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
          body: '{"title":"x"}',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call('/api/hypotheses', assertion, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: ORIGIN },
          body: '{"title":"x"}',
        })
      ).status,
    ).toBe(201);
  });

  it('a bearer token or a valid session cookie takes precedence over the Access header', async () => {
    const fetchSpy = serveCerts();
    const token = await team.admin.post('/api/tokens', { name: 'Importer', role: 'viewer' });
    const adminAssertion = await as(emails.admin);
    const viaToken = await call('/api/auth/me', adminAssertion, {
      headers: { authorization: `Bearer ${token.body.token}` },
    });
    expect(viaToken.body).toMatchObject({ role: 'viewer', tokenId: token.body.id, email: null });
    // A wrong bearer token is a 401 even with a valid Access header: an explicit credential is never swapped.
    expect(
      (await call('/api/auth/me', adminAssertion, { headers: { authorization: 'Bearer hadi_wrong' } })).status,
    ).toBe(401);
    const viaCookie = await call('/api/auth/me', adminAssertion, { headers: { cookie: team.viewer.auth.cookie! } });
    expect(viaCookie.body).toMatchObject({ role: 'viewer', email: emails.viewer });
    // A stale cookie does not lock an Access user out.
    const stale = await call('/api/auth/me', adminAssertion, {
      headers: { cookie: 'hadi_session=expired-or-made-up' },
    });
    expect(stale.body).toMatchObject({ role: 'admin', email: emails.admin });
    expect(
      fetchSpy.mock.calls.every(([input]) => String(input instanceof Request ? input.url : input).startsWith(TEAM)),
    ).toBe(true);
  });

  it('answers 503 (not a sign-in, not a 500) when the team keys cannot be fetched', async () => {
    const down = 'https://down.cloudflareaccess.com';
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('bad gateway', { status: 502 }));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await app.request(
      `${ORIGIN}/api/hypotheses`,
      { headers: { 'cf-access-jwt-assertion': await sign(claims({ iss: down, email: emails.admin })) } },
      { ...env, ACCESS_TEAM_DOMAIN: down, ACCESS_AUD: AUD },
    );
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).error.code).toBe('access_unavailable');
  });

  it('ignores the header entirely when Access is not configured (the deployed Worker without the vars)', async () => {
    const fetchSpy = serveCerts();
    const assertion = await as(emails.admin);
    const res = await new Client().request('GET', '/api/hypotheses', undefined, {
      'cf-access-jwt-assertion': assertion,
    });
    expect(res.status).toBe(401);
    const direct = await app.request(
      `${ORIGIN}/api/hypotheses`,
      { headers: { 'cf-access-jwt-assertion': assertion } },
      { ...env, ACCESS_TEAM_DOMAIN: TEAM },
    );
    expect(direct.status).toBe(401);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
