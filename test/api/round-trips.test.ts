/**
 * What a request costs in D1, read from the X-D1-* headers the Worker adds when HADI_METER=1 (set for tests).
 * Authentication rides in the same batch as the first read (worker/auth/speculation.ts), so a read is one
 * round trip and a write at most two; a stale guess is rerun on the slow path and still answers correctly.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTeam, type Team } from './support/client';
import { catalog, draftCycle, winningResults } from './support/fixtures';

const roundTrips = (res: { headers: Headers }) => Number(res.headers.get('x-d1-round-trips'));

/** The second call: the first one taught the isolate who is behind the cookie. */
async function warm(client: Client, path: string) {
  await client.get(path);
  return client.get(path);
}

describe('D1 round trips per request', () => {
  let team: Team;
  let ids: { cycle: string; hypothesis: string };
  beforeAll(async () => {
    team = await createTeam('Round Trip Co');
    const { cycle, hypothesis, metric } = await draftCycle(team);
    await team.lead.post(`/api/cycles/${cycle.id}/launch`, { version: 1 });
    await team.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric));
    ids = { cycle: cycle.id, hypothesis: hypothesis.id };
  });

  const reads = () => [
    '/api/auth/me',
    '/api/hypotheses',
    '/api/hypotheses?sort=score&limit=20',
    `/api/hypotheses/${ids.hypothesis}`,
    '/api/cycles',
    `/api/cycles/${ids.cycle}`,
    '/api/learnings',
    '/api/objectives',
    '/api/channels',
    '/api/metrics',
    `/api/hypotheses/${ids.hypothesis}/chain`,
    `/api/cycles/${ids.cycle}/snapshots`,
    '/api/program',
    '/api/search?q=checkout',
    '/api/hypotheses?q=checkout',
    '/api/insights',
    '/api/reviews',
    '/api/workspace',
    '/api/workspaces',
    `/api/comments?targetType=cycle&targetId=${ids.cycle}`,
    '/api/inbox',
  ];

  it('serves a signed-in read in one round trip, authentication included', async () => {
    const cost: Record<string, string> = {};
    for (const path of reads()) {
      const res = await warm(team.viewer, path);
      cost[path] = `${res.status} in ${roundTrips(res)}`;
    }
    expect(cost).toEqual(Object.fromEntries(reads().map((path) => [path, '200 in 1'])));
  });

  it('serves an API token read in one round trip', async () => {
    const created = await team.admin.post('/api/tokens', { name: 'bench', role: 'viewer' });
    const client = new (team.viewer.constructor as new (a: object) => Client)({ token: created.body.token });
    const res = await warm(client, '/api/hypotheses');
    expect(res.status).toBe(200);
    expect(roundTrips(res)).toBe(1);
  });

  it('writes in at most two round trips', async () => {
    await team.member.get('/api/hypotheses');
    const created = await team.member.post('/api/hypotheses', { title: 'Shorter checkout form' });
    expect(created.status).toBe(201);
    expect(roundTrips(created)).toBeLessThanOrEqual(2);
    const edited = await team.member.patch(
      `/api/hypotheses/${created.body.id}`,
      { title: 'Shorter checkout form on mobile' },
      { 'if-match': '1' },
    );
    expect(edited.status).toBe(200);
    expect(roundTrips(edited)).toBeLessThanOrEqual(2);
  });

  it('writes with references and results in at most two round trips', async () => {
    const { metric, channel } = await catalog(team.member);
    await team.member.get('/api/hypotheses');
    const created = await team.member.post('/api/hypotheses', {
      title: 'Free returns badge',
      channelId: channel('Email'),
      metricId: metric('Conversion rate'),
    });
    expect(created.status).toBe(201);
    expect(roundTrips(created)).toBeLessThanOrEqual(2);
    const day = { metricId: metric('Conversion rate'), date: '2026-02-01', units: 100, conversions: 5 };
    const added = await team.member.post(`/api/cycles/${ids.cycle}/snapshots`, {
      snapshots: [
        { ...day, variantKey: 'control' },
        { ...day, variantKey: 'banner', conversions: 7 },
      ],
    });
    expect(added.status).toBe(201);
    expect(added.body.items).toHaveLength(2);
    expect(roundTrips(added)).toBeLessThanOrEqual(2);
  });

  it('sees a changed workspace time zone on the very next request of a remembered actor', async () => {
    const before = await warm(team.viewer, '/api/program');
    expect(before.body.range.timeZone).toBe('UTC');
    const zone = 'Pacific/Auckland';
    await env.DB.prepare('update workspaces set time_zone = ? where id = ?').bind(zone, team.workspaceId).run();
    const after = await team.viewer.get('/api/program');
    expect(after.body.range.timeZone).toBe(zone);
    await env.DB.prepare('update workspaces set time_zone = ? where id = ?').bind('UTC', team.workspaceId).run();
  });

  it('reruns a stale guess on the slow path: a lowered role is refused at the next request', async () => {
    const before = await warm(team.lead, '/api/hypotheses');
    expect(roundTrips(before)).toBe(1);
    await env.DB.prepare('update members set role = ? where id = ?').bind('viewer', team.ids.lead).run();
    const refused = await team.lead.post(`/api/cycles/${ids.cycle}/abort`, { version: 99, reason: 'stale role' });
    expect(refused.status).toBe(403);
    const me = await team.lead.get('/api/auth/me');
    expect(me.body.role).toBe('viewer');
    await env.DB.prepare('update members set role = ? where id = ?').bind('lead', team.ids.lead).run();
  });

  it('computes a cycle analysis once per change of its results, and again after each change', async () => {
    const path = `/api/cycles/${ids.cycle}/analysis`;
    const first = await warm(team.viewer, path);
    const again = await team.viewer.get(path);
    expect(roundTrips(again)).toBe(1);
    expect(again.body).toEqual(first.body);
    const units = (res: { body: any }) => res.body.metrics[0].comparison?.result.control.units ?? null;
    const stored = await team.viewer.get(`/api/cycles/${ids.cycle}/snapshots`);
    for (const s of stored.body.items) await team.member.delete(`/api/cycles/${ids.cycle}/snapshots/${s.id}`);
    const emptied = await team.viewer.get(path);
    expect(units(emptied)).not.toEqual(units(again));
    const { metric } = await catalog(team.member);
    const doubled = winningResults(metric).snapshots.map((s) => ({ ...s, units: s.units * 2 }));
    expect((await team.member.post(`/api/cycles/${ids.cycle}/snapshots`, { snapshots: doubled })).status).toBe(201);
    const corrected = await team.viewer.get(path);
    expect(units(corrected)).toBe(units(again) * 2);
    expect(roundTrips(await team.viewer.get(path))).toBe(1);
  });

  it('reads open cycles in the program view from their stored analyses once a view has stored them', async () => {
    const rowsRead = (res: { headers: Headers }) => Number(res.headers.get('x-d1-rows-read'));
    const { metric } = await catalog(team.member);
    const day = { metricId: metric('Conversion rate'), date: '2026-03-01', units: 50, conversions: 2 };
    const added = await team.member.post(`/api/cycles/${ids.cycle}/snapshots`, {
      snapshots: [
        { ...day, variantKey: 'control' },
        { ...day, variantKey: 'banner' },
      ],
    });
    expect(added.status).toBe(201);
    const computed = await team.viewer.get('/api/program'); // the new results make the stored analysis stale
    let stored = await team.viewer.get('/api/program');
    // Storing happens after the answer (waitUntil): give it a moment on a busy machine.
    for (let i = 0; i < 20 && rowsRead(stored) >= rowsRead(computed); i++)
      stored = await team.viewer.get('/api/program');
    expect(rowsRead(stored)).toBeLessThan(rowsRead(computed));
    expect(roundTrips(stored)).toBe(1);
    expect(stored.body).toEqual(computed.body);
  });

  it('answers the program view from its stored copy until the data changes, then recomputes it', async () => {
    const ideas = (res: { body: any }) => res.body.attention.backlog.ideas as number;
    const first = await team.viewer.get('/api/program');
    let stored = await team.viewer.get('/api/program');
    const rowsRead = (res: { headers: Headers }) => Number(res.headers.get('x-d1-rows-read'));
    for (let i = 0; i < 20 && rowsRead(stored) >= rowsRead(first); i++) stored = await team.viewer.get('/api/program');
    // The session check (a few rows) and the stored view, whatever the size of the workspace.
    expect(rowsRead(stored)).toBeLessThanOrEqual(10);
    expect(stored.body).toEqual(first.body);
    expect((await team.member.post('/api/hypotheses', { title: 'Sticky add-to-cart bar' })).status).toBe(201);
    const changed = await team.viewer.get('/api/program');
    expect(ideas(changed)).toBe(ideas(first) + 1);
  });

  it('tells a client its D1 session bookmark and accepts it back', async () => {
    const res = await team.viewer.get('/api/hypotheses');
    const bookmark = res.headers.get('x-d1-bookmark');
    expect(bookmark, 'local D1 implements the Sessions API').toBeTruthy();
    const again = await team.viewer.request('GET', '/api/hypotheses', undefined, { 'x-d1-bookmark': bookmark! });
    expect(again.status).toBe(200);
    const garbage = await team.viewer.request('GET', '/api/hypotheses', undefined, { 'x-d1-bookmark': '<script>' });
    expect(garbage.status).toBe(200);
  });
});
