import { beforeAll, describe, expect, it } from 'vitest';
import { costOfLearning } from '../../worker/stats';
import { createTeam, type Team } from './support/client';
import { draftCycle, winningResults } from './support/fixtures';

// The cost of a learning through the real Worker: the cycle analysis and the published learning carry it.
describe('cost of learning in the cycle analysis', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Cost Co');
  });

  it('shows spend, CPA with an interval and the conversions the losing arm gave up; the learning keeps it', async () => {
    const { cycle, metric } = await draftCycle(team);
    expect((await team.lead.post(`/api/cycles/${cycle.id}/launch`, { version: 1 })).status).toBe(200);
    expect((await team.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric))).status).toBe(201);

    const analysis = await team.viewer.get(`/api/cycles/${cycle.id}/analysis`);
    expect(analysis.status).toBe(200);
    const cost = analysis.body.costOfLearning;
    expect(cost.totalSpend).toBe(6050);
    expect(cost.winnerKey).toBe('banner');
    expect(cost.arms.map((a: { key: string; spend: number }) => [a.key, a.spend])).toEqual([
      ['control', 3000],
      ['banner', 3050],
    ]);
    // Control: 6 000 units at the banner's 7% would have converted 420; it converted 300.
    expect(cost.opportunity).toHaveLength(1);
    expect(cost.opportunity[0].conversionsLost).toBeCloseTo(120, 9);
    expect(cost.arms[0].cpa.estimate).toBe(10);
    const [low, high] = cost.arms[0].cpa.ci;
    expect(low).toBeLessThan(10);
    expect(high).toBeGreaterThan(10);
    // Same numbers as the pure engine given the same arms.
    const pure = costOfLearning({
      arms: [
        {
          key: 'control',
          name: 'Control',
          units: 6000,
          conversions: 300,
          clicks: null,
          spend: 3000,
          revenue: null,
          revenueSd: null,
        },
        {
          key: 'banner',
          name: 'Banner',
          units: 6000,
          conversions: 420,
          clicks: null,
          spend: 3050,
          revenue: null,
          revenueSd: null,
        },
      ],
      winnerKey: 'banner',
    });
    expect(cost.arms[1].cpa.ci).toEqual(pure.arms[1]!.cpa.ci);

    const closed = await team.lead.post(`/api/cycles/${cycle.id}/close`, {
      decision: 'ship',
      learning: { summary: 'Banner wins' },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const learning = await team.viewer.get(`/api/learnings/${closed.body.learning.id}`);
    expect(learning.body.evidence.costOfLearning.opportunity[0].conversionsLost).toBeCloseTo(120, 9);
  });
});
