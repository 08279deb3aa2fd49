import { beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Team } from './support/client';
import { draftCycle, winningResults } from './support/fixtures';

const model = {
  traffic: 100000,
  spend: 50000,
  stages: [
    { name: 'lead', rate: 0.03 },
    { name: 'sale', rate: 0.1 },
  ],
  value: 1200,
  margin: 0.6,
  elasticity: 0.7,
};

// An objective's funnel through the real Worker on D1: saved, versioned, audited, prefilled, with budget and pace.
describe('/api/funnels/:objectiveId', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Funnel Store Co');
  });

  const objective = async (extra: Record<string, unknown> = {}) =>
    (await team.lead.post('/api/objectives', { title: 'Grow paid revenue', ...extra })).body as { id: string };

  it('saves a funnel with named scenarios, versions it and audits every save', async () => {
    const o = await objective({ guardrails: { cacMax: 200 }, budgetEnvelope: 30000 });
    const empty = await team.viewer.get(`/api/funnels/${o.id}`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ funnel: null, prefill: null, guardrails: { cacMax: 200 } });
    expect(empty.body.budget).toEqual({ envelope: 30000, spent: 0, share: 0, over: false });

    const scenarios = [{ id: 'plan', name: 'Scale search', changes: [{ target: 'spend', relative: 0.25 }] }];
    const saved = await team.lead.request('PUT', `/api/funnels/${o.id}`, { model, scenarios });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({ id: o.id, version: 1, periodDays: 30, scenarios });

    expect((await team.member.request('PUT', `/api/funnels/${o.id}`, { model, version: 1 })).status).toBe(403);
    const noVersion = await team.lead.request('PUT', `/api/funnels/${o.id}`, { model });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.fields).toHaveProperty('version');

    const v2 = await team.lead.request('PUT', `/api/funnels/${o.id}`, {
      model: { ...model, value: 1300 },
      scenarios,
      version: 1,
    });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ version: 2, model: { value: 1300 } });
    const stale = await team.lead.request('PUT', `/api/funnels/${o.id}`, { model, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.version).toBe(2);

    const read = await team.viewer.get(`/api/funnels/${o.id}`);
    expect(read.body.funnel).toMatchObject({ version: 2, scenarios });
    const audit = await team.admin.get(`/api/audit?entity=funnel&entityId=${o.id}`);
    expect(audit.body.items.map((a: { action: string }) => a.action).sort()).toEqual(['create', 'update']);
  });

  it('refuses a scenario that does not fit the model, naming the change', async () => {
    const o = await objective();
    const res = await team.lead.request('PUT', `/api/funnels/${o.id}`, {
      model,
      scenarios: [{ id: 'x', name: 'Too good', changes: [{ target: 'sale', absolute: 0.95 }] }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields['scenarios.0.changes.0.absolute']).toMatch(/outside 0\.\.1/);
    expect((await team.viewer.get(`/api/funnels/${o.id}`)).body.funnel).toBeNull();
  });

  it('prefills from what the objective’s tests measured and counts their spend against the envelope', async () => {
    const o = await objective({ budgetEnvelope: 5000 });
    const { cycle, metric } = await draftCycle(team, { objectiveId: o.id });
    expect((await team.lead.post(`/api/cycles/${cycle.id}/launch`, { version: 1 })).status).toBe(200);
    expect((await team.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric))).status).toBe(201);
    const res = await team.viewer.get(`/api/funnels/${o.id}`);
    // Launched today: 0 whole days of data, so no daily rate to prefill yet; spend is counted all the same.
    expect(res.body.budget).toEqual({ envelope: 5000, spent: 6050, share: 1.21, over: true });
    expect(res.body.pace.status).toBe('unknown');
  });

  it('hides another workspace’s objective', async () => {
    const other = await createTeam('Elsewhere');
    const o = await objective();
    expect((await other.admin.get(`/api/funnels/${o.id}`)).status).toBe(404);
    expect((await other.admin.request('PUT', `/api/funnels/${o.id}`, { model })).status).toBe(404);
  });
});
