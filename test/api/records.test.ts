import { beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Team } from './support/client';
import { draftCycle, today } from './support/fixtures';

describe('idempotent creates', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Idem Co');
  });

  it('returns the same hypothesis when the same create is sent again', async () => {
    const id = crypto.randomUUID();
    const first = await team.member.post('/api/hypotheses', { id, title: 'Offline idea' });
    const again = await team.member.post('/api/hypotheses', { id, title: 'Offline idea' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const matches = (await team.member.get('/api/hypotheses?q=Offline%20idea')).body.items;
    expect(matches).toHaveLength(1);
  });

  it('never resurrects a deleted record on replay', async () => {
    const id = crypto.randomUUID();
    await team.member.post('/api/hypotheses', { id, title: 'Doomed idea' });
    expect((await team.member.delete(`/api/hypotheses/${id}`, { 'if-match': '1' })).status).toBe(204);
    const replay = await team.member.post('/api/hypotheses', { id, title: 'Doomed idea' });
    expect(replay.status).toBe(410);
    expect(replay.body.error.code).toBe('gone');
    expect((await team.member.get(`/api/hypotheses/${id}`)).status).toBe(404);
  });

  it('refuses an id that is not a UUID', async () => {
    const res = await team.member.post('/api/hypotheses', { id: 'my-id', title: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('id');
  });

  it('records a result snapshot once however often it is sent', async () => {
    const { cycle, metric } = await draftCycle(team);
    await team.lead.post(`/api/cycles/${cycle.id}/launch`, {});
    const snapshot = {
      id: crypto.randomUUID(),
      metricId: metric('Conversion rate'),
      variantKey: 'control',
      date: today(),
      units: 100,
      conversions: 5,
    };
    expect((await team.member.post(`/api/cycles/${cycle.id}/snapshots`, snapshot)).status).toBe(201);
    const again = await team.member.post(`/api/cycles/${cycle.id}/snapshots`, snapshot);
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(0);
    const other = await team.member.post(`/api/cycles/${cycle.id}/snapshots`, {
      ...snapshot,
      id: crypto.randomUUID(),
      units: 200,
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('duplicate_result');
    expect(other.body.error.current.units).toBe(100);
    expect((await team.member.get(`/api/cycles/${cycle.id}/snapshots`)).body.items).toHaveLength(1);
    // Correcting a wrong result: delete it, then record the right one.
    expect((await team.viewer.delete(`/api/cycles/${cycle.id}/snapshots/${snapshot.id}`)).status).toBe(403);
    expect((await team.member.delete(`/api/cycles/${cycle.id}/snapshots/${snapshot.id}`)).status).toBe(204);
    expect(
      (
        await team.member.post(`/api/cycles/${cycle.id}/snapshots`, {
          ...snapshot,
          id: crypto.randomUUID(),
          units: 200,
        })
      ).status,
    ).toBe(201);
    const series = (await team.member.get(`/api/cycles/${cycle.id}/snapshots`)).body.items;
    expect(series.map((s: { units: number }) => s.units)).toEqual([200]);
  });
});

describe('versions', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Version Co');
  });

  it('refuses a stale version with 409 and the current record', async () => {
    const created = await team.member.post('/api/hypotheses', { title: 'Shared idea' });
    const mine = await team.member.patch(`/api/hypotheses/${created.body.id}`, { title: 'Mine', version: 1 });
    expect(mine.status).toBe(200);
    const theirs = await team.lead.patch(
      `/api/hypotheses/${created.body.id}`,
      { title: 'Theirs' },
      { 'if-match': '1' },
    );
    expect(theirs.status).toBe(409);
    expect(theirs.body.error.code).toBe('version_conflict');
    expect(theirs.body.error.current).toMatchObject({ title: 'Mine', version: 2 });
  });

  it('requires the version on updates', async () => {
    const created = await team.member.post('/api/hypotheses', { title: 'Versionless' });
    const res = await team.member.patch(`/api/hypotheses/${created.body.id}`, { title: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('version');
  });

  it('lets exactly one of two simultaneous edits win', async () => {
    const created = await team.member.post('/api/hypotheses', { title: 'Race' });
    const [a, b] = await Promise.all([
      team.member.patch(`/api/hypotheses/${created.body.id}`, { title: 'A', version: 1 }),
      team.lead.patch(`/api/hypotheses/${created.body.id}`, { title: 'B', version: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const audit = await team.admin.get(`/api/audit?entityId=${created.body.id}`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'update')).toHaveLength(1);
  });
});

describe('illegal state moves', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('State Co');
  });

  it('refuses each illegal transition with 409 and a reason', async () => {
    const { cycle, metric } = await draftCycle(team);
    const id = cycle.id;
    const expect409 = async (res: Promise<{ status: number; body: any }>, pattern: RegExp) => {
      const r = await res;
      expect(r.status, JSON.stringify(r.body)).toBe(409);
      expect(r.body.error.message).toMatch(pattern);
    };
    await expect409(
      team.lead.post(`/api/cycles/${id}/close`, { decision: 'ship', learning: { summary: 's' } }),
      /draft/,
    );
    await expect409(team.lead.post(`/api/cycles/${id}/review`, {}), /running/);
    await expect409(
      team.member.post(`/api/cycles/${id}/snapshots`, {
        metricId: metric('Conversion rate'),
        variantKey: 'control',
        date: today(),
        units: 1,
        conversions: 0,
      }),
      /Launch/,
    );
    await expect409(team.member.get(`/api/cycles/${id}/analysis`), /draft/);

    const launched = await team.lead.post(`/api/cycles/${id}/launch`, {});
    await expect409(team.lead.post(`/api/cycles/${id}/launch`, {}), /draft/);
    await expect409(
      team.member.patch(
        `/api/cycles/${id}`,
        { decisionRule: { primaryMetricId: metric('CPA') } },
        { 'if-match': String(launched.body.version) },
      ),
      /locked/,
    );
    await expect409(
      team.member.patch(
        `/api/cycles/${id}`,
        {
          variants: [
            { key: 'a', name: 'A', weight: 1 },
            { key: 'b', name: 'B', weight: 3 },
          ],
        },
        { 'if-match': String(launched.body.version) },
      ),
      /locked/,
    );
    const renamed = await team.member.patch(
      `/api/cycles/${id}`,
      { name: 'Renamed while running' },
      { 'if-match': String(launched.body.version) },
    );
    expect(renamed.status).toBe(200);

    const closed = await team.lead.post(`/api/cycles/${id}/close`, {
      decision: 'kill',
      overrideReason: 'No budget left',
      learning: { summary: 'Stopped early' },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const after = closed.body.cycle;
    await expect409(
      team.lead.post(`/api/cycles/${id}/close`, { decision: 'ship', overrideReason: 'x', learning: { summary: 's' } }),
      /closed/,
    );
    await expect409(team.lead.post(`/api/cycles/${id}/abort`, { reason: 'x' }), /closed/);
    await expect409(
      team.member.patch(`/api/cycles/${id}`, { name: 'x' }, { 'if-match': String(after.version) }),
      /closed/,
    );
    await expect409(
      team.member.post(`/api/cycles/${id}/snapshots`, {
        metricId: metric('Conversion rate'),
        variantKey: 'control',
        date: today(),
        units: 1,
        conversions: 0,
      }),
      /final/,
    );
    expect((await team.viewer.get(`/api/cycles/${id}`)).body).toEqual(after);
  });

  it('aborts from any open state and returns the idea to the backlog', async () => {
    const { cycle, hypothesis } = await draftCycle(team);
    await team.lead.post(`/api/cycles/${cycle.id}/launch`, {});
    const aborted = await team.lead.post(`/api/cycles/${cycle.id}/abort`, { reason: 'Tracking broke on day 2' });
    expect(aborted.status).toBe(200);
    expect(aborted.body).toMatchObject({ status: 'aborted', abortReason: 'Tracking broke on day 2' });
    expect((await team.member.get(`/api/hypotheses/${hypothesis.id}`)).body.status).toBe('backlog');
  });

  it('refuses to launch without a rule, and budgets above the approval threshold need an admin', async () => {
    const noRule = await draftCycle(team, { decisionRule: null });
    const res = await team.lead.post(`/api/cycles/${noRule.cycle.id}/launch`, {});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('no_rule');

    const objective = await team.lead.post('/api/objectives', {
      title: 'Grow first orders at CAC ≤ €40',
      budgetEnvelope: 20000,
      approvalThreshold: 1000,
      guardrails: { cacMax: 40 },
    });
    expect(objective.status, JSON.stringify(objective.body)).toBe(201);
    const big = await draftCycle(team, { objectiveId: objective.body.id, budget: 5000 });
    expect((await team.lead.post(`/api/cycles/${big.cycle.id}/launch`, {})).status).toBe(403);
    expect((await team.admin.post(`/api/cycles/${big.cycle.id}/launch`, {})).status).toBe(200);
    const progress = await team.viewer.get(`/api/objectives/${objective.body.id}/progress`);
    expect(progress.body).toMatchObject({
      objectiveId: objective.body.id,
      cycles: { running: 1 },
      decisions: {},
      spendOnClosedTests: 0,
    });
  });

  it('statuses of tested hypotheses follow their cycles', async () => {
    const { hypothesis } = await draftCycle(team);
    const h = await team.member.get(`/api/hypotheses/${hypothesis.id}`);
    const parked = await team.member.patch(`/api/hypotheses/${hypothesis.id}`, {
      status: 'parked',
      version: h.body.version,
    });
    expect(parked.status).toBe(200);
    const bad = await team.member.patch(`/api/hypotheses/${hypothesis.id}`, {
      status: 'validated',
      version: parked.body.version,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('status');
  });
});
