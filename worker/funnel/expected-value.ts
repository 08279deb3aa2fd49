/**
 * Expected value of a hypothesis: the profit change its expected lift would make in its objective's funnel over a
 * horizon, weighted by the chance it works. A failed test is assumed to change nothing (the change is not shipped),
 * so EV = P(success) × Δprofit per period × horizon / period length. Pure: the backlog sort and the PWA share it.
 */
import { applyChanges, type Funnel, funnelMetrics } from './model';

/** Where the lift lands, from the hypothesis's funnel stage (schema's FUNNEL_STAGES). */
export type HypothesisStage = 'awareness' | 'consideration' | 'conversion' | 'retention';
export const DEFAULT_HORIZON_DAYS = 90;
export const DEFAULT_PERIOD_DAYS = 30;
/** Closed tests of a channel × lever needed before their win rate replaces ICE confidence. */
export const MIN_HISTORY = 5;

export type Probability = { value: number; source: 'history' | 'ice'; detail: string };

/** ICE confidence (1–10) as a prior, or the historical win rate of the channel × lever when there are ≥ 5 tests. */
export function successProbability(
  iceConfidence: number | null,
  history: { wins: number; tests: number } | null,
): Probability | null {
  if (history && history.tests >= MIN_HISTORY)
    return {
      value: history.wins / history.tests,
      source: 'history',
      detail: `${history.wins} of ${history.tests} closed tests of this channel and lever shipped`,
    };
  if (iceConfidence == null) return null;
  return { value: iceConfidence / 10, source: 'ice', detail: `ICE confidence ${iceConfidence} of 10` };
}

/** The funnel target a stage moves: awareness → traffic, consideration → first stage, conversion → last, retention → value. */
export function targetOf(stage: HypothesisStage, funnel: Funnel): string | null {
  if (stage === 'awareness') return 'traffic';
  if (stage === 'retention') return 'value';
  const stages = funnel.stages;
  if (stages.length === 0) return null;
  const named = stages.find((s) => s.name.toLowerCase() === stage);
  if (named) return named.name;
  return stage === 'consideration' ? stages[0]!.name : stages[stages.length - 1]!.name;
}

export type ExpectedValueInput = {
  funnel: Funnel;
  /** Days one funnel period covers (its traffic and spend are per period). */
  periodDays?: number;
  stage: HypothesisStage;
  /** Expected relative improvement (0.08 = +8%). */
  lift: number;
  probability: Probability;
  horizonDays?: number;
};
export type ExpectedValue = {
  expectedValue: number;
  /** Profit change per period if the hypothesis is right. */
  profitIfRight: number;
  target: string;
  probability: Probability;
  horizonDays: number;
  periodDays: number;
  assumptions: string[];
};

export function expectedValue(input: ExpectedValueInput): ExpectedValue | null {
  const target = targetOf(input.stage, input.funnel);
  if (!target) return null;
  const horizonDays = input.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const periodDays = input.periodDays ?? DEFAULT_PERIOD_DAYS;
  const stage = input.funnel.stages.find((s) => s.name === target);
  // A rate cannot pass 100%: cap the lift there rather than refuse the idea.
  const lift = stage && stage.rate > 0 ? Math.min(input.lift, 1 / stage.rate - 1) : input.lift;
  const base = funnelMetrics(input.funnel).profit;
  const after = funnelMetrics(applyChanges(input.funnel, [{ target, relative: lift }])).profit;
  const profitIfRight = after - base;
  const periods = horizonDays / periodDays;
  const pct = `${Math.round(lift * 1000) / 10}%`;
  return {
    expectedValue: input.probability.value * profitIfRight * periods,
    profitIfRight,
    target,
    probability: input.probability,
    horizonDays,
    periodDays,
    assumptions: [
      `+${pct} on ${target === 'traffic' ? 'traffic' : target === 'value' ? 'value per conversion' : `the ${target} rate`}${lift < input.lift ? ' (capped at 100%)' : ''}`,
      `chance it works: ${Math.round(input.probability.value * 100)}% (${input.probability.detail})`,
      `over ${horizonDays} days (${Math.round(periods * 100) / 100} funnel periods of ${periodDays} days)`,
      'if it fails, nothing changes',
    ],
  };
}
