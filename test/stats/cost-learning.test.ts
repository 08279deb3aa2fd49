import { describe, expect, it } from 'vitest';
import { costOfLearning, type LearningArm } from '../../worker/stats';
import { expectClose } from './close';
import fixtures from './fixtures/cost-learning.json';

describe('costOfLearning() vs the scipy oracle (scripts/oracle/cost_learning_fixtures.py)', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_, f) => {
    expectClose(costOfLearning(f.input as { arms: LearningArm[]; winnerKey?: string; alpha?: number }), f.expected);
  });
});

describe('costOfLearning() by hand', () => {
  const arm = (key: string, units: number, conversions: number, spend: number): LearningArm => ({
    key,
    name: key,
    units,
    conversions,
    clicks: units,
    spend,
    revenue: null,
    revenueSd: null,
  });

  it('counts conversions lost at the winner rate and the spend on each arm', () => {
    // Winner B: 120 / 1000 = 12%. A at 12% would have had 120, it had 100: 20 lost.
    const r = costOfLearning({ arms: [arm('A', 1000, 100, 500), arm('B', 1000, 120, 520)] });
    expect(r.winnerKey).toBe('B');
    expect(r.totalSpend).toBe(1020);
    expect(r.opportunity[0]!.conversionsLost).toBeCloseTo(20, 12);
    expect(r.conversionsLost).toBeCloseTo(20, 12);
    expect(r.arms[0]!.cpa.estimate).toBe(5);
    expect(r.arms[0]!.cpc.estimate).toBe(0.5);
  });

  it('gives CPA an asymmetric interval that contains the estimate, and an open end with few conversions', () => {
    const r = costOfLearning({ arms: [arm('A', 400, 2, 300), arm('B', 10000, 400, 2000)] });
    const [low, high] = r.arms[1]!.cpa.ci!;
    expect(low).toBeLessThan(5);
    expect(high!).toBeGreaterThan(5);
    expect(high! - 5).toBeGreaterThan(5 - low); // skewed up: a ratio over a count
    expect(r.arms[0]!.cpa.ci![1]).toBeNull();
    expect(r.arms[0]!.cpa.note).toMatch(/open-ended/);
  });

  it('says why where nothing can be computed', () => {
    const r = costOfLearning({ arms: [{ ...arm('A', 10, 0, 0), conversions: null, clicks: null }] });
    expect(r.arms[0]!.cpa.estimate).toBeNull();
    expect(r.arms[0]!.roas.note).toMatch(/no spend/);
    expect(r.winnerKey).toBeNull();
    expect(r.notes[0]).toMatch(/no arm has a conversion rate/);
  });
});
