import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Team } from '../support/client';
import { draftCycle, winningResults } from '../support/fixtures';

async function auditOf(team: Team, query: string) {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: any } = await team.admin.get(
      `/api/audit?limit=200&${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

describe('audit trail', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Audit Co');
  });

  it('records every write of a scripted flow with actor, time and before → after', async () => {
    const start = new Date().toISOString();
    const { hypothesis, cycle, metric } = await draftCycle(team);
    const edited = await team.member.patch(`/api/hypotheses/${hypothesis.id}`, {
      title: 'Free shipping, sharper',
      version: hypothesis.version,
    });
    const renamed = await team.member.patch(`/api/cycles/${cycle.id}`, {
      name: 'Banner test v2',
      version: cycle.version,
    });
    const launched = await team.lead.post(`/api/cycles/${cycle.id}/launch`, {});
    const results = await team.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric));
    const closed = await team.lead.post(`/api/cycles/${cycle.id}/close`, {
      decision: 'ship',
      overrideReason: 'audit flow',
      learning: { summary: 'Banner wins' },
    });
    const objective = await team.lead.post('/api/objectives', { title: 'Grow' });
    const channel = await team.admin.post('/api/channels', { name: 'Podcasts', kind: 'other', job: 'create_demand' });
    const token = await team.admin.post('/api/tokens', { name: 'Audit bot', role: 'viewer' });
    await team.admin.delete(`/api/tokens/${token.body.id}`);
    for (const r of [edited, renamed, launched, results, closed, objective, channel, token])
      expect(r.status).toBeLessThan(300);

    const entries = (await auditOf(team, '')).filter((e) => e.at >= start);
    const find = (entity: string, entityId: string, action: string) =>
      entries.filter((e) => e.entity === entity && e.entityId === entityId && e.action === action);
    const expected: [string, string, string, string][] = [
      ['hypothesis', hypothesis.id, 'create', team.ids.member],
      ['hypothesis', hypothesis.id, 'update', team.ids.member],
      ['cycle', cycle.id, 'create', team.ids.member],
      ['cycle', cycle.id, 'update', team.ids.member],
      ['cycle', cycle.id, 'launch', team.ids.lead],
      ['cycle', cycle.id, 'close', team.ids.lead],
      ['learning', closed.body.learning.id, 'publish', team.ids.lead],
      ['objective', objective.body.id, 'create', team.ids.lead],
      ['channel', channel.body.id, 'create', team.ids.admin],
      ['token', token.body.id, 'create', team.ids.admin],
      ['token', token.body.id, 'revoke', team.ids.admin],
      ...results.body.items.map((s: { id: string }): [string, string, string, string] => [
        'snapshot',
        s.id,
        'create',
        team.ids.member,
      ]),
    ];
    for (const [entity, id, action, actor] of expected) {
      const found = find(entity, id, action).filter((e) => e.actorId === actor);
      expect(found, `${action} ${entity}`).toHaveLength(1);
      expect(found[0]).toMatchObject({ actorId: actor, actorType: 'member' });
      expect(Date.parse(found[0].at)).toBeGreaterThanOrEqual(Date.parse(start));
      expect(found[0].after, `${action} ${entity} after`).toBeTruthy();
    }
    // updates carry before → after
    const update = find('hypothesis', hypothesis.id, 'update').find((e) => e.actorId === team.ids.member);
    expect(update.before).toMatchObject({ title: hypothesis.title, version: 1 });
    expect(update.after).toMatchObject({ title: 'Free shipping, sharper', version: 2 });
    const close = find('cycle', cycle.id, 'close')[0];
    expect(close.before).toMatchObject({ status: 'running' });
    expect(close.after).toMatchObject({ status: 'closed', decision: 'ship' });
    // every audit row has the shape, and secrets never appear in it
    for (const e of entries)
      expect(e).toMatchObject({
        id: expect.any(String),
        actorId: expect.any(String),
        action: expect.any(String),
        entity: expect.any(String),
        at: expect.any(String),
      });
    expect(JSON.stringify(entries)).not.toContain(token.body.token);
  });

  it('filters by entity, entityId and actorId, and is admin-only', async () => {
    const h = await team.member.post('/api/hypotheses', { title: 'Filter me' });
    const byEntityId = await auditOf(team, `entityId=${h.body.id}`);
    expect(byEntityId.map((e) => e.action)).toEqual(['create']);
    const byActor = await auditOf(team, `actorId=${team.ids.member}&entity=hypothesis`);
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actorId === team.ids.member && e.entity === 'hypothesis')).toBe(true);
    for (const role of ['viewer', 'member', 'lead'] as const)
      expect((await team[role].get('/api/audit')).status).toBe(403);
  });

  it('a closed cycle is byte-identical after every attempted mutation (each 409)', async () => {
    const { cycle, metric } = await draftCycle(team);
    await team.lead.post(`/api/cycles/${cycle.id}/launch`, {});
    const added = await team.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric));
    const closed = await team.lead.post(`/api/cycles/${cycle.id}/close`, {
      decision: 'ship',
      overrideReason: 'immutability',
      learning: { summary: 'Closed for good' },
    });
    expect(closed.status).toBe(200);
    const rowsOf = async () =>
      JSON.stringify(
        await env.DB.batch([
          env.DB.prepare('SELECT * FROM cycles WHERE id = ?').bind(cycle.id),
          env.DB.prepare('SELECT * FROM snapshots WHERE cycle_id = ? ORDER BY id').bind(cycle.id),
          env.DB.prepare('SELECT * FROM learnings WHERE cycle_id = ?').bind(cycle.id),
        ]).then((r) => r.map((x) => x.results)),
      );
    const before = await rowsOf();
    const v = closed.body.cycle.version;
    const attempts = [
      team.admin.patch(`/api/cycles/${cycle.id}`, { name: 'Renamed after close', version: v }),
      team.admin.patch(`/api/cycles/${cycle.id}`, { budget: 1, version: v }),
      team.admin.patch(`/api/cycles/${cycle.id}`, { decisionRule: null, version: v }),
      team.admin.post(`/api/cycles/${cycle.id}/launch`, {}),
      team.admin.post(`/api/cycles/${cycle.id}/review`, {}),
      team.admin.post(`/api/cycles/${cycle.id}/close`, {
        decision: 'kill',
        overrideReason: 'again',
        learning: { summary: 'Rewrite history' },
      }),
      team.admin.post(`/api/cycles/${cycle.id}/abort`, { reason: 'too late' }),
      team.admin.post(`/api/cycles/${cycle.id}/snapshots`, {
        metricId: metric('Conversion rate'),
        variantKey: 'control',
        date: '2026-01-01',
        units: 1,
        conversions: 1,
      }),
      team.admin.delete(`/api/cycles/${cycle.id}/snapshots/${added.body.items[0].id}`),
    ];
    for (const attempt of attempts) {
      const res = await attempt;
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('illegal_transition');
    }
    expect(await rowsOf()).toBe(before);
  });
});
