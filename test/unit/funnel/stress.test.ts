import { describe, expect, it } from 'vitest';
import { crossings, type Funnel, funnelMetrics, stressFunnel, tornado } from '../../../worker/funnel';

// 100 000 × 3% × 40% × 25% = 300 sales at 1 200 (margin 60%), spend 50 000: CAC 166.67, ROAS 7.2.
const f: Funnel = {
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

describe('stress tests by hand', () => {
  it('conversion −15% on every rate: 300 × 0.85³ sales, CAC up by 1/0.85³', () => {
    const m = funnelMetrics(stressFunnel(f, [], 'rates'));
    expect(m.conversions).toBeCloseTo(300 * 0.85 ** 3, 9);
    expect(m.cpa).toBeCloseTo(50000 / (300 * 0.614125), 9);
    // 271.4 is above a 250 ceiling: the line is crossed; the baseline 166.67 is not.
    expect(crossings(m, { cacMax: 250 })[0]).toMatchObject({ crossed: true, limit: 250 });
    expect(crossings(funnelMetrics(f), { cacMax: 250 })[0]!.crossed).toBe(false);
  });

  it('CPC +20%: spend up 20% at the same traffic', () => {
    const s = stressFunnel(f, [{ target: 'traffic', relative: 0.1 }], 'cpc');
    expect(s.traffic).toBeCloseTo(110000, 9);
    expect(s.spend).toBeCloseTo(60000, 9);
  });

  it('saturation: the scenario’s spend change buys traffic at elasticity 0.5, or +20% spend when it has none', () => {
    const s = stressFunnel(f, [{ target: 'spend', relative: 3 }], 'saturation');
    expect(s.traffic).toBeCloseTo(200000, 6); // 4^0.5 = 2
    const t = stressFunnel(f, [], 'saturation');
    expect(t.spend).toBeCloseTo(60000, 9);
    expect(t.traffic).toBeCloseTo(100000 * 1.2 ** 0.5, 6);
  });

  it('ROAS under its floor crosses it', () => {
    expect(crossings(funnelMetrics(f), { roasFloor: 8 })[0]).toMatchObject({ crossed: true, value: 7.2 });
    expect(crossings(funnelMetrics(f), {})).toEqual([]);
  });
});

describe('tornado', () => {
  it('ranks inputs by the profit swing of one point', () => {
    const bars = tornado(f);
    // lead +1 pt: 4% instead of 3% → 400 sales → +100 × 1 200 × 0.6 = +72 000; −1 pt → −72 000.
    const lead = bars.find((b) => b.target === 'lead')!;
    expect(lead.up).toBeCloseTo(72000, 6);
    expect(lead.down).toBeCloseTo(-72000, 6);
    // sale +1 pt: 26% → 312 sales → +12 × 720 = +8 640; traffic +1% → +3 sales → +2 160.
    expect(bars.find((b) => b.target === 'sale')!.up).toBeCloseTo(8640, 6);
    expect(bars.find((b) => b.target === 'traffic')!.up).toBeCloseTo(2160, 6);
    expect(bars[0]!.target).toBe('lead');
    const swings = bars.map((b) => Math.abs(b.up - b.down));
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
  });
});
