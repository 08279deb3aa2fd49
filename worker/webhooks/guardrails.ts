import type { Context } from 'hono';
import type { cycles } from '../../db/schema';
import { analysisOf, analyzeStoredCycle, latestOf, ruleOf } from '../cycles/analysis';
import type { ResultsWritten } from '../cycles/snapshots';
import type { Db } from '../db';
import type { AppEnv } from '../env';
import { guardrailBreaches, newBreaches } from '../rules/breaches';
import { anyoneListens, cycleData, emitEvent } from './events';

type Cycle = typeof cycles.$inferSelect;

const breachesOf = async (db: Db, cycle: Cycle) =>
  guardrailBreaches(
    await analyzeStoredCycle(db, cycle),
    cycle.variants.map((v) => v.key),
  );

/**
 * Runs a write of results and, when it makes a guardrail of the cycle's decision rule breach that did not
 * before, queues `cycle.guardrail_breached`. The analysis before and after is only computed when an endpoint
 * of the workspace listens, so results writes cost nothing extra otherwise.
 */
export async function watchGuardrails<T>(c: Context<AppEnv>, cycle: Cycle, write: () => Promise<T>): Promise<T> {
  const rule = ruleOf(cycle);
  if (!rule?.guardrails.length || !(await anyoneListens(c, 'cycle.guardrail_breached'))) return write();
  const db = c.get('db');
  const before = await breachesOf(db, cycle);
  const result = await write();
  const breaches = newBreaches(before, await breachesOf(db, cycle));
  if (breaches.length) await emitEvent(c, 'cycle.guardrail_breached', { cycle: cycleData(cycle), breaches });
  return result;
}

/**
 * After daily results were recorded: queues `cycle.guardrail_breached` for the breaches they caused, judged on
 * the results the write already read and stored (no further query unless there is an event to send).
 */
export async function emitNewBreaches(c: Context<AppEnv>, written: ResultsWritten) {
  const { cycle, metrics, currency, before, after } = written;
  const rule = ruleOf(cycle);
  if (!rule?.guardrails.length || before === after) return;
  const keys = cycle.variants.map((v) => v.key);
  const breachesIn = (rows: typeof after) =>
    guardrailBreaches(analysisOf(cycle, rule, metrics, latestOf(rows), currency), keys);
  const breaches = newBreaches(breachesIn(before), breachesIn(after));
  if (breaches.length) await emitEvent(c, 'cycle.guardrail_breached', { cycle: cycleData(cycle), breaches });
}
