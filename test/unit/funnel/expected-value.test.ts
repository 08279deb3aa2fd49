import { describe, expect, it } from 'vitest';
import { expectedValue, type Funnel, successProbability, targetOf } from '../../../worker/funnel';

// 100 000 visits × 3% × 40% × 25% = 300 sales a month at 1 200 with 60% margin; spend 50 000 → profit 166 000.
const funnel: Funnel = {
  traffic: 100000,
  spend: 50000,
  stages: [
    { name: 'lead', rate: 0.03 },
    { name: 'qualified', rate: 0.4 },
    { name: 'sale', rate: 0.25 },
  ],
  value: 1200,
  margin: 0.6,
  elasticity: 0.7,
};
const ice = (c: number) => successProbability(c, null)!;

describe('expected value by hand', () => {
  it('weights the profit change over the horizon by ICE confidence', () => {
    // +10% on the sale rate: 330 sales, revenue 396 000, profit 396 000 × 0.6 − 50 000 = 187 600: +21 600 a month.
    // 90 days = 3 months → 64 800; confidence 6/10 → 38 880.
    const ev = expectedValue({ funnel, stage: 'conversion', lift: 0.1, probability: ice(6) })!;
    expect(ev.target).toBe('sale');
    expect(ev.profitIfRight).toBeCloseTo(21600, 6);
    expect(ev.expectedValue).toBeCloseTo(38880, 6);
    expect(ev.assumptions.join(' ')).toMatch(/\+10% on the sale rate.*60%.*ICE confidence 6.*90 days/);
  });

  it('moves traffic for awareness and value for retention; margin and spend apply', () => {
    // +20% traffic: 360 sales → profit 259 200 − 50 000 = 209 200: +43 200 a month; 30-day horizon, 50% → 21 600.
    const a = expectedValue({ funnel, stage: 'awareness', lift: 0.2, probability: ice(5), horizonDays: 30 })!;
    expect(a.target).toBe('traffic');
    expect(a.expectedValue).toBeCloseTo(21600, 6);
    // +5% value: revenue 378 000 → +18 000 revenue × 0.6 = +10 800; a weekly funnel over 14 days = 2 periods × 0.8.
    const r = expectedValue({
      funnel,
      periodDays: 7,
      stage: 'retention',
      lift: 0.05,
      probability: ice(8),
      horizonDays: 14,
    })!;
    expect(r.target).toBe('value');
    expect(r.expectedValue).toBeCloseTo(10800 * 2 * 0.8, 6);
  });

  it('targets the first stage for consideration, or a stage named after it', () => {
    expect(targetOf('consideration', funnel)).toBe('lead');
    expect(targetOf('conversion', funnel)).toBe('sale');
    expect(
      targetOf('conversion', {
        ...funnel,
        stages: [
          { name: 'conversion', rate: 0.5 },
          { name: 'x', rate: 1 },
        ],
      }),
    ).toBe('conversion');
  });

  it('caps a lift that would push a rate above 100%', () => {
    const ev = expectedValue({
      funnel: { ...funnel, stages: [{ name: 'sale', rate: 0.8 }] },
      stage: 'conversion',
      lift: 0.5,
      probability: ice(10),
    })!;
    // Capped at 100%: 100 000 × 1 × 1 200 × 0.6 − 50 000 vs 100 000 × 0.8 × … : +14 400 000 a month, × 3.
    expect(ev.profitIfRight).toBeCloseTo(100000 * 0.2 * 1200 * 0.6, 3);
    expect(ev.assumptions[0]).toMatch(/capped/);
  });

  it('uses the channel × lever win rate once there are 5 closed tests', () => {
    expect(successProbability(9, { wins: 1, tests: 4 })).toMatchObject({ value: 0.9, source: 'ice' });
    expect(successProbability(9, { wins: 1, tests: 5 })).toMatchObject({ value: 0.2, source: 'history' });
    expect(successProbability(null, null)).toBeNull();
  });
});
