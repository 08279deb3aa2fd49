import { describe, expect, it } from 'vitest';
import { shippedLift, towardTarget } from '../../worker/objectives/toward-target';
import { expectClose } from '../stats/close';
import oracle from '../stats/fixtures/toward-target.json';

describe('progress toward an objective’s target', () => {
  it.each(oracle.cases.map((c) => [c.label, c] as const))('matches the exact-fraction oracle: %s', (_, c) => {
    const shipped = c.lifts.map((lift, i) => ({
      cycleId: `c${i}`,
      name: `Test ${i}`,
      variant: 'B',
      lift,
      closedAt: null,
    }));
    const got = towardTarget(c.baseline, c.target, shipped)!;
    expectClose(
      { compoundedLift: got.compoundedLift, estimate: got.estimate, fraction: got.fraction },
      c.expected as Record<string, number | null>,
    );
    expect(got.shipped).toHaveLength(c.lifts.length);
  });

  it('has nothing to say without a baseline', () => {
    expect(towardTarget(null, 0.06, [])).toBeNull();
  });

  const evidence = (variantKey: string | null, direction = 'increase') => ({
    verdict: {
      variantKey,
      perVariant: [
        { key: 'b', name: 'B' },
        { key: 'c', name: 'C' },
      ],
    },
    metrics: [
      { metricId: 'other', comparison: { result: { variants: [{ name: 'B', relativeLift: 9 }] } } },
      {
        metricId: 'cr',
        direction,
        comparison: {
          result: {
            variants: [
              { name: 'B', relativeLift: 0.05 },
              { name: 'C', relativeLift: -0.1 },
            ],
          },
        },
      },
    ],
  });

  it('reads the shipped variant’s lift from a learning’s evidence', () => {
    expect(shippedLift(evidence('c'), 'cr')).toEqual({ variant: 'C', lift: -0.1 }); // the variant the rule named
    expect(shippedLift(evidence(null), 'cr')).toEqual({ variant: 'B', lift: 0.05 }); // override: best the right way
    expect(shippedLift(evidence(null, 'decrease'), 'cr')).toEqual({ variant: 'C', lift: -0.1 });
    expect(shippedLift(evidence('b'), 'missing')).toBeNull();
    expect(shippedLift({ metrics: 'garbage' }, 'cr')).toBeNull();
    expect(shippedLift(null, 'cr')).toBeNull();
  });
});
