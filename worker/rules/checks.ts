import type { CostResult } from './comparisons';
import type { Effect } from './effects';
import type { DecisionRule } from './schema';
import { money, percent, points } from './words';

/** How a treatment fares against one condition of the rule. */
export type Judgement = 'ok' | 'failed' | 'uncertain' | 'no_data';
export type CheckStatus = 'met' | 'not_met' | 'not_enough_data';
export type RuleCheck = { check: string; status: CheckStatus; detail: string };

/** Primary metric: better, worse, flat or not yet known, by the rule's method. */
export function primaryCall(effect: Effect, rule: DecisionRule): 'better' | 'worse' | 'flat' | 'unknown' {
  if (rule.method === 'bayesian') {
    if (effect.chanceBetter == null) return 'unknown';
    if (effect.chanceBetter >= rule.minChanceToBeat) return 'better';
    return effect.chanceBetter <= 1 - rule.minChanceToBeat ? 'worse' : 'flat';
  }
  if (effect.pValue == null || (effect.gain == null && effect.absoluteGain == null)) return 'unknown';
  if (effect.pValue >= rule.alpha) return 'flat';
  return (effect.gain ?? effect.absoluteGain ?? 0) > 0 ? 'better' : 'worse';
}

/**
 * A guardrail holds when even the worst end of its interval stays within the allowed worsening; it is
 * breached when the estimate itself is past it; in between we cannot tell yet.
 */
export function guardrailJudgement(
  effect: Effect | undefined,
  guardrail: DecisionRule['guardrails'][number],
  name: string,
): { judgement: Judgement; detail: string } {
  const relative = guardrail.scale === 'relative';
  const estimate = relative ? effect?.gain : effect?.absoluteGain;
  const ci = relative ? effect?.gainCi : effect?.absoluteGainCi;
  const show = relative ? percent : points;
  const limit = `${name} may worsen by at most ${show(guardrail.maxWorsening)}`;
  if (estimate == null) return { judgement: 'no_data', detail: `${limit}: no comparable data yet` };
  const worsening = -estimate;
  if (worsening > guardrail.maxWorsening)
    return { judgement: 'failed', detail: `${limit}, but it worsened by ${show(worsening)}` };
  if (!ci) return { judgement: 'uncertain', detail: `${limit}: no interval yet (${show(worsening)} estimated)` };
  const worst = -ci[0];
  // The worst end of the interval, said as it is: an interval wholly on the good side is an improvement, not "0%".
  if (worst <= 0)
    return { judgement: 'ok', detail: `${limit}: it improves by ${show(-worst)} to ${show(ci[1])} (interval), holds` };
  if (worst <= guardrail.maxWorsening)
    return { judgement: 'ok', detail: `${limit}: worst case ${show(worst)} worse (interval), holds` };
  return { judgement: 'uncertain', detail: `${limit}: can't rule out ${show(worst)} yet` };
}

/** Money rule on one variant: the CPA ceiling is judged on the interval's top, the ROAS floor on its bottom. */
export function moneyJudgements(
  rule: DecisionRule,
  variantIndex: number,
  cpa: CostResult | null,
  roas: CostResult | null,
): { judgement: Judgement; detail: string }[] {
  const out: { judgement: Judgement; detail: string }[] = [];
  const { cpaCeiling, roasFloor } = rule.money;
  if (cpaCeiling != null) {
    const v = cpa?.variants[variantIndex - 1];
    if (v?.estimate == null)
      out.push({ judgement: 'no_data', detail: `CPA ceiling ${money(cpaCeiling)}: no spend and conversions reported` });
    else if (v.estimate > cpaCeiling)
      out.push({
        judgement: 'failed',
        detail: `CPA ${money(v.estimate)} is above the ceiling of ${money(cpaCeiling)}`,
      });
    else if (v.ci && v.ci[1] > cpaCeiling)
      out.push({
        judgement: 'uncertain',
        detail: `CPA ${money(v.estimate)} could still be up to ${money(v.ci[1])}, above the ceiling of ${money(cpaCeiling)}`,
      });
    else
      out.push({ judgement: 'ok', detail: `CPA ${money(v.estimate)} is within the ceiling of ${money(cpaCeiling)}` });
  }
  if (roasFloor != null) {
    const v = roas?.variants[variantIndex - 1];
    if (v?.estimate == null)
      out.push({ judgement: 'no_data', detail: `ROAS floor ${money(roasFloor)}: no revenue and spend reported` });
    else if (v.estimate < roasFloor)
      out.push({ judgement: 'failed', detail: `ROAS ${money(v.estimate)} is below the floor of ${money(roasFloor)}` });
    else if (v.ci && v.ci[0] < roasFloor)
      out.push({
        judgement: 'uncertain',
        detail: `ROAS ${money(v.estimate)} could be as low as ${money(v.ci[0])}, below the floor of ${money(roasFloor)}`,
      });
    else out.push({ judgement: 'ok', detail: `ROAS ${money(v.estimate)} is above the floor of ${money(roasFloor)}` });
  }
  return out;
}

export const statusOf = (judgement: Judgement): CheckStatus =>
  judgement === 'ok' ? 'met' : judgement === 'failed' ? 'not_met' : 'not_enough_data';
