import { beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Team } from './support/client';
import { draftCycle, today, winningResults } from './support/fixtures';

/** Issue 8 (#4): a wrong result can be corrected while the cycle is open — audited — and never once it is closed. */
describe('correcting results', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Corrections Co');
  });

  async function runningWithResults() {
    const made = await draftCycle(team);
    const launched = await team.lead.post(`/api/cycles/${made.cycle.id}/launch`, { version: 1 });
    expect(launched.status).toBe(200);
    expect((await team.member.post(`/api/cycles/${made.cycle.id}/snapshots`, winningResults(made.metric))).status).toBe(
      201,
    );
    const items = (await team.member.get(`/api/cycles/${made.cycle.id}/snapshots`)).body.items as any[];
    const point = items.find((s) => s.metricId === made.metric('Conversion rate') && s.variantKey === 'banner');
    return { ...made, cycle: launched.body, items, point };
  }

  it('a second result for the same day is refused with the stored one, whose version the PWA replaces', async () => {
    const { cycle, point, metric } = await runningWithResults();
    expect(point.version).toBe(1);
    const again = await team.member.post(`/api/cycles/${cycle.id}/snapshots`, {
      metricId: metric('Conversion rate'),
      variantKey: 'banner',
      date: today(),
      units: 6000,
      conversions: 330,
      spend: 3050,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('duplicate_result');
    expect(again.body.error.current).toMatchObject({ id: point.id, version: 1, conversions: 420 });

    const replaced = await team.member.request('PUT', `/api/cycles/${cycle.id}/snapshots/${point.id}`, {
      units: 6000,
      conversions: 330,
      spend: 3050,
      version: 1,
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toMatchObject({ id: point.id, version: 2, conversions: 330, date: point.date });

    // The analysis reads the corrected numbers: 330 vs 300 of 6000 is no longer a clear win.
    const analysis = await team.viewer.get(`/api/cycles/${cycle.id}/analysis`);
    expect(analysis.body.verdict.decision).not.toBe('ship');

    const audit = await team.admin.get(`/api/audit?entity=snapshot&entityId=${point.id}`);
    const correction = audit.body.items.find((e: any) => e.action === 'correct');
    expect(correction).toBeTruthy();
    expect(correction.before).toMatchObject({ conversions: 420, version: 1 });
    expect(correction.after).toMatchObject({ conversions: 330, version: 2 });
  });

  it('a stale version, a missing version and impossible numbers are refused without a change', async () => {
    const { cycle, point } = await runningWithResults();
    const path = `/api/cycles/${cycle.id}/snapshots/${point.id}`;
    const ok = await team.member.request('PUT', path, { units: 6000, conversions: 400, spend: 3050, version: 1 });
    expect(ok.status).toBe(200);
    const stale = await team.member.request('PUT', path, { units: 6000, conversions: 1, spend: 3050, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ version: 2, conversions: 400 });
    const noVersion = await team.member.request('PUT', path, { units: 6000, conversions: 1 });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.fields).toHaveProperty('version');
    const impossible = await team.member.request('PUT', path, { units: 10, conversions: 11, version: 2 });
    expect(impossible.status).toBe(400);
    expect(impossible.body.error.fields).toEqual({ conversions: 'cannot exceed units (11 > 10)' });
    const missing = await team.member.request('PUT', path, { units: 6000, version: 2 });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty('conversions');
    const viewer = await team.viewer.request('PUT', path, { units: 6000, conversions: 2, version: 2 });
    expect(viewer.status).toBe(403);
    const now = (await team.viewer.get(`/api/cycles/${cycle.id}/snapshots`)).body.items.find(
      (s: any) => s.id === point.id,
    );
    expect(now).toMatchObject({ version: 2, conversions: 400 });
  });

  it('deletes a wrong snapshot with its version (a stale one is refused), audited', async () => {
    const { cycle, point } = await runningWithResults();
    const path = `/api/cycles/${cycle.id}/snapshots/${point.id}`;
    await team.member.request('PUT', path, { units: 6000, conversions: 400, spend: 3050, version: 1 });
    expect((await team.member.delete(`${path}?version=1`)).status).toBe(409);
    expect((await team.member.delete(path, { 'if-match': '1' })).status).toBe(409);
    expect((await team.member.delete(`${path}?version=2`)).status).toBe(204);
    expect((await team.member.delete(`${path}?version=2`)).status).toBe(404);
    const left = (await team.viewer.get(`/api/cycles/${cycle.id}/snapshots`)).body.items;
    expect(left.map((s: any) => s.id)).not.toContain(point.id);
    const audit = await team.admin.get(`/api/audit?entity=snapshot&entityId=${point.id}`);
    expect(audit.body.items.map((e: any) => e.action).sort()).toEqual(['correct', 'create', 'delete']);
  });

  it('once the cycle is closed, results cannot be replaced or deleted (409) and stay byte-identical', async () => {
    const { cycle, point, items } = await runningWithResults();
    const closed = await team.lead.post(`/api/cycles/${cycle.id}/close`, {
      decision: 'ship',
      learning: { summary: 'Banner wins' },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const path = `/api/cycles/${cycle.id}/snapshots/${point.id}`;
    const put = await team.admin.request('PUT', path, { units: 6000, conversions: 1, spend: 3050, version: 1 });
    expect(put.status).toBe(409);
    expect(put.body.error.message).toMatch(/final/);
    expect((await team.admin.delete(`${path}?version=1`)).status).toBe(409);
    expect((await team.viewer.get(`/api/cycles/${cycle.id}/snapshots`)).body.items).toEqual(items);
  });

  it('an aborted cycle refuses corrections too', async () => {
    const { cycle, point } = await runningWithResults();
    expect(
      (await team.lead.post(`/api/cycles/${cycle.id}/abort`, { reason: 'Tracking broke', version: cycle.version }))
        .status,
    ).toBe(200);
    const put = await team.member.request('PUT', `/api/cycles/${cycle.id}/snapshots/${point.id}`, {
      units: 6000,
      conversions: 1,
      spend: 1,
      version: 1,
    });
    expect(put.status).toBe(409);
  });

  it('a learning takes channel, lever and funnel stage from its hypothesis (#8)', async () => {
    const { cycle, hypothesis } = await runningWithResults();
    const closed = await team.lead.post(`/api/cycles/${cycle.id}/close`, {
      decision: 'ship',
      learning: { summary: 'Banner wins' },
    });
    expect(closed.body.learning).toMatchObject({
      channelId: hypothesis.channelId,
      lever: 'offer',
      funnelStage: 'conversion',
    });
    const found = await team.viewer.get(`/api/learnings?channelId=${hypothesis.channelId}`);
    expect(found.body.items.map((l: any) => l.cycleId)).toContain(cycle.id);
  });
});

describe('migration 0011', () => {
  it('gives existing learnings the channel, lever and funnel stage of their hypothesis', async () => {
    const { env } = await import('cloudflare:test');
    const team = await createTeam('Migration Co');
    const made = await draftCycle(team);
    await team.lead.post(`/api/cycles/${made.cycle.id}/launch`, { version: 1 });
    await team.member.post(`/api/cycles/${made.cycle.id}/snapshots`, winningResults(made.metric));
    const closed = await team.lead.post(`/api/cycles/${made.cycle.id}/close`, {
      decision: 'ship',
      learning: { summary: 'Banner wins' },
    });
    const id = closed.body.learning.id;
    // A learning published the old way (the demo did it): no channel, no funnel stage, another lever.
    await env.DB.prepare(`UPDATE learnings SET channel_id = NULL, lever = 'creative', funnel_stage = NULL WHERE id = ?`)
      .bind(id)
      .run();
    const migration = env.TEST_MIGRATIONS.find((m: { name: string }) => m.name.startsWith('0011_'));
    const update = migration?.queries.find((q: string) => q.includes('UPDATE `learnings`')) ?? '';
    expect(update).toBeTruthy();
    await env.DB.prepare(update).run();
    const learning = await team.viewer.get(`/api/learnings/${id}`);
    expect(learning.body).toMatchObject({
      channelId: made.hypothesis.channelId,
      lever: 'offer',
      funnelStage: 'conversion',
    });
  });
});
