import { and, eq, inArray, sql } from 'drizzle-orm';
import { cycleAnalyses, cycles, metrics, snapshots, workspaces } from '../../db/schema';
import { type Db, nowIso } from '../db';
import { conflict, notFound } from '../http/errors';
import { analyzeCycle } from '../rules/analysis';
import { decisionRuleSchema, type DecisionRule } from '../rules/schema';
import { costOfLearning, learningArms } from '../stats';
import { daysRunning, totalSpend } from './progress';

type Cycle = typeof cycles.$inferSelect;

/** Every metric the cycle watches: the rule's primary and guardrails, plus the secondary ones. */
export function cycleMetricIds(cycle: Pick<Cycle, 'secondaryMetricIds'>, rule: DecisionRule | null): string[] {
  const ids = [rule?.primaryMetricId, ...cycle.secondaryMetricIds, ...(rule?.guardrails ?? []).map((g) => g.metricId)];
  return [...new Set(ids.filter((id): id is string => !!id))];
}

export const ruleOf = (cycle: Pick<Cycle, 'decisionRule'>) =>
  cycle.decisionRule ? decisionRuleSchema.parse(cycle.decisionRule) : null;

/** The latest cumulative snapshot per metric and variant, in one query. */
export function latestResults(db: Db, cycleId: string) {
  return db
    .select()
    .from(snapshots)
    .where(
      and(
        eq(snapshots.cycleId, cycleId),
        sql`${snapshots.date} = (select max(s2.date) from snapshots s2 where s2.cycle_id = ${snapshots.cycleId} and s2.metric_id = ${snapshots.metricId} and s2.variant_key = ${snapshots.variantKey})`,
      ),
    );
}

/** Loads what the rule needs in one batch (whatever the number of metrics or variants) and evaluates it. */
export async function analyzeStoredCycle(db: Db, cycle: Cycle) {
  return (await computeAnalysis(db, cycle)).analysis;
}

type Analysis = Awaited<ReturnType<typeof computeAnalysis>>['analysis'];

async function computeAnalysis(db: Db, cycle: Cycle) {
  const rule = ruleOf(cycle);
  if (!rule) throw conflict('This cycle has no decision rule yet; write one before launch', undefined, 'no_rule');
  const ids = cycleMetricIds(cycle, rule);
  const [metricRows, results, revisions, workspace] = await db.batch([
    db
      .select()
      .from(metrics)
      .where(and(eq(metrics.workspaceId, cycle.workspaceId), inArray(metrics.id, ids))),
    latestResults(db, cycle.id),
    db.select({ revision: cycleAnalyses.revision }).from(cycleAnalyses).where(eq(cycleAnalyses.cycleId, cycle.id)),
    db.select({ currency: workspaces.currency }).from(workspaces).where(eq(workspaces.id, cycle.workspaceId)),
  ]);
  const analysis = analyzeCycle({
    rule,
    variants: cycle.variants.map(({ key, name, weight }) => ({ key, name, weight })),
    metrics: metricRows.map(({ id, name, kind, direction, costFormula }) => ({
      id,
      name,
      kind,
      direction,
      costFormula,
    })),
    results: results.map(
      ({ metricId, variantKey, units, conversions, valueSum, valueSumSquares, mean, sd, spend, revenue }) => ({
        metricId,
        variantKey,
        units,
        conversions,
        valueSum,
        valueSumSquares,
        mean,
        sd,
        spend,
        revenue,
      }),
    ),
    daysRunning: daysRunning(cycle),
    currency: workspace[0]?.currency,
  });
  // What it cost to learn (issue 11): per-arm money with intervals and the losing arms' opportunity cost.
  const arms = learningArms(cycle.variants, metricRows, results, rule.primaryMetricId);
  const cost = costOfLearning({ arms, winnerKey: analysis.verdict.variantKey, alpha: rule.alpha });
  return {
    analysis: { ...analysis, spend: totalSpend(results), costOfLearning: cost },
    revision: revisions[0]?.revision ?? 0,
  };
}

/** What the stored analysis must say to still hold: the results revision, the rule's version and the day. */
const analysisKey = (revision: number, cycle: Cycle) => `${revision}:${cycle.version}:${nowIso().slice(0, 10)}`;

/**
 * A cycle and its analysis, computed once per change: the cycle and its stored analysis come in one round
 * trip; only when results, rule or day changed since is it computed again (one more) and stored (one more).
 */
export async function cycleWithAnalysis(db: Db, workspaceId: string, id: string) {
  const [cycleRows, stored] = await db.batch([
    db
      .select()
      .from(cycles)
      .where(and(eq(cycles.id, id), eq(cycles.workspaceId, workspaceId)))
      .limit(1),
    db.select().from(cycleAnalyses).where(eq(cycleAnalyses.cycleId, id)),
  ]);
  const cycle = cycleRows[0];
  if (!cycle) throw notFound('Cycle');
  if (cycle.status === 'draft') throw conflict('A draft has no results yet; launch it first', cycle, 'not_launched');
  const cached = stored[0];
  if (cached?.analysis && cached.analysisKey === analysisKey(cached.revision, cycle)) {
    return { cycle, analysis: JSON.parse(cached.analysis) as Analysis };
  }
  const { analysis, revision } = await computeAnalysis(db, cycle);
  await storeAnalysis(db, cycle, revision, analysis);
  return { cycle, analysis };
}

/** Stored only if no result changed while it was computed (the revision it was computed at is still current). */
async function storeAnalysis(db: Db, cycle: Cycle, revision: number, analysis: Analysis) {
  const key = analysisKey(revision, cycle);
  await db
    .insert(cycleAnalyses)
    .values({ cycleId: cycle.id, revision, analysis: JSON.stringify(analysis), analysisKey: key })
    .onConflictDoUpdate({
      target: cycleAnalyses.cycleId,
      set: { analysis: sql`excluded.analysis`, analysisKey: sql`excluded.analysis_key` },
      setWhere: sql`${cycleAnalyses.revision} = ${revision}`,
    });
}
