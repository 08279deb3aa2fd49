import { describe, expect, it } from 'vitest';
import { CYCLE_STATUSES } from '../../db/schema';
import {
  classifyEdit,
  illegalMove,
  isOverride,
  launchNeedsAdmin,
  type CycleAction,
} from '../../worker/cycles/lifecycle';
import { snapshotProblems } from '../../worker/cycles/snapshot-rules';
import { daysRunning, totalSpend } from '../../worker/cycles/progress';

const legal: Record<CycleAction, string[]> = {
  edit_design: ['draft'],
  edit_notes: ['draft', 'running', 'review'],
  launch: ['draft'],
  review: ['running'],
  close: ['running', 'review'],
  abort: ['draft', 'running', 'review'],
  add_results: ['running', 'review'],
};

describe('cycle lifecycle', () => {
  for (const [action, states] of Object.entries(legal) as [CycleAction, string[]][]) {
    for (const status of CYCLE_STATUSES) {
      it(`${action} from ${status} is ${states.includes(status) ? 'allowed' : 'refused with a reason'}`, () => {
        const why = illegalMove(status, action);
        if (states.includes(status)) expect(why).toBeNull();
        else expect(why).toMatch(/\w+/);
      });
    }
  }

  it('closed and aborted cycles accept nothing', () => {
    for (const action of Object.keys(legal) as CycleAction[]) {
      expect(illegalMove('closed', action)).not.toBeNull();
      expect(illegalMove('aborted', action)).not.toBeNull();
    }
  });

  it('tells design edits (locked at launch) from note edits', () => {
    expect(classifyEdit({ name: 'x', plannedEnd: '2026-01-01' })).toBe('edit_notes');
    expect(classifyEdit({ name: 'x', decisionRule: {} })).toBe('edit_design');
    expect(classifyEdit({ variants: [] })).toBe('edit_design');
  });

  it('requires an admin only for budgets above the approval threshold', () => {
    expect(launchNeedsAdmin(5000, 1000, 'lead')).toBe(true);
    expect(launchNeedsAdmin(5000, 1000, 'admin')).toBe(false);
    expect(launchNeedsAdmin(500, 1000, 'lead')).toBe(false);
    expect(launchNeedsAdmin(5000, null, 'lead')).toBe(false);
  });

  it('marks decisions that depart from the verdict as overrides', () => {
    expect(isOverride('ship', 'ship')).toBe(false);
    expect(isOverride('ship', 'keep_running')).toBe(true);
    expect(isOverride('kill', 'iterate')).toBe(true);
  });

  it('counts whole days since launch and stops at close', () => {
    const launchedAt = '2026-01-01T00:00:00.000Z';
    expect(daysRunning({ launchedAt, closedAt: null }, Date.parse('2026-01-08T12:00:00Z'))).toBe(7);
    expect(daysRunning({ launchedAt, closedAt: '2026-01-03T00:00:00.000Z' }, Date.parse('2026-02-01T00:00:00Z'))).toBe(
      2,
    );
    expect(daysRunning({ launchedAt: null, closedAt: null })).toBe(0);
  });

  it('sums spend per variant without double counting metrics that share a budget', () => {
    expect(
      totalSpend([
        { variantKey: 'a', spend: 100 },
        { variantKey: 'a', spend: 100 },
        { variantKey: 'b', spend: 120 },
        { variantKey: 'b', spend: null },
      ]),
    ).toBe(220);
    expect(totalSpend([{ variantKey: 'a', spend: null }])).toBeNull();
  });
});

describe('snapshot rules', () => {
  const proportion = { kind: 'proportion' as const, costFormula: null, name: 'Conversion rate' };
  const mean = { kind: 'mean' as const, costFormula: null, name: 'Revenue per visitor' };
  const cpa = { kind: 'cost' as const, costFormula: 'cpa' as const, name: 'CPA' };
  const base = { metricId: 'm', variantKey: 'a', date: '2026-01-01', units: 100 };

  it('needs conversions for proportions and refuses more conversions than units', () => {
    expect(snapshotProblems(base, proportion)).toEqual({ conversions: expect.stringContaining('required') });
    expect(snapshotProblems({ ...base, conversions: 101 }, proportion, 'snapshots.2.')).toEqual({
      'snapshots.2.conversions': 'cannot exceed units (101 > 100)',
    });
    expect(snapshotProblems({ ...base, conversions: 10 }, proportion)).toEqual({});
  });

  it('needs mean+sd or sums for means, and refuses a negative variance', () => {
    expect(Object.keys(snapshotProblems(base, mean))).toEqual(['mean', 'sd']);
    expect(snapshotProblems({ ...base, mean: 3, sd: 1 }, mean)).toEqual({});
    expect(snapshotProblems({ ...base, valueSum: 100 }, mean)).toEqual({ valueSumSquares: expect.any(String) });
    expect(snapshotProblems({ ...base, valueSum: 100, valueSumSquares: 10 }, mean)).toEqual({
      valueSumSquares: expect.stringContaining('negative'),
    });
  });

  it('needs spend and conversions for CPA', () => {
    expect(Object.keys(snapshotProblems(base, cpa))).toEqual(['spend', 'conversions']);
    expect(snapshotProblems({ ...base, spend: 50, conversions: 5 }, cpa)).toEqual({});
  });
});
