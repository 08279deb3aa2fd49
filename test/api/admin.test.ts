import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, Client, cookieFrom, createTeam, login, PASSWORD, type Team, uniqueEmail } from './support/client';

/** What the admin screens rely on: people (last admin, disable, re-invite) and the audit filters. */
describe('members: the last admin and disabling', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('People Co');
  });
  const member = async (id: string) =>
    (await team.admin.get('/api/members')).body.items.find((m: { id: string }) => m.id === id);

  it('refuses disabling the last active admin, naming why', async () => {
    const me = await member(team.ids.admin);
    const res = await team.admin.patch(`/api/members/${me.id}`, { status: 'disabled', version: me.version });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('last_admin');
    expect((await member(team.ids.admin)).status).toBe('active');
  });

  it('two admins demoting each other at the same moment leave one admin', async () => {
    const email = uniqueEmail('second-admin');
    const invite = await team.admin.post('/api/members', { email, name: 'Second Admin', role: 'admin' });
    const accepted = await anonymous.post('/api/auth/accept-invite', {
      token: invite.body.inviteToken,
      password: PASSWORD,
    });
    const second = new Client({ cookie: cookieFrom(accepted) });
    const [a, b] = [await member(team.ids.admin), await member(invite.body.member.id)];
    const results = await Promise.all([
      second.patch(`/api/members/${a.id}`, { role: 'lead', version: a.version }),
      team.admin.patch(`/api/members/${b.id}`, { role: 'lead', version: b.version }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    const { results: admins } = await env.DB.prepare(
      "SELECT id FROM members WHERE workspace_id = ? AND role = 'admin' AND status = 'active'",
    )
      .bind(team.workspaceId)
      .all();
    expect(admins).toHaveLength(1);
    expect(statuses).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('last_admin');
    // put the team back: the remaining admin re-promotes the other
    const remaining = admins[0]!.id === a.id ? team.admin : second;
    const demoted = admins[0]!.id === a.id ? await member(b.id) : await member(a.id);
    expect(
      (await remaining.patch(`/api/members/${demoted.id}`, { role: 'admin', version: demoted.version })).status,
    ).toBe(200);
  });

  it('a disabled member is refused at once; re-enabled, they sign in again (old sessions stay dead)', async () => {
    const m = await member(team.ids.viewer);
    const off = await team.admin.patch(`/api/members/${m.id}`, { status: 'disabled', version: m.version });
    expect(off.body.status).toBe('disabled');
    expect((await team.viewer.get('/api/hypotheses')).status).toBe(401);
    const on = await team.admin.patch(`/api/members/${m.id}`, { status: 'active', version: off.body.version });
    expect(on.body.status).toBe('active');
    expect((await team.viewer.get('/api/hypotheses')).status).toBe(401);
    const { results } = await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE member_id = ?').bind(m.id).all();
    expect(results[0]!.n).toBe(0);
    const again = await login(m.email, PASSWORD);
    expect((await again.get('/api/hypotheses')).status).toBe(200);
  });

  it('re-enabling someone who never joined makes them invited again, and a new link replaces the old', async () => {
    const invite = await team.admin.post('/api/members', { email: uniqueEmail('late'), name: 'Late', role: 'member' });
    const id = invite.body.member.id;
    const off = await team.admin.patch(`/api/members/${id}`, { status: 'disabled', version: 1 });
    expect(
      (await anonymous.post('/api/auth/accept-invite', { token: invite.body.inviteToken, password: PASSWORD })).status,
    ).toBe(404);
    const on = await team.admin.patch(`/api/members/${id}`, { status: 'active', version: off.body.version });
    expect(on.body.status).toBe('invited');
    const renewed = await team.admin.post(`/api/members/${id}/invite-link`, {});
    expect(renewed.status).toBe(200);
    expect(renewed.body.inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
    expect(
      (await anonymous.post('/api/auth/accept-invite', { token: invite.body.inviteToken, password: PASSWORD })).status,
    ).toBe(404);
    const joined = await anonymous.post('/api/auth/accept-invite', {
      token: renewed.body.inviteToken,
      password: PASSWORD,
    });
    expect(joined.status).toBe(200);
    expect(joined.body.role).toBe('member');
    expect((await team.admin.post(`/api/members/${id}/invite-link`, {})).body.error.code).toBe('not_invited');
  });
});

describe('audit filters', () => {
  let team: Team;
  let start: string;
  beforeAll(async () => {
    team = await createTeam('Audit Filters Co');
    start = new Date().toISOString();
    await team.member.post('/api/hypotheses', { title: 'Audited by date' });
    await team.admin.post('/api/tokens', { name: 'Filter bot', role: 'member' });
  });
  const entries = async (query: string) => {
    const res = await team.admin.get(`/api/audit?limit=200&${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as { at: string; actorId: string; actorName: string; entity: string; action: string }[];
  };

  it('filters by a date range (from inclusive, to exclusive; a date `to` takes the whole day)', async () => {
    const now = await entries(`from=${encodeURIComponent(start)}`);
    expect(now.map((e) => `${e.entity}.${e.action}`).sort()).toEqual(['hypothesis.create', 'token.create']);
    expect(now.every((e) => e.at >= start)).toBe(true);
    expect(await entries(`to=${encodeURIComponent(start)}`)).not.toContainEqual(
      expect.objectContaining({ entity: 'hypothesis' }),
    );
    const today = start.slice(0, 10);
    const day = await entries(`from=${today}&to=${today}`);
    expect(day.length).toBeGreaterThanOrEqual(now.length);
    expect(day.every((e) => e.at.slice(0, 10) === today)).toBe(true);
    expect(await entries('to=2000-01-01')).toEqual([]);
  });

  it('names the actor: a person by name, a token by its name', async () => {
    const bot = await team.admin.post('/api/tokens', { name: 'Named bot', role: 'member' });
    const created = await new Client({ token: bot.body.token }).post('/api/hypotheses', { title: 'From a bot' });
    const [byBot] = await entries(`entityId=${created.body.id}`);
    expect(byBot).toMatchObject({ actorId: bot.body.id, actorName: 'Named bot' });
    const byMember = await entries(`actorId=${team.ids.member}`);
    expect(byMember.length).toBeGreaterThan(0);
    expect(byMember.every((e) => e.actorName === 'member person')).toBe(true);
  });

  it('pages through a filtered range with the keyset cursor, each entry once, newest first', async () => {
    const from = new Date().toISOString();
    for (let i = 0; i < 7; i++) await team.member.post('/api/hypotheses', { title: `Paged ${i}` });
    const seen: { id: string; at: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: any } = await team.admin.get(
        `/api/audit?limit=3&entity=hypothesis&from=${encodeURIComponent(from)}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen.map((e) => e.id)).size).toBe(7);
    expect(seen.map((e) => e.at)).toEqual([...seen.map((e) => e.at)].sort().reverse());
  });

  it('refuses bad filters with 400 naming the field', async () => {
    for (const [query, field] of [
      ['from=yesterday', 'from'],
      ['to=2026-13-01', 'to'],
      ['from=2026-02-02&to=2026-02-01', 'to'],
      ['entity=Hypo%20thesis', 'entity'],
    ] as const) {
      const res = await team.admin.get(`/api/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(Object.keys(res.body.error.fields), query).toContain(field);
    }
  });
});
