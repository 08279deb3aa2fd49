import { describe, expect, it } from 'vitest';
import { analyzeCycle } from '../../../worker/rules/analysis';
import { guardrailBreaches, newBreaches } from '../../../worker/rules/breaches';
import { decisionRuleSchema } from '../../../worker/rules/schema';
import {
  DISABLE_AFTER_MS,
  failingTooLong,
  isRetryable,
  MAX_ATTEMPTS,
  retryDelaySeconds,
} from '../../../worker/webhooks/backoff';

describe('retry schedule', () => {
  it('doubles from 30 s and stops at the 12 hours a Queue allows', () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelaySeconds(a))).toEqual([30, 60, 120, 240, 480]);
    expect(retryDelaySeconds(12)).toBe(43_200);
    expect(retryDelaySeconds(40)).toBe(43_200);
    expect(retryDelaySeconds(3, 1)).toBe(4);
  });

  it('tries for more than a day in all before a message is given up', () => {
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelaySeconds(i + 1)).reduce((a, b) => a + b);
    expect(total / 3600).toBeGreaterThan(24);
    expect(total * 1000).toBeLessThan(DISABLE_AFTER_MS);
  });

  it('retries server errors, timeouts, rate limits and network errors only', () => {
    expect([500, 502, 503, 408, 429, null].every(isRetryable)).toBe(true);
    expect([400, 401, 404, 410, 301].some(isRetryable)).toBe(false);
  });

  it('disables after exactly three days of failures', () => {
    const since = '2026-03-01T00:00:00.000Z';
    expect(failingTooLong(since, Date.parse('2026-03-03T23:59:59.999Z'))).toBe(false);
    expect(failingTooLong(since, Date.parse('2026-03-04T00:00:00.000Z'))).toBe(true);
  });
});

describe('guardrail breaches', () => {
  const metrics = [
    {
      id: 'cr',
      name: 'Conversion rate',
      kind: 'proportion' as const,
      direction: 'increase' as const,
      costFormula: null,
    },
    { id: 'cpa', name: 'CPA', kind: 'cost' as const, direction: 'decrease' as const, costFormula: 'cpa' as const },
  ];
  const variants = [
    { key: 'control', name: 'Control', weight: 1 },
    { key: 'banner', name: 'Banner', weight: 1 },
  ];
  const rule = decisionRuleSchema.parse({
    primaryMetricId: 'cr',
    minDays: 0,
    guardrails: [{ metricId: 'cpa', maxWorsening: 0.1, scale: 'relative' }],
  });
  const row = (metricId: string, variantKey: string, conversions: number, spend: number) => ({
    metricId,
    variantKey,
    units: 6000,
    conversions,
    valueSum: null,
    valueSumSquares: null,
    mean: null,
    sd: null,
    spend,
    revenue: null,
  });
  const analyse = (bannerSpend: number) =>
    analyzeCycle({
      rule,
      variants,
      metrics,
      daysRunning: 3,
      results: [
        row('cr', 'control', 300, 3000),
        row('cr', 'banner', 420, 3050),
        row('cpa', 'control', 300, 3000),
        row('cpa', 'banner', 420, bannerSpend),
      ],
    });

  it('flags a treatment whose CPA is past the allowed worsening (14.29 vs 10: 43% worse than a 10% limit)', () => {
    const breaches = guardrailBreaches(analyse(6000), ['control', 'banner']);
    expect(breaches).toMatchObject([{ metricId: 'cpa', metric: 'CPA', variantKey: 'banner' }]);
    expect(breaches[0]!.detail).toMatch(/CPA may worsen by at most 10.*worsened by 42\.9/);
  });

  it('stays quiet while the guardrail holds (CPA 7.26, better than control)', () => {
    expect(guardrailBreaches(analyse(3050), ['control', 'banner'])).toEqual([]);
  });

  it('reports only breaches that are new', () => {
    const b = { metricId: 'cpa', metric: 'CPA', variantKey: 'banner', detail: '' };
    expect(newBreaches([b], [b])).toEqual([]);
    expect(newBreaches([], [b])).toEqual([b]);
  });
});
