/**
 * An objective's money at a glance: a funnel prefilled from what its tests measured, spend against the budget
 * envelope, and whether the primary metric is on pace for the target by the deadline. Pure.
 */
import type { Funnel } from './model';

const DAY_MS = 86_400_000;

/** Totals the objective's recent tests measured (all arms) over `days` days of data. */
export type MeasuredTotals = { units: number; conversions: number; spend: number; revenue: number; days: number };

/** A one-stage funnel per period from measured totals, or null when nothing was measured. */
export function prefillFunnel(t: MeasuredTotals, periodDays: number): Funnel | null {
  if (!(t.units > 0) || !(t.days > 0)) return null;
  const perPeriod = periodDays / t.days;
  return {
    traffic: Math.round(t.units * perPeriod),
    spend: Math.round(t.spend * perPeriod * 100) / 100,
    stages: [{ name: 'conversion', rate: Math.min(1, t.conversions / t.units) }],
    value: t.conversions > 0 ? Math.round((t.revenue / t.conversions) * 100) / 100 : 0,
    margin: 1,
    elasticity: 1,
  };
}

export type Budget = { envelope: number | null; spent: number; share: number | null; over: boolean };
export function budgetUse(envelope: number | null, spent: number): Budget {
  const share = envelope && envelope > 0 ? spent / envelope : null;
  return { envelope, spent, share, over: envelope != null && spent > envelope };
}

export type PaceInput = {
  baseline: number | null;
  target: number | null;
  /** When the objective started (ISO date or timestamp). */
  start: string;
  deadline: string | null;
  /** The primary metric as last measured, or null. */
  current: number | null;
  today: string;
};
export type Pace = {
  status: 'on_pace' | 'behind' | 'reached' | 'unknown';
  /** Where a straight line from baseline to target says the metric should be today. */
  expectedNow: number | null;
  /** Share of the way from baseline to target covered so far (can exceed 1). */
  progress: number | null;
  /** Share of the time from start to deadline elapsed (0..1). */
  elapsed: number | null;
  reason: string;
};

/** On pace when the metric has covered at least as much of the way to the target as time has elapsed. */
export function paceOf(p: PaceInput): Pace {
  const unknown = (reason: string): Pace => ({
    status: 'unknown',
    expectedNow: null,
    progress: null,
    elapsed: null,
    reason,
  });
  if (p.baseline == null || p.target == null || !p.deadline) return unknown('set a baseline, a target and a deadline');
  if (p.target === p.baseline) return unknown('the target equals the baseline');
  const start = Date.parse(p.start);
  const end = Date.parse(p.deadline);
  if (!(end > start)) return unknown('the deadline is not after the start');
  const elapsed = Math.min(1, Math.max(0, (Date.parse(p.today) - start) / (end - start)));
  const expectedNow = p.baseline + (p.target - p.baseline) * elapsed;
  if (p.current == null) return { ...unknown('no measurement of the primary metric yet'), expectedNow, elapsed };
  const progress = (p.current - p.baseline) / (p.target - p.baseline);
  const days = Math.max(0, Math.ceil((end - Date.parse(p.today)) / DAY_MS));
  if (progress >= 1) return { status: 'reached', expectedNow, progress, elapsed, reason: 'the target is reached' };
  if (progress >= elapsed)
    return { status: 'on_pace', expectedNow, progress, elapsed, reason: `on pace, ${days} days to the deadline` };
  return {
    status: 'behind',
    expectedNow,
    progress,
    elapsed,
    reason: `behind: ${Math.round(progress * 100)}% of the way with ${Math.round(elapsed * 100)}% of the time gone`,
  };
}
