import { and, count, eq, isNotNull, sum } from 'drizzle-orm';
import { cycles, hypotheses, learnings } from '../../db/schema';
import type { Db } from '../db';

export type ChannelRecord = {
  channelId: string;
  /** Tests by status (draft, running, review, closed, aborted). */
  tests: Record<string, number>;
  closed: number;
  shipped: number;
  /** Shipped ÷ closed tests; null until a test on the channel has closed. */
  winRate: number | null;
  /** Money spent on the channel's closed tests (as published in their learnings). */
  spend: number;
};

/** Pure: one record per channel from the grouped counts (channels with no tests get zeros). */
export function channelRecords(
  channelIds: string[],
  byStatus: { channelId: string | null; status: string; n: number }[],
  closed: { channelId: string | null; decision: string | null; n: number; spend: string | number | null }[],
): ChannelRecord[] {
  return channelIds.map((channelId) => {
    const tests = Object.fromEntries(byStatus.filter((r) => r.channelId === channelId).map((r) => [r.status, r.n]));
    const mine = closed.filter((r) => r.channelId === channelId);
    const closedCount = mine.reduce((n, r) => n + r.n, 0);
    const shipped = mine.filter((r) => r.decision === 'ship').reduce((n, r) => n + r.n, 0);
    return {
      channelId,
      tests,
      closed: closedCount,
      shipped,
      winRate: closedCount ? shipped / closedCount : null,
      spend: mine.reduce((total, r) => total + Number(r.spend ?? 0), 0),
    };
  });
}

/** The channel map's figures: a test belongs to the channel of the hypothesis it tests. */
export async function channelMap(db: Db, workspaceId: string, channelIds: string[]) {
  const tested = and(eq(cycles.workspaceId, workspaceId), isNotNull(hypotheses.channelId));
  const [byStatus, closed] = await Promise.all([
    db
      .select({ channelId: hypotheses.channelId, status: cycles.status, n: count() })
      .from(cycles)
      .innerJoin(hypotheses, eq(hypotheses.id, cycles.hypothesisId))
      .where(tested)
      .groupBy(hypotheses.channelId, cycles.status),
    db
      .select({
        channelId: hypotheses.channelId,
        decision: learnings.decision,
        n: count(),
        spend: sum(learnings.spend),
      })
      .from(learnings)
      .innerJoin(cycles, eq(cycles.id, learnings.cycleId))
      .innerJoin(hypotheses, eq(hypotheses.id, cycles.hypothesisId))
      .where(and(tested, eq(learnings.workspaceId, workspaceId)))
      .groupBy(hypotheses.channelId, learnings.decision),
  ]);
  return channelRecords(channelIds, byStatus, closed);
}
