import type { DecisionRule } from './schema';
import { count, percent, points } from './words';

/** What the rule needs to know about a metric to talk about it. */
export type MetricInfo = {
  id: string;
  name: string;
  kind: 'proportion' | 'mean' | 'cost';
  direction: 'increase' | 'decrease';
};

/** The test the rule reads, named as the analysis computes it (worker/rules/effects.ts). */
const methodClause = (rule: DecisionRule, move: string) => {
  if (rule.method === 'bayesian')
    return `${move} with at least ${percent(rule.minChanceToBeat, 2)} chance to beat control (Bayesian, no p-value)`;
  if (rule.method === 'sequential')
    return `${move} with an always-valid p < ${rule.alpha} (sequential test of the relative lift, safe to check daily)`;
  return `${move} with p < ${rule.alpha} (fixed-horizon test of the relative lift)`;
};

/** Only a test with several treatments makes several comparisons to correct for; a Bayesian rule has no p-values. */
function correctionSentence(rule: DecisionRule, treatments: number): string {
  if (rule.correction === 'none' || rule.method === 'bayesian' || treatments < 2) return '';
  const by = rule.correction === 'holm' ? 'Holm' : 'Benjamini–Hochberg';
  return ` With ${treatments} treatments, each p-value is corrected by ${by} before it is compared with ${rule.alpha}.`;
}

/** An amount in an ISO 4217 currency ("€45"), or a bare number when the currency isn't known (or Intl doesn't know it). */
function amount(x: number, currency: string | undefined): string {
  if (!currency) return count(x);
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      minimumFractionDigits: Number.isInteger(x) ? 0 : 2,
      maximumFractionDigits: 2,
    }).format(x);
  } catch {
    return `${count(x)} ${currency}`;
  }
}

/**
 * The rule in plain words, e.g. "Ship if Conversion rate rises with p < 0.05 (…) and lift ≥ 5%, unless CPA worsens
 * by more than 10%." `treatments` is the number of variants besides the control (it decides the correction sentence);
 * `currency` (the workspace's, ISO 4217) puts the CPA ceiling in money.
 */
export function describeRule(rule: DecisionRule, metrics: MetricInfo[], treatments: number, currency?: string): string {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const nameOf = (id: string) => byId.get(id)?.name ?? 'the primary metric';
  const primary = byId.get(rule.primaryMetricId);
  const move = primary?.direction === 'decrease' ? 'falls' : 'rises';
  let text = `Ship if ${nameOf(rule.primaryMetricId)} ${methodClause(rule, move)}`;
  if (rule.minRelativeLift > 0) text += ` and lift ≥ ${percent(rule.minRelativeLift, 2)}`;
  const unless = rule.guardrails.map(
    (g) =>
      `${nameOf(g.metricId)} worsens by more than ${g.scale === 'absolute' ? points(g.maxWorsening) : percent(g.maxWorsening, 2)}`,
  );
  if (rule.money.cpaCeiling != null) unless.push(`CPA could exceed ${amount(rule.money.cpaCeiling, currency)}`);
  if (rule.money.roasFloor != null) unless.push(`ROAS could fall below ${count(rule.money.roasFloor)}×`);
  if (unless.length) text += `, unless ${unless.join(' or ')}`;
  text += '.';
  const waits = [`${rule.minDays} day${rule.minDays === 1 ? '' : 's'}`];
  if (rule.minUnitsPerVariant > 0) waits.push(`${count(rule.minUnitsPerVariant)} units per variant`);
  if (rule.plannedSampleSizePerVariant)
    waits.push(
      `the planned ${count(rule.plannedSampleSizePerVariant)} per variant${rule.method === 'frequentist' ? ' (no peeking before)' : ''}`,
    );
  text += ` Measure at least ${waits.join(', ')}.`;
  return text + correctionSentence(rule, treatments);
}
