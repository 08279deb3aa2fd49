import type { CycleAnalysis } from './analysis';
import { guardrailJudgement } from './checks';
import { effectsOf } from './effects';

export type GuardrailBreach = { metricId: string; metric: string; variantKey: string; detail: string };

/**
 * Every treatment whose estimate on a guardrail metric is already past the allowed worsening — judged on every
 * treatment, winner or not, because a breach is worth hearing about while the test runs. Pure.
 */
export function guardrailBreaches(analysis: CycleAnalysis, variantKeys: string[]): GuardrailBreach[] {
  return analysis.rule.guardrails.flatMap((guardrail) => {
    const metric = analysis.metrics.find((m) => m.metricId === guardrail.metricId);
    if (!metric?.comparison) return [];
    return effectsOf(metric.comparison, metric.direction, analysis.rule).flatMap((effect) => {
      const { judgement, detail } = guardrailJudgement(effect, guardrail, metric.name);
      const variantKey = variantKeys[effect.index];
      return judgement === 'failed' && variantKey
        ? [{ metricId: metric.metricId, metric: metric.name, variantKey, detail }]
        : [];
    });
  });
}

/** The breaches in `after` that were not already in `before`: what a write has just caused. */
export const newBreaches = (before: GuardrailBreach[], after: GuardrailBreach[]) =>
  after.filter((b) => !before.some((o) => o.metricId === b.metricId && o.variantKey === b.variantKey));
