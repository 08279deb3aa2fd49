import { describe, expect, it } from 'vitest';
import { budgetUse, paceOf, prefillFunnel } from '../../../worker/funnel';

describe('pace toward the target', () => {
  const base = { baseline: 0.02, target: 0.03, start: '2026-01-01', deadline: '2026-04-11' }; // 100 days
  it('is on pace when the metric covered as much of the way as time did', () => {
    // Day 40: expected 0.02 + 0.01 × 0.4 = 0.024; measured 0.025 → 50% of the way.
    const p = paceOf({ ...base, current: 0.025, today: '2026-02-10' });
    expect(p.status).toBe('on_pace');
    expect(p.expectedNow).toBeCloseTo(0.024, 12);
    expect(p.progress).toBeCloseTo(0.5, 12);
    expect(p.elapsed).toBeCloseTo(0.4, 12);
  });
  it('is behind when time ran ahead of progress, and reached at the target', () => {
    expect(paceOf({ ...base, current: 0.022, today: '2026-02-10' }).status).toBe('behind');
    expect(paceOf({ ...base, current: 0.031, today: '2026-02-10' }).status).toBe('reached');
  });
  it('works for a metric that must fall (CPA from 50 to 40)', () => {
    const p = paceOf({
      baseline: 50,
      target: 40,
      start: '2026-01-01',
      deadline: '2026-04-11',
      current: 47,
      today: '2026-02-10',
    });
    expect(p.progress).toBeCloseTo(0.3, 12);
    expect(p.status).toBe('behind');
  });
  it('says what is missing', () => {
    expect(paceOf({ ...base, deadline: null, current: 0.025, today: '2026-02-10' }).reason).toMatch(/deadline/);
    expect(paceOf({ ...base, current: null, today: '2026-02-10' })).toMatchObject({
      status: 'unknown',
      expectedNow: 0.024,
    });
  });
});

describe('budget and prefill', () => {
  it('compares spend with the envelope', () => {
    expect(budgetUse(10000, 2500)).toEqual({ envelope: 10000, spent: 2500, share: 0.25, over: false });
    expect(budgetUse(null, 2500).share).toBeNull();
    expect(budgetUse(1000, 2500).over).toBe(true);
  });
  it('scales measured totals to a funnel period', () => {
    // 12 000 units, 600 conversions, 6 000 spend, 48 000 revenue over 10 days → per 30 days.
    expect(prefillFunnel({ units: 12000, conversions: 600, spend: 6000, revenue: 48000, days: 10 }, 30)).toEqual({
      traffic: 36000,
      spend: 18000,
      stages: [{ name: 'conversion', rate: 0.05 }],
      value: 80,
      margin: 1,
      elasticity: 1,
    });
    expect(prefillFunnel({ units: 0, conversions: 0, spend: 0, revenue: 0, days: 3 }, 30)).toBeNull();
  });
});
