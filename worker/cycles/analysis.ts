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

/** Pure twin of `latestResults`: the latest cumulative snapshot per metric and variant among `rows`. */
export function latestOf<S extends Pick<Snapshot, 'metricId' | 'variantKey' | 'date'>>(rows: S[]): S[] {
  const latest = new Map<string, S>();
  for (const row of rows) {
    const key = `${row.metricId}|${row.variantKey}`;
    const seen = latest.get(key);
    if (!seen || row.date > seen.date) latest.set(key, row);
  }
  return [...latest.values()];
}

/** The workspace's currency (one row), read beside whatever an analysis needs. */
export const workspaceCurrency = (db: Db, workspaceId: string) =>
  db.select({ currency: workspaces.currency }).from(workspaces).where(eq(workspaces.id, workspaceId));

/** Loads what the rule needs in one batch (whatever the number of metrics or variants) and evaluates it. */
export async function analyzeStoredCycle(db: Db, cycle: Cycle) {
  return (await computeAnalysis(db, cycle)).analysis;
}

export type StoredAnalysis = ReturnType<typeof analysisOf>;
type Metric = typeof metrics.$inferSelect;
type Snapshot = typeof snapshots.$inferSelect;

/** Pure: what the rule engine reads of a cycle, its watched metrics and its latest results. */
export function ruleInput(
  cycle: Cycle,
  rule: DecisionRule,
  metricRows: Metric[],
  results: Snapshot[],
  days: number,
  currency?: string,
) {
  const ids = cycleMetricIds(cycle, rule);
  return {
    rule,
    variants: cycle.variants.map(({ key, name, weight }) => ({ key, name, weight })),
    metrics: metricRows
      .filter((m) => ids.includes(m.id))
      .map(({ id, name, kind, direction, costFormula }) => ({ id, name, kind, direction, costFormula })),
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
    daysRunning: days,
    currency,
  };
}

/** Pure: the rule's analysis of the cycle's latest results, its spend and what it cost to learn (issue 11). */
export function analysisOf(
  cycle: Cycle,
  rule: DecisionRule,
  metricRows: Metric[],
  results: Snapshot[],
  /** The workspace's currency, for the rule's words ("CPA could exceed €45"). */
  currency: string | undefined,
) {
  const analysis = analyzeCycle(ruleInput(cycle, rule, metricRows, results, daysRunning(cycle), currency));
  // Per-arm money with intervals and the losing arms' opportunity cost.
  const ids = cycleMetricIds(cycle, rule);
  const watched = metricRows.filter((m) => ids.includes(m.id));
  const arms = learningArms(cycle.variants, watched, results, rule.primaryMetricId);
  const cost = costOfLearning({ arms, winnerKey: analysis.verdict.variantKey, alpha: rule.alpha });
  return { ...analysis, spend: totalSpend(results), costOfLearning: cost };
}

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
    workspaceCurrency(db, cycle.workspaceId),
  ]);
  return {
    analysis: analysisOf(cycle, rule, metricRows, results, workspace[0]?.currency),
    revision: revisions[0]?.revision ?? 0,
  };
}

/** What the stored analysis must say to still hold: the results revision, the rule's version and the day. */
const analysisKey = (revision: number, cycle: Pick<Cycle, 'version'>) =>
  `${revision}:${cycle.version}:${nowIso().slice(0, 10)}`;

/** The stored analysis of a cycle when it still holds, else null (results, rule or day changed since). */
export function storedAnalysis(cycle: Cycle, stored: typeof cycleAnalyses.$inferSelect | null | undefined) {
  if (!stored?.analysis || stored.analysisKey !== analysisKey(stored.revision, cycle)) return null;
  return JSON.parse(stored.analysis) as StoredAnalysis;
}

/** SQL twin of `storedAnalysis`: true where the row in `cycle_analyses` still holds for the row in `cycles`. */
export const storedAnalysisHolds = () =>
  sql`${cycleAnalyses.analysisKey} = ${cycleAnalyses.revision} || ':' || ${cycles.version} || ':' || ${nowIso().slice(0, 10)}`;

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
  const cached = storedAnalysis(cycle, stored[0]);
  if (cached) return { cycle, analysis: cached };
  const { analysis, revision } = await computeAnalysis(db, cycle);
  await db.batch([storeAnalysis(db, cycle, revision, analysis)]);
  return { cycle, analysis };
}

/** Stored only if no result changed while it was computed (the revision it was computed at is still current). */
export function storeAnalysis(db: Db, cycle: Cycle, revision: number, analysis: StoredAnalysis) {
  const key = analysisKey(revision, cycle);
  return db
    .insert(cycleAnalyses)
    .values({ cycleId: cycle.id, revision, analysis: JSON.stringify(analysis), analysisKey: key })
    .onConflictDoUpdate({
      target: cycleAnalyses.cycleId,
      set: { analysis: sql`excluded.analysis`, analysisKey: sql`excluded.analysis_key` },
      setWhere: sql`${cycleAnalyses.revision} = ${revision}`,
    });
}
