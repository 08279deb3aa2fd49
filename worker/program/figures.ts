/**
 * The program view's arithmetic, pure so it is tested on hand-computed histories: velocity per week,
 * durations, outcomes by channel, lever and funnel stage, and how often decisions followed their rule.
 */
import { heterogeneityInWords, metaAnalysis, type MetaResult } from '../stats/meta-analysis';
import type { MeasuredEffect } from './effects';
import { addDays, localMidnight, mondayOf } from '../reviews/week';

const DAY_MS = 86_400_000;

/** Percentile by linear interpolation between order statistics (R's type 7, numpy's default); null when empty. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export type ClosedCycleRow = {
  id: string;
  name: string;
  launchedAt: string | null;
  closedAt: string;
  decision: 'ship' | 'kill' | 'iterate';
  verdict: string | null;
  /** Statuses of the treatments in the rule's verdict (winner, loser, flat, …). */
  variantStatuses: string[];
  isOverride: boolean;
  overrideReason: string | null;
  channelId: string | null;
  channelName: string | null;
  lever: string | null;
  funnelStage: string | null;
  plannedPerVariant: number | null;
  unitsLeft: number | null;
};

/** Won: a treatment beat control within the rule; lost: every treatment was worse; otherwise inconclusive. */
export function resultOf(statuses: string[]): 'won' | 'lost' | 'inconclusive' {
  if (statuses.includes('winner')) return 'won';
  if (statuses.length > 0 && statuses.every((s) => s === 'loser')) return 'lost';
  return 'inconclusive';
}

export function velocity(
  launched: string[],
  closed: Pick<ClosedCycleRow, 'launchedAt' | 'closedAt' | 'plannedPerVariant' | 'unitsLeft'>[],
  range: { from: string; to: string },
  timeZone: string,
) {
  const weeks: { weekStart: string; launched: number; closed: number }[] = [];
  for (let w = mondayOf(range.from); w <= range.to; w = addDays(w, 7))
    weeks.push({ weekStart: w, launched: 0, closed: 0 });
  // Each week's first instant, found once per week (time-zone lookups are slow); timestamps are bucketed by search.
  const starts = weeks.map((w) => new Date(localMidnight(w.weekStart, timeZone)).toISOString());
  const weekOf = (iso: string) => {
    let lo = 0;
    let hi = starts.length - 1;
    if (iso < starts[0]!) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= iso) lo = mid;
      else hi = mid - 1;
    }
    return weeks[lo];
  };
  for (const t of launched) {
    const w = weekOf(t);
    if (w) w.launched++;
  }
  for (const c of closed) {
    const w = weekOf(c.closedAt);
    if (w) w.closed++;
  }
  const durations = closed
    .filter((c) => c.launchedAt)
    .map((c) => (Date.parse(c.closedAt) - Date.parse(c.launchedAt!)) / DAY_MS);
  const planned = closed.filter((c) => c.plannedPerVariant != null);
  const reached = planned.filter((c) => c.unitsLeft === 0).length;
  return {
    weeks,
    launched: launched.length,
    closed: closed.length,
    /** Days from launch to close. */
    durationDays: { median: percentile(durations, 0.5), p90: percentile(durations, 0.9), n: durations.length },
    /** Of the closed tests that had a planned sample size, the share that reached it. */
    reachedPlannedSample: { share: share(reached, planned.length), reached, withPlan: planned.length },
  };
}

type Tally = {
  key: string;
  label: string;
  closed: number;
  ship: number;
  kill: number;
  iterate: number;
  won: number;
  lost: number;
  inconclusive: number;
  followedRule: number;
  winRate: number | null;
  followedShare: number | null;
};

function tally(rows: ClosedCycleRow[], key: string, label: string): Tally {
  const t = { key, label, closed: rows.length, ship: 0, kill: 0, iterate: 0, won: 0, lost: 0, inconclusive: 0 };
  let followed = 0;
  for (const r of rows) {
    t[r.decision]++;
    t[resultOf(r.variantStatuses)]++;
    if (!r.isOverride) followed++;
  }
  return {
    ...t,
    followedRule: followed,
    winRate: share(t.won, rows.length),
    followedShare: share(followed, rows.length),
  };
}

function by(
  rows: ClosedCycleRow[],
  keyOf: (r: ClosedCycleRow) => string | null,
  labelOf: (r: ClosedCycleRow) => string,
) {
  const groups = new Map<string, ClosedCycleRow[]>();
  for (const r of rows) {
    const k = keyOf(r) ?? 'none';
    const group = groups.get(k);
    if (group) group.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.entries()]
    .map(([k, g]) => tally(g, k, k === 'none' ? 'not set' : labelOf(g[0]!)))
    .sort((a, b) => b.closed - a.closed || a.label.localeCompare(b.label));
}

export function outcomes(rows: ClosedCycleRow[]) {
  return {
    all: tally(rows, 'all', 'All tests'),
    byChannel: by(
      rows,
      (r) => r.channelId,
      (r) => r.channelName ?? 'unknown channel',
    ),
    byLever: by(
      rows,
      (r) => r.lever,
      (r) => r.lever!.replace('_', ' '),
    ),
    byFunnelStage: by(
      rows,
      (r) => r.funnelStage,
      (r) => r.funnelStage!,
    ),
    overrides: rows
      .filter((r) => r.isOverride)
      .sort((a, b) => b.closedAt.localeCompare(a.closedAt))
      .map((r) => ({
        cycleId: r.id,
        name: r.name,
        decision: r.decision,
        verdict: r.verdict,
        reason: r.overrideReason,
        closedAt: r.closedAt,
      })),
  };
}

export type ShippedTest = MeasuredEffect & { cycleId: string; name: string; closedAt: string };

/** Shipped tests' lifts and their pooled estimate (random effects: tests differ in context). */
export function pooledImpact(tests: ShippedTest[]): { pooled: MetaResult | null; heterogeneity: string | null } {
  if (tests.length === 0) return { pooled: null, heterogeneity: null };
  const pooled = metaAnalysis({ studies: tests.map(({ effect, se }) => ({ effect, se })), method: 'random' });
  return { pooled, heterogeneity: heterogeneityInWords(pooled, tests.length) };
}

/** Backlog ideas counted by ICE score (whole points), whether they still miss parts, and whether they are stale. */
export type BacklogGroup = { iceScore: number | null; incomplete: boolean; stale: boolean; ideas: number };

/** Ideas nobody touched since this instant (60 days before `now`) count as stale. */
export const staleBefore = (now: number) => new Date(now - 60 * DAY_MS).toISOString();

/** ICE in whole-point bins (1–2, 2–3, …, 9–10), ideas still missing parts, and ideas nobody touched in 60 days. */
export function backlogHealth(groups: BacklogGroup[]) {
  const bins = Array.from({ length: 9 }, (_, i) => ({ from: i + 1, to: i + 2, count: 0 }));
  let unscored = 0;
  for (const g of groups) {
    if (g.iceScore == null) unscored += g.ideas;
    else bins[Math.min(8, Math.max(0, Math.floor(g.iceScore) - 1))]!.count += g.ideas;
  }
  const total = (pick: (g: BacklogGroup) => boolean) => groups.filter(pick).reduce((n, g) => n + g.ideas, 0);
  return {
    ideas: total(() => true),
    ice: { bins, unscored },
    incomplete: total((g) => g.incomplete),
    untouched60Days: total((g) => g.stale),
  };
}
