import { and, eq, inArray, sql } from 'drizzle-orm';
import { type cycles, metrics, snapshots } from '../../db/schema';
import type { Db } from '../db';
import { conflict } from '../http/errors';
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
export async function latestResults(db: Db, cycleId: string) {
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

/** Loads what the rule needs (three queries, whatever the number of metrics or variants) and evaluates it. */
export async function analyzeStoredCycle(db: Db, cycle: Cycle) {
  const rule = ruleOf(cycle);
  if (!rule) throw conflict('This cycle has no decision rule yet; write one before launch', undefined, 'no_rule');
  const ids = cycleMetricIds(cycle, rule);
  const [metricRows, results] = await Promise.all([
    db
      .select()
      .from(metrics)
      .where(and(eq(metrics.workspaceId, cycle.workspaceId), inArray(metrics.id, ids))),
    latestResults(db, cycle.id),
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
  });
  // What it cost to learn (issue 11): per-arm money with intervals and the losing arms' opportunity cost.
  const arms = learningArms(cycle.variants, metricRows, results, rule.primaryMetricId);
  const cost = costOfLearning({ arms, winnerKey: analysis.verdict.variantKey, alpha: rule.alpha });
  return { ...analysis, spend: totalSpend(results), costOfLearning: cost };
}
