import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, Client, cookieFrom, createTeam, login, PASSWORD, uniqueEmail, type Team } from './support/client';
import { catalog, fullHypothesis, winningResults } from './support/fixtures';

const HEADER = 'x-hadi-workspace';

/** The same signed-in person, acting in one named workspace through the X-Hadi-Workspace header (as the PWA does). */
const inWorkspace = (client: Client, workspaceId: string) => ({
  get: (path: string) => client.request('GET', path, undefined, { [HEADER]: workspaceId }),
  post: (path: string, body: unknown = {}) => client.request('POST', path, body, { [HEADER]: workspaceId }),
  patch: (path: string, body: unknown) => client.request('PATCH', path, body, { [HEADER]: workspaceId }),
  delete: (path: string) => client.request('DELETE', path, undefined, { [HEADER]: workspaceId }),
});

/** A fresh session of the lead of `team` (an agency lead who will run a second client from the same sign-in). */
async function leadSession(team: Team) {
  const email = (await team.lead.get('/api/auth/me')).body.email as string;
  return { email, client: await login(email, PASSWORD) };
}

describe('several workspaces per person', () => {
  let a: Team;
  beforeAll(async () => {
    a = await createTeam('Agency client A');
  });

  it('creates a workspace through the API: 201, the creator is its admin, defaults and currency', async () => {
    const { client } = await leadSession(a);
    const created = await client.post('/api/workspaces', {
      name: 'Client B',
      currency: 'usd',
      timeZone: 'europe/berlin',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Client B',
      role: 'admin',
      currency: 'USD',
      timeZone: 'Europe/Berlin',
    });
    const plain = await client.post('/api/workspaces', { name: 'Client C' });
    expect(plain.body).toMatchObject({ role: 'admin', currency: 'EUR', timeZone: 'UTC' });
    const list = await client.get('/api/workspaces');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      { id: a.workspaceId, name: 'Agency client A', role: 'lead', currency: 'EUR', timeZone: 'UTC' },
      created.body,
      plain.body,
    ]);
    // The new workspace has the default catalog, and only its creator.
    const inB = inWorkspace(client, created.body.id);
    expect((await inB.get('/api/metrics')).body.items.length).toBeGreaterThan(3);
    expect((await inB.get('/api/members')).body.items.map((m: { role: string }) => m.role)).toEqual(['admin']);
    // The session is still in A: no header means the workspace it was started in.
    expect((await client.get('/api/auth/me')).body).toMatchObject({ workspaceId: a.workspaceId, role: 'lead' });
  });

  it('refuses bad settings with a 400 naming the field', async () => {
    const { client } = await leadSession(a);
    for (const [body, field] of [
      [{ name: 'X', currency: 'EURO' }, 'currency'],
      [{ name: 'X', currency: 'XYZ' }, 'currency'],
      [{ name: '  ' }, 'name'],
      [{ name: 'X', timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ name: 'X', timeZone: '+01:00' }, 'timeZone'],
      [{}, 'name'],
    ] as const) {
      const res = await client.post('/api/workspaces', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields, JSON.stringify(body)).toHaveProperty([field]);
    }
  });

  it('switches the session only into a workspace the person belongs to (403 otherwise), and API tokens never switch', async () => {
    const { client } = await leadSession(a);
    const b = (await client.post('/api/workspaces', { name: 'Switch B' })).body;
    const stranger = await createTeam('Not yours');
    expect((await client.post('/api/auth/switch', { workspaceId: stranger.workspaceId })).status).toBe(403);
    expect((await client.post('/api/auth/switch', { workspaceId: crypto.randomUUID() })).status).toBe(403);
    expect((await client.post('/api/auth/switch', {})).body.error.fields).toHaveProperty(['workspaceId']);

    const switched = await client.post('/api/auth/switch', { workspaceId: b.id });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ workspaceId: b.id, workspace: 'Switch B', role: 'admin', currency: 'EUR' });
    const moved = new Client({ cookie: cookieFrom(switched) });
    expect((await moved.get('/api/auth/me')).body.workspaceId).toBe(b.id);
    expect((await client.get('/api/auth/me')).status, 'the old session ends').toBe(401);
    // Asking for a workspace you are not in is a 403 on every endpoint, never a fallback to your own.
    expect((await inWorkspace(moved, stranger.workspaceId).get('/api/hypotheses')).status).toBe(403);

    const token = (await inWorkspace(moved, b.id).post('/api/tokens', { name: 'B bot', role: 'admin' })).body.token;
    const bot = new Client({ token });
    expect((await bot.post('/api/auth/switch', { workspaceId: a.workspaceId })).status).toBe(403);
    expect((await inWorkspace(bot, a.workspaceId).get('/api/hypotheses')).status).toBe(403);
    expect((await bot.post('/api/workspaces', { name: 'Bot made' })).status).toBe(403);
    expect((await bot.get('/api/workspaces')).body.items.map((w: { id: string }) => w.id)).toEqual([b.id]);
  });

  it('isolates every resource between two workspaces that share a person', async () => {
    const { client } = await leadSession(a);
    const b = (await client.post('/api/workspaces', { name: 'Isolated B' })).body;
    const inA = inWorkspace(client, a.workspaceId);
    const inB = inWorkspace(client, b.id);

    // In B, as its admin: every kind of record, through the API.
    const { metric, channel } = await catalog(inB as unknown as Client);
    const objective = (await inB.post('/api/objectives', { title: 'B objective' })).body;
    const hypothesis = (
      await inB.post(
        '/api/hypotheses',
        fullHypothesis({ channelId: channel('Paid search'), metricId: metric('Conversion rate') }),
      )
    ).body;
    const cycle = (
      await inB.post('/api/cycles', {
        hypothesisId: hypothesis.id,
        name: 'B test',
        variants: [
          { key: 'control', name: 'Control', weight: 1 },
          { key: 'banner', name: 'Banner', weight: 1 },
        ],
        decisionRule: {
          primaryMetricId: metric('Conversion rate'),
          method: 'frequentist',
          alpha: 0.05,
          minRelativeLift: 0.02,
          guardrails: [{ metricId: metric('CPA'), maxWorsening: 0.1, scale: 'relative' }],
          minDays: 0,
          plannedSampleSizePerVariant: 5000,
        },
      })
    ).body;
    expect((await inB.post(`/api/cycles/${cycle.id}/launch`, {})).status).toBe(200);
    expect((await inB.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric))).status).toBe(201);
    const closed = await inB.post(`/api/cycles/${cycle.id}/close`, {
      decision: 'ship',
      overrideReason: 'test',
      learning: { summary: 'B learning' },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const token = (await inB.post('/api/tokens', { name: 'B token', role: 'viewer' })).body;
    const invite = (
      await inB.post('/api/members', { email: uniqueEmail('b-person'), name: 'B person', role: 'viewer' })
    ).body;
    const bIds = {
      objective: objective.id,
      hypothesis: hypothesis.id,
      cycle: cycle.id,
      learning: closed.body.learning.id,
      channel: channel('Paid search'),
      metric: metric('CPA'),
      token: token.id,
      member: invite.member.id,
    };

    // The same person in A, with every role of A, sees none of it: by id 404, in lists nowhere.
    const byId = [
      `/api/objectives/${bIds.objective}`,
      `/api/hypotheses/${bIds.hypothesis}`,
      `/api/cycles/${bIds.cycle}`,
      `/api/cycles/${bIds.cycle}/snapshots`,
      `/api/cycles/${bIds.cycle}/analysis`,
      `/api/learnings/${bIds.learning}`,
      `/api/channels/${bIds.channel}`,
      `/api/metrics/${bIds.metric}`,
    ];
    for (const viewer of [inA, a.admin, a.viewer]) {
      for (const path of byId) expect((await viewer.get(path)).status, path).toBe(404);
      const lists = await Promise.all(
        [
          '/api/objectives',
          '/api/hypotheses?limit=200',
          '/api/cycles?limit=200',
          '/api/learnings',
          '/api/channels',
          '/api/metrics',
          '/api/members',
          '/api/audit?limit=200',
        ].map((p) => viewer.get(p)),
      );
      const text = JSON.stringify(lists.map((l) => l.body));
      for (const id of Object.values(bIds)) expect(text).not.toContain(id);
      expect(text).not.toContain(b.id);
    }
    expect((await a.admin.get('/api/tokens')).body.items.map((t: { id: string }) => t.id)).not.toContain(bIds.token);
    // Writes aimed at B's records from A are 404 and change nothing.
    expect((await inA.patch(`/api/hypotheses/${bIds.hypothesis}`, { title: 'from A', version: 1 })).status).toBe(404);
    expect((await a.admin.patch(`/api/members/${bIds.member}`, { role: 'admin', version: 1 })).status).toBe(404);
    expect((await a.admin.delete(`/api/tokens/${bIds.token}`)).status).toBe(404);
    expect((await inB.get(`/api/hypotheses/${bIds.hypothesis}`)).body.title).toBe(hypothesis.title);
    // And the other way round: A's hypotheses are not in B.
    const aIdea = (await inA.post('/api/hypotheses', { title: 'Only in A' })).body;
    expect((await inB.get(`/api/hypotheses/${aIdea.id}`)).status).toBe(404);
    expect(JSON.stringify((await inB.get('/api/hypotheses?limit=200')).body)).not.toContain(aIdea.id);
    // A client id already used in one workspace cannot be reused to reach it from the other.
    expect((await inB.post('/api/hypotheses', { id: aIdea.id, title: 'Clash' })).status).toBe(409);
  });

  it('lets admins edit the name, currency and time zone (versioned, audited); others are refused', async () => {
    const s = await a.viewer.get('/api/workspace');
    expect(s.body).toMatchObject({ id: a.workspaceId, name: 'Agency client A', currency: 'EUR', version: 1 });
    expect((await a.lead.patch('/api/workspace', { currency: 'USD', version: 1 })).status).toBe(403);
    const bad = await a.admin.patch('/api/workspace', { currency: 'DOLLARS', version: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty(['currency']);
    const zone = await a.admin.patch('/api/workspace', { timeZone: 'Nowhere/City', version: 1 });
    expect(zone.body.error.fields).toHaveProperty(['timeZone']);
    const ok = await a.admin.patch('/api/workspace', {
      name: 'Client A (EU)',
      currency: 'GBP',
      timeZone: 'Europe/London',
      version: 1,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ name: 'Client A (EU)', currency: 'GBP', timeZone: 'Europe/London', version: 2 });
    const stale = await a.admin.patch('/api/workspace', { currency: 'CHF', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ currency: 'GBP', version: 2 });
    expect((await a.member.get('/api/auth/me')).body).toMatchObject({ currency: 'GBP', timeZone: 'Europe/London' });
    const audit = await a.admin.get(`/api/audit?entity=workspace&entityId=${a.workspaceId}`);
    expect(audit.body.items[0]).toMatchObject({
      action: 'update',
      before: { currency: 'EUR' },
      after: { currency: 'GBP', name: 'Client A (EU)' },
    });
  });
});

describe('leaving and removal', () => {
  it('leaving takes effect on the next request; the browser moves on to the next workspace', async () => {
    const team = await createTeam('Leave Co');
    const { client } = await leadSession(team);
    const other = (await client.post('/api/workspaces', { name: 'Still mine' })).body;
    const left = await client.post('/api/workspace/leave');
    expect(left.status, JSON.stringify(left.body)).toBe(200);
    expect(left.body).toMatchObject({ left: team.workspaceId, me: { workspaceId: other.id, role: 'admin' } });
    expect((await client.get('/api/hypotheses')).status, 'the old session ended').toBe(401);
    expect((await team.lead.get('/api/hypotheses')).status, 'every session of that membership ended').toBe(401);
    const moved = new Client({ cookie: cookieFrom(left) });
    expect((await inWorkspace(moved, team.workspaceId).get('/api/hypotheses')).status).toBe(403);
    expect((await moved.get('/api/workspaces')).body.items.map((w: { id: string }) => w.id)).toEqual([other.id]);
    expect((await moved.post('/api/auth/switch', { workspaceId: team.workspaceId })).status).toBe(403);
    const audit = await team.admin.get('/api/audit?entity=member');
    expect(audit.body.items.some((e: { action: string }) => e.action === 'leave')).toBe(true);
  });

  it('the last admin cannot leave or be demoted; with a second admin they can', async () => {
    const team = await createTeam('Last admin Co');
    const leave = await team.admin.post('/api/workspace/leave');
    expect(leave.status).toBe(409);
    expect(leave.body.error.code).toBe('last_admin');
    const members = (await team.admin.get('/api/members')).body.items as {
      id: string;
      role: string;
      version: number;
    }[];
    const me = members.find((m) => m.id === team.ids.admin)!;
    expect((await team.admin.patch(`/api/members/${me.id}`, { role: 'lead', version: me.version })).status).toBe(409);
    const lead = members.find((m) => m.id === team.ids.lead)!;
    expect((await team.admin.patch(`/api/members/${lead.id}`, { role: 'admin', version: lead.version })).status).toBe(
      200,
    );
    const bye = await team.admin.post('/api/workspace/leave');
    expect(bye.status).toBe(200);
    expect(bye.body.me).toBeNull();
    expect(bye.headers.get('set-cookie')).toMatch(/hadi_session=;/);
    expect((await team.admin.get('/api/auth/me')).status).toBe(401);
    expect((await team.lead.post('/api/workspace/leave')).status, 'now the lead is the last admin').toBe(409);
  });

  it('an admin removing a member takes effect on that person’s next request, in that workspace only', async () => {
    const team = await createTeam('Remove Co');
    const { client, email } = await leadSession(team);
    const mine = (await client.post('/api/workspaces', { name: 'Kept' })).body;
    // One browser switched into the person's own workspace and reaches the team's through the header (the PWA's
    // other tab, or its outbox); the other browser is still in the team's workspace.
    const elsewhere = new Client({
      cookie: cookieFrom(await (await login(email, PASSWORD)).post('/api/auth/switch', { workspaceId: mine.id })),
    });
    const lead = (await team.admin.get('/api/members')).body.items.find((m: { id: string }) => m.id === team.ids.lead);
    expect((await inWorkspace(elsewhere, team.workspaceId).get('/api/hypotheses')).status).toBe(200);
    expect((await client.get('/api/hypotheses')).status).toBe(200);
    expect(
      (await team.admin.patch(`/api/members/${lead.id}`, { status: 'disabled', version: lead.version })).status,
    ).toBe(200);
    expect((await inWorkspace(elsewhere, team.workspaceId).get('/api/hypotheses')).status).toBe(403);
    expect((await inWorkspace(elsewhere, team.workspaceId).post('/api/hypotheses', { title: 'x' })).status).toBe(403);
    expect((await client.get('/api/hypotheses')).status, 'a session in that workspace is over').toBe(401);
    expect((await elsewhere.get('/api/hypotheses')).status, 'their own workspace still works').toBe(200);
    // That browser's session was started in the removed membership, so removal ended it (re-enabling must not
    // bring it back to life): the person signs in again there; their other workspaces are untouched (above).
    expect((await inWorkspace(client, mine.id).get('/api/hypotheses')).status).toBe(401);
  });
});

describe('invitations to an existing account', () => {
  it('are accepted in the app after signing in, and the list shows them', async () => {
    const a = await createTeam('Inviter A');
    const b = await createTeam('Inviter B');
    const email = (await b.member.get('/api/auth/me')).body.email as string;
    const invite = await a.admin.post('/api/members', { email, name: 'Typed by A', role: 'lead' });
    expect(invite.status).toBe(201);
    const person = await login(email, PASSWORD);
    const open = await person.get('/api/auth/invites');
    expect(open.body.items).toEqual([
      expect.objectContaining({
        id: invite.body.member.id,
        workspaceId: a.workspaceId,
        workspace: 'Inviter A',
        role: 'lead',
      }),
    ]);
    expect((await b.admin.post(`/api/auth/invites/${invite.body.member.id}/accept`)).status, 'not theirs').toBe(404);
    const accepted = await person.post(`/api/auth/invites/${invite.body.member.id}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ id: a.workspaceId, role: 'lead' });
    expect((await person.get('/api/auth/invites')).body.items).toEqual([]);
    expect((await person.get('/api/workspaces')).body.items.map((w: { id: string }) => w.id).sort()).toEqual(
      [a.workspaceId, b.workspaceId].sort(),
    );
    expect((await inWorkspace(person, a.workspaceId).get('/api/auth/me')).body).toMatchObject({ role: 'lead' });
    // The invite link is spent: it cannot be used again.
    expect(
      (await anonymous.post('/api/auth/accept-invite', { token: invite.body.inviteToken, password: PASSWORD })).status,
    ).toBe(404);
    const row = await env.DB.prepare('SELECT status FROM members WHERE id = ?').bind(invite.body.member.id).first();
    expect(row).toEqual({ status: 'active' });
  });
});
