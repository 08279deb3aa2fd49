import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { anonymous, cookieFrom, createTeam, login, PASSWORD, uniqueEmail } from '../support/client';

const passwordOf = async (email: string) =>
  (
    await env.DB.prepare('SELECT password_hash AS hash FROM users WHERE email = ?')
      .bind(email)
      .first<{ hash: string | null }>()
  )?.hash ?? null;

/** Signs in from a fresh address each time, so the per-address login limit never masks the answer. */
const loginFrom = (email: string, password: string) =>
  anonymous.request('POST', '/api/auth/login', { email, password }, { 'cf-connecting-ip': crypto.randomUUID() });

/** Invite acceptance from a fresh address (the per-address limit is shared with createTeam's own acceptances). */
const acceptFrom = (body: Record<string, unknown>) =>
  anonymous.request('POST', '/api/auth/accept-invite', body, { 'cf-connecting-ip': crypto.randomUUID() });

describe('invites across workspaces never hand over an account', () => {
  it('a second workspace cannot set the password of an account still pending another workspace’s invite', async () => {
    const a = await createTeam('First inviter');
    const b = await createTeam('Second inviter (attacker)');
    const email = uniqueEmail('pending-victim');
    const first = await a.admin.post('/api/members', { email, name: 'Pat', role: 'member' });
    expect(first.status).toBe(201);

    // The attack: B invites the same email and accepts its own invite first, with a password of B's choosing.
    const second = await b.admin.post('/api/members', { email, name: 'Pat', role: 'viewer' });
    expect(second.status).toBe(201);
    const hijack = await acceptFrom({
      token: second.body.inviteToken,
      password: 'attacker chosen password',
      name: 'Owned',
    });
    expect(hijack.status).toBe(401);
    expect(hijack.body.error.code).toBe('invalid_credentials');
    expect(hijack.headers.get('set-cookie')).toBeNull();
    expect(await passwordOf(email), 'no password was set').toBeNull();
    expect((await loginFrom(email, 'attacker chosen password')).status).toBe(401);

    // The refusal reads exactly like a wrong password for an account that already has one: it tells B nothing more.
    const existing = (await b.lead.get('/api/auth/me')).body.email as string;
    const c = await createTeam('Third');
    const third = await c.admin.post('/api/members', { email: existing, name: 'Someone', role: 'viewer' });
    const wrong = await acceptFrom({
      token: third.body.inviteToken,
      password: 'attacker chosen password',
    });
    expect({ status: wrong.status, body: wrong.body }).toEqual({ status: hijack.status, body: hijack.body });

    // The real person opens the first invite and sets their own password; the attacker's password never works.
    const accepted = await acceptFrom({
      token: first.body.inviteToken,
      password: PASSWORD,
      name: 'Pat Real',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ workspaceId: a.workspaceId, name: 'Pat Real', role: 'member' });
    expect((await loginFrom(email, 'attacker chosen password')).status).toBe(401);
    expect((await loginFrom(email, PASSWORD)).status).toBe(200);

    // B's invite still stands: the person accepts it with their own password, or signed in, from the app.
    const viaLink = await acceptFrom({
      token: second.body.inviteToken,
      password: PASSWORD,
    });
    expect(viaLink.status).toBe(200);
    expect(viaLink.body).toMatchObject({ workspaceId: b.workspaceId, name: 'Pat Real', role: 'viewer' });
    const person = await login(email, PASSWORD);
    expect((await person.get('/api/workspaces')).body.items.map((w: { id: string }) => w.id).sort()).toEqual(
      [a.workspaceId, b.workspaceId].sort(),
    );
  });

  it('two workspaces inviting one new email at once: one invite creates the account, the other is a later invite', async () => {
    const a = await createTeam('Creator');
    const b = await createTeam('Later');
    const email = uniqueEmail('order');
    const later = await Promise.all([
      a.admin.post('/api/members', { email, name: 'Kim', role: 'viewer' }),
      b.admin.post('/api/members', { email, name: 'Kim', role: 'viewer' }),
    ]);
    expect(later.map((r) => r.status)).toEqual([201, 201]);
    const flags = await env.DB.prepare(
      'SELECT m.invite_sets_password AS sets FROM members m JOIN users u ON u.id = m.user_id WHERE u.email = ?',
    )
      .bind(email)
      .all<{ sets: number }>();
    expect(flags.results.map((r) => r.sets).sort(), 'exactly one invite may set the password').toEqual([0, 1]);
    // The same workspace inviting one email twice at once: one invite, one 409, never a 500.
    const same = uniqueEmail('double');
    const racing = await Promise.all(
      [1, 2].map(() => a.admin.post('/api/members', { email: same, name: 'X', role: 'viewer' })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('one invite link accepted twice at once sets one password, once', async () => {
    const a = await createTeam('Race');
    const email = uniqueEmail('race');
    const invite = await a.admin.post('/api/members', { email, name: 'Rae', role: 'viewer' });
    const answers = await Promise.all(
      ['first password here', 'second password here'].map((password) =>
        acceptFrom({ token: invite.body.inviteToken, password }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 404]);
    const winner = answers.findIndex((r) => r.status === 200);
    const [good, bad] =
      winner === 0 ? ['first password here', 'second password here'] : ['second password here', 'first password here'];
    expect((await loginFrom(email, good)).status).toBe(200);
    expect((await loginFrom(email, bad)).status).toBe(401);
  });

  it('inviting an existing account answers only with what the admin sent: no stored name, no other workspace', async () => {
    const a = await createTeam('Victim workspace');
    const b = await createTeam('Curious workspace');
    const me = (await a.lead.get('/api/auth/me')).body as { email: string; name: string };
    // The stored name is A's business; make it distinctive so any echo would show.
    await env.DB.prepare('UPDATE users SET name = ? WHERE email = ?').bind('Lee Secret-Surname', me.email).run();

    const invite = await b.admin.post('/api/members', { email: me.email, name: 'Lee', role: 'viewer' });
    const fresh = await b.admin.post('/api/members', { email: uniqueEmail('new'), name: 'New', role: 'viewer' });
    expect(invite.status).toBe(fresh.status);
    const shape = (body: unknown): unknown =>
      body && typeof body === 'object'
        ? Object.fromEntries(Object.entries(body).map(([k, v]) => [k, shape(v)]))
        : typeof body;
    expect(shape(invite.body), 'an existing account looks like a new one').toEqual(shape(fresh.body));
    expect(invite.body.member).toMatchObject({ name: 'Lee', email: me.email, status: 'invited' });
    const answers = JSON.stringify([
      invite.body,
      (await b.admin.get('/api/members')).body,
      (await b.viewer.get('/api/members')).body,
    ]);
    expect(answers).not.toContain('Secret-Surname');
    expect(answers).not.toContain(a.workspaceId);
    expect(answers).not.toContain('Victim workspace');
    // A wrong password on B's invite link does not reveal the name or A either.
    const refused = await acceptFrom({
      token: invite.body.inviteToken,
      password: 'a guess at it',
    });
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).not.toMatch(/Secret-Surname|Victim workspace/);

    // Once the person joins B themselves, B sees their own name, as for any member.
    const joined = await acceptFrom({
      token: invite.body.inviteToken,
      password: PASSWORD,
    });
    expect(joined.status).toBe(200);
    const names = (await b.admin.get('/api/members')).body.items.map((m: { name: string }) => m.name);
    expect(names).toContain('Lee Secret-Surname');
    expect(cookieFrom(joined)).toMatch(/^hadi_session=/);
  });
});
