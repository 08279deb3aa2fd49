import { describe, expect, it } from 'vitest';
import { iceScore, missingParts, statement } from '../../worker/hypotheses/domain';

describe('hypothesis domain', () => {
  it('scores ICE as the mean on the 1–10 scale, null until complete', () => {
    expect(iceScore({ impact: 8, confidence: 6, ease: 7 })).toBe(7);
    expect(iceScore({ impact: 10, confidence: 5, ease: 5 })).toBe(6.7);
    expect(iceScore({ impact: 8, confidence: null, ease: 7 })).toBeNull();
  });

  it('lists what a quickly captured idea still lacks', () => {
    expect(missingParts({ title: 'x' })).toEqual([
      'change',
      'audience',
      'channelId',
      'metricId',
      'move',
      'expectedImpact',
      'rationale',
      'lever',
      'impact',
      'confidence',
      'ease',
    ]);
    const complete = {
      change: 'a',
      audience: 'b',
      channelId: 'c',
      metricId: 'd',
      move: 'increase' as const,
      expectedImpact: 0.1,
      rationale: 'e',
      lever: 'offer' as const,
      impact: 1,
      confidence: 1,
      ease: 1,
    };
    expect(missingParts(complete)).toEqual([]);
  });

  it('writes the structured statement in plain words', () => {
    const h = {
      change: 'show free shipping above €50',
      audience: 'returning visitors',
      move: 'increase' as const,
      expectedImpact: 0.08,
      rationale: 'shipping cost is the top checkout objection',
    };
    expect(statement(h, { channel: 'Paid search', metric: 'conversion rate' })).toBe(
      'If we show free shipping above €50 for returning visitors on Paid search, then conversion rate will increase by 8%, because shipping cost is the top checkout objection.',
    );
    expect(statement({ title: 'x' })).toBeNull();
  });
});
