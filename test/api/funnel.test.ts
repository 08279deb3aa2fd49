import { beforeAll, describe, expect, it } from 'vitest';
import fixtures from '../stats/fixtures/funnel.json';
import { expectClose } from '../stats/close';
import { anonymous, createTeam, type Team } from './support/client';

// The funnel contract through HTTP in workerd: what integrators and the PWA receive (oracle: scripts/oracle/funnel_fixtures.py).
describe('POST /api/stats/funnel', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Funnel Co');
  });

  it('answers only signed-in callers', async () => {
    expect((await anonymous.post('/api/stats/funnel', fixtures[0]!.input)).status).toBe(401);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('matches the oracle: %s', async (_, f) => {
    const res = await team.viewer.post('/api/stats/funnel', f.input);
    if ('error' in f.expected) {
      expect(res.status).toBe(400);
      const body = res.body as { error: { fields: Record<string, string> } };
      expect(Object.keys(body.error.fields)).toContain(f.expected.error!);
      expect(body.error.fields[f.expected.error!]).toMatch(/outside 0\.\.1/);
      return;
    }
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Object.keys(res.body as object).sort()).toEqual(['baseline', 'delta', 'scenario']);
    expectClose(res.body, f.expected);
    expect(JSON.stringify(res.body)).not.toMatch(/NaN|Infinity/);
  });

  it('keeps the documented field names', async () => {
    const res = await team.member.post('/api/stats/funnel', fixtures[0]!.input);
    const body = res.body as Record<string, Record<string, unknown>>;
    expect(Object.keys(body.baseline!).sort()).toEqual(['conversions', 'cpa', 'profit', 'revenue', 'roas', 'volumes']);
    expect(Object.keys(body.delta!).sort()).toEqual(['conversions', 'cpa', 'profit', 'revenue', 'roas']);
  });

  it.each([
    ['traffic', { traffic: 'many' }],
    ['stages.0.rate', { stages: [{ name: 'lead', rate: -0.1 }] }],
    [
      'stages.1.name',
      {
        stages: [
          { name: 'lead', rate: 0.1 },
          { name: 'spend', rate: 0.1 },
        ],
      },
    ],
    ['margin', { margin: 1.5 }],
    ['elasticity', { elasticity: -1 }],
    ['changes.0.target', { changes: [{ target: 'checkout', relative: 0.1 }] }],
    ['changes.0.relative', { changes: [{ target: 'lead', relative: -2 }] }],
  ])('400 naming %s', async (field, patch) => {
    const res = await team.viewer.post('/api/stats/funnel', { ...fixtures[0]!.input, ...patch });
    expect(res.status).toBe(400);
    expect(Object.keys((res.body as { error: { fields: object } }).error.fields)).toContain(field);
  });
});
