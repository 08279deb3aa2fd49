import { beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Team } from './support/client';

// The backlog ranked by expected value (issue 11), through the real Worker on D1.
describe('GET /api/hypotheses?sort=value', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Value Co');
  });

  it('ranks by expected value in the objective funnel, unvalued ideas last, and pages without repeats', async () => {
    const objective = (await team.lead.post('/api/objectives', { title: 'More sales' })).body;
    // 100 000 visits × 3% × 10% = 300 sales a month at 1 200 (margin 60%), spend 50 000: profit 166 000.
    const model = {
      traffic: 100000,
      spend: 50000,
      stages: [
        { name: 'lead', rate: 0.03 },
        { name: 'sale', rate: 0.1 },
      ],
      value: 1200,
      margin: 0.6,
    };
    expect((await team.lead.request('PUT', `/api/funnels/${objective.id}`, { model })).status).toBe(201);
    const idea = async (title: string, extra: Record<string, unknown>) =>
      (
        await team.member.post('/api/hypotheses', {
          title,
          objectiveId: objective.id,
          impact: 5,
          confidence: 5,
          ease: 5,
          ...extra,
        })
      ).body as { id: string };
    // High ICE but no impact figure: no expected value.
    const unvalued = await idea('Unvalued', { impact: 10, confidence: 10, ease: 10 });
    // +10% sales × 50% over 3 months: 21 600 × 3 × 0.5 = 32 400.
    const small = await idea('Checkout copy', { funnelStage: 'conversion', expectedImpact: 0.1 });
    // +20% traffic × 80%: 43 200 × 3 × 0.8 = 103 680.
    const big = await idea('Broad match', { funnelStage: 'awareness', expectedImpact: 0.2, confidence: 8 });

    const ranked = await team.viewer.get(`/api/hypotheses?sort=value&objectiveId=${objective.id}`);
    expect(ranked.status).toBe(200);
    expect(ranked.body.items.map((h: { id: string }) => h.id)).toEqual([big.id, small.id, unvalued.id]);
    expect(ranked.body.items[0].expectedValue.expectedValue).toBeCloseTo(103680, 6);
    expect(ranked.body.items[1].expectedValue.expectedValue).toBeCloseTo(32400, 6);
    expect(ranked.body.items[1].expectedValue.assumptions[0]).toMatch(/\+10% on the sale rate/);
    expect(ranked.body.items[2].expectedValue).toBeNull();

    // ICE order is unchanged and carries the figure too.
    const byIce = await team.viewer.get(`/api/hypotheses?objectiveId=${objective.id}`);
    expect(byIce.body.items[0].id).toBe(unvalued.id);
    expect(byIce.body.items.find((h: { id: string }) => h.id === big.id).expectedValue.expectedValue).toBeCloseTo(
      103680,
      6,
    );

    const first = await team.viewer.get(`/api/hypotheses?sort=value&limit=2&objectiveId=${objective.id}`);
    const second = await team.viewer.get(
      `/api/hypotheses?sort=value&limit=2&objectiveId=${objective.id}&cursor=${first.body.nextCursor}`,
    );
    expect([...first.body.items, ...second.body.items].map((h: { id: string }) => h.id)).toEqual([
      big.id,
      small.id,
      unvalued.id,
    ]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('never values another workspace’s funnel', async () => {
    const other = await createTeam('Other Value Co');
    const res = await other.viewer.get('/api/hypotheses?sort=value');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });
});
