import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, Client, createTeam, type Team } from './support/client';
import { draftCycle } from './support/fixtures';

describe('roles', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Roles Co');
  });

  it('viewers read but never write', async () => {
    expect((await team.viewer.get('/api/hypotheses')).status).toBe(200);
    expect((await team.viewer.get('/api/learnings')).status).toBe(200);
    expect((await team.viewer.post('/api/hypotheses', { title: 'x' })).status).toBe(403);
  });

  it('members draft cycles but only leads launch, close and abort', async () => {
    const { cycle } = await draftCycle(team);
    expect((await team.member.post(`/api/cycles/${cycle.id}/launch`, {})).status).toBe(403);
    expect((await team.lead.post(`/api/cycles/${cycle.id}/launch`, {})).status).toBe(200);
    expect((await team.member.post(`/api/cycles/${cycle.id}/abort`, { reason: 'x' })).status).toBe(403);
    expect(
      (await team.member.post(`/api/cycles/${cycle.id}/close`, { decision: 'kill', learning: { summary: 'x' } }))
        .status,
    ).toBe(403);
  });

  it('only admins manage members, channels, metrics, tokens and read the audit', async () => {
    for (const client of [team.lead, team.member, team.viewer]) {
      expect(
        (await client.post('/api/channels', { name: 'TikTok', kind: 'paid_social', job: 'create_demand' })).status,
      ).toBe(403);
      expect(
        (
          await client.post('/api/metrics', {
            name: 'Leads',
            kind: 'proportion',
            unit: 'visitor',
            direction: 'increase',
          })
        ).status,
      ).toBe(403);
      expect((await client.post('/api/members', { email: 'x@example.com', name: 'X', role: 'admin' })).status).toBe(
        403,
      );
      expect((await client.get('/api/tokens')).status).toBe(403);
      expect((await client.get('/api/audit')).status).toBe(403);
    }
    expect(
      (await team.admin.post('/api/channels', { name: 'TikTok', kind: 'paid_social', job: 'create_demand' })).status,
    ).toBe(201);
  });

  it('API tokens act with their role and stop working once revoked', async () => {
    const created = await team.admin.post('/api/tokens', { name: 'Ads importer', role: 'member' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^hadi_/);
    const bot = new Client({ token: created.body.token });
    expect((await bot.post('/api/hypotheses', { title: 'From the importer' })).status).toBe(201);
    expect((await bot.get('/api/tokens')).status).toBe(403);
    const listed = await team.admin.get('/api/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect((await team.admin.delete(`/api/tokens/${created.body.id}`)).status).toBe(204);
    expect((await bot.get('/api/hypotheses')).status).toBe(401);
  });

  it('refuses demoting the last admin', async () => {
    const members = await team.admin.get('/api/members');
    const admin = members.body.items.find((m: { role: string }) => m.role === 'admin');
    const res = await team.admin.patch(`/api/members/${admin.id}`, { role: 'viewer', version: admin.version });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('last_admin');
  });

  it('signs out at once', async () => {
    const res = await anonymous.post('/api/auth/login', { email: 'nobody@example.com', password: 'wrong password' });
    expect(res.status).toBe(401);
    const me = await team.member.get('/api/auth/me');
    expect(me.body.role).toBe('member');
  });
});

describe('workspace isolation', () => {
  let ours: Team;
  let theirs: Team;
  beforeAll(async () => {
    [ours, theirs] = [await createTeam('Ours'), await createTeam('Theirs')];
  });

  it('never shows or touches another workspace’s records', async () => {
    const { cycle, hypothesis } = await draftCycle(ours);
    for (const path of [
      `/api/hypotheses/${hypothesis.id}`,
      `/api/cycles/${cycle.id}`,
      `/api/cycles/${cycle.id}/snapshots`,
    ]) {
      expect((await theirs.admin.get(path)).status).toBe(404);
    }
    expect((await theirs.admin.patch(`/api/hypotheses/${hypothesis.id}`, { title: 'pwned', version: 1 })).status).toBe(
      404,
    );
    expect((await theirs.admin.post(`/api/cycles/${cycle.id}/launch`, {})).status).toBe(404);
    const list = await theirs.admin.get('/api/hypotheses?limit=200');
    expect(list.body.items.map((h: { id: string }) => h.id)).not.toContain(hypothesis.id);
    const audit = await theirs.admin.get('/api/audit?limit=200');
    expect(JSON.stringify(audit.body)).not.toContain(hypothesis.id);
  });

  it('refuses references to another workspace’s channels and metrics', async () => {
    const channels = await ours.admin.get('/api/channels');
    const res = await theirs.member.post('/api/hypotheses', { title: 'x', channelId: channels.body.items[0].id });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('channelId');
  });

  it('refuses a client id already used in another workspace', async () => {
    const id = crypto.randomUUID();
    await ours.member.post('/api/hypotheses', { id, title: 'Ours' });
    const res = await theirs.member.post('/api/hypotheses', { id, title: 'Theirs' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('id_taken');
    expect(JSON.stringify(res.body)).not.toContain('Ours');
  });
});

describe('bad input', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Input Co');
  });

  it('answers 400 naming the field', async () => {
    const res = await team.member.post('/api/hypotheses', { title: '', impact: 11, lever: 'magic' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_input' });
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['impact', 'lever', 'title']);
  });

  it('names nested fields of a cycle design', async () => {
    const { hypothesis } = await draftCycle(team);
    const res = await team.member.post('/api/cycles', {
      hypothesisId: hypothesis.id,
      name: 'x',
      variants: [
        { key: 'a', name: 'A', weight: 1 },
        { key: 'a', name: 'B', weight: -1 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toMatchObject({
      'variants.1.weight': expect.any(String),
      'variants.1.key': expect.stringContaining('duplicate'),
    });
  });

  it('names the snapshot row and field', async () => {
    const { cycle, metric } = await draftCycle(team);
    await team.lead.post(`/api/cycles/${cycle.id}/launch`, {});
    const res = await team.member.post(`/api/cycles/${cycle.id}/snapshots`, {
      snapshots: [
        { metricId: metric('Conversion rate'), variantKey: 'control', date: '2026-01-01', units: 10, conversions: 1 },
        { metricId: metric('Conversion rate'), variantKey: 'banner', date: '2026-01-01', units: 10, conversions: 11 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ 'snapshots.1.conversions': 'cannot exceed units (11 > 10)' });
    expect((await team.member.get(`/api/cycles/${cycle.id}/snapshots`)).body.items).toEqual([]);
  });

  it('answers malformed JSON, unknown ids and oversized bodies without a 500', async () => {
    const malformed = await team.member.request('POST', '/api/hypotheses', '{"title":', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_input');
    expect((await team.member.get('/api/hypotheses/does-not-exist')).status).toBe(404);
    const huge = await team.member.post('/api/hypotheses', { title: 'x', rationale: 'y'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });
});
