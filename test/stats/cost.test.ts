import { describe, it } from 'vitest';
import { compareCost, type CostInput } from '../../worker/stats';
import { expectClose } from './close';
import fixtures from './fixtures/cost.json';

describe('compareCost() vs the mpmath oracle', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_, f) => {
    expectClose(compareCost(f.input as CostInput), f.expected);
  });
});
