import type { SrmResult } from '../stats';
import { guardrailJudgement, moneyJudgements, primaryCall, statusOf, type Judgement, type RuleCheck } from './checks';
import type { CostResult } from './comparisons';
import type { Effect } from './effects';
import type { DecisionRule } from './schema';
import { count, percent } from './words';

export type Decision = 'ship' | 'kill' | 'iterate' | 'keep_running';
export type VariantStatus = 'winner' | 'loser' | 'flat' | 'too_small' | 'blocked' | 'undecided';
export type VariantVerdict = { key: string; name: string; status: VariantStatus; reasons: string[] };
export type Verdict = {
  decision: Decision;
  variantKey: string | null;
  reasons: string[];
  perVariant: VariantVerdict[];
};
export type Progress = {
  daysRunning: number;
  minDays: number;
  daysLeft: number;
  unitsPerVariant: number;
  plannedPerVariant: number | null;
  unitsLeft: number | null;
  fraction: number;
};

export type EvaluationInput = {
  rule: DecisionRule;
  variants: { key: string; name: string }[];
  primaryName: string;
  primary: Effect[] | null; // one per treatment; null when the primary can't be compared yet
  primaryNotes: string[];
  guardrails: { guardrail: DecisionRule['guardrails'][number]; name: string; effects: Effect[] | null }[];
  money: { cpa: CostResult | null; roas: CostResult | null };
  unitsPerVariant: number[]; // primary metric units, control first
  srm: SrmResult | null;
  daysRunning: number;
};

export function progressOf(input: Pick<EvaluationInput, 'rule' | 'unitsPerVariant' | 'daysRunning'>): Progress {
  const { rule, unitsPerVariant, daysRunning } = input;
  const units = unitsPerVariant.length ? Math.min(...unitsPerVariant) : 0;
  const planned = rule.plannedSampleSizePerVariant ?? null;
  const target = Math.max(planned ?? 0, rule.minUnitsPerVariant);
  const fractions = [rule.minDays > 0 ? daysRunning / rule.minDays : 1, target > 0 ? units / target : 1];
  return {
    daysRunning,
    minDays: rule.minDays,
    daysLeft: Math.max(0, rule.minDays - daysRunning),
    unitsPerVariant: units,
    plannedPerVariant: planned,
    unitsLeft: planned == null ? null : Math.max(0, planned - units),
    fraction: Math.min(1, ...fractions),
  };
}

/** Conditions of the rule that don't depend on which variant wins: time, sample, split. */
function readinessChecks(input: EvaluationInput, progress: Progress): RuleCheck[] {
  const { rule, srm } = input;
  const checks: RuleCheck[] = [
    {
      check: 'Minimum days',
      status: progress.daysLeft === 0 ? 'met' : 'not_enough_data',
      detail: `${progress.daysRunning} of ${rule.minDays} days${progress.daysLeft ? ` (${progress.daysLeft} left)` : ''}`,
    },
  ];
  if (rule.minUnitsPerVariant > 0) {
    const left = Math.max(0, rule.minUnitsPerVariant - progress.unitsPerVariant);
    checks.push({
      check: 'Minimum units per variant',
      status: left === 0 ? 'met' : 'not_enough_data',
      detail: `${count(progress.unitsPerVariant)} of ${count(rule.minUnitsPerVariant)}${left ? ` (${count(left)} left)` : ''}`,
    });
  }
  if (progress.plannedPerVariant != null) {
    checks.push({
      check: 'Planned sample',
      status: progress.unitsLeft === 0 ? 'met' : 'not_enough_data',
      detail: `${count(progress.unitsPerVariant)} of ${count(progress.plannedPerVariant)} per variant${progress.unitsLeft ? ` (${count(progress.unitsLeft)} left)` : ''}`,
    });
  }
  if (srm?.pValue != null) {
    checks.push({
      check: 'Traffic split',
      status: srm.mismatch ? 'not_met' : 'met',
      detail: srm.mismatch
        ? `sample ratio mismatch (p = ${srm.pValue.toPrecision(2)})`
        : 'matches the planned allocation',
    });
  }
  return checks;
}

type Candidate = { index: number; effect: Effect; conditions: { judgement: Judgement; detail: string }[] };

/** Guardrails and money for one treatment that beat control on the primary metric. */
function conditionsFor(input: EvaluationInput, index: number) {
  const guardrails = input.guardrails.map((g) => guardrailJudgement(g.effects?.[index - 1], g.guardrail, g.name));
  return [...guardrails, ...moneyJudgements(input.rule, index, input.money.cpa, input.money.roas)];
}

const verdict = (
  decision: Decision,
  reasons: string[],
  perVariant: VariantVerdict[],
  variantKey: string | null = null,
): Verdict => ({ decision, variantKey, reasons, perVariant });

/**
 * The pre-registered rule applied to the data. Order matters: first whether we may look at all (time, sample,
 * split), then which treatments win on the primary metric, then whether a winner also respects guardrails and money.
 */
export function evaluateRule(input: EvaluationInput): {
  verdict: Verdict;
  ruleStatus: RuleCheck[];
  progress: Progress;
} {
  const { rule, variants } = input;
  const progress = progressOf(input);
  const ruleStatus = readinessChecks(input, progress);
  const treatments = variants.slice(1);
  const undecided = (reason: string) =>
    treatments.map((v) => ({ key: v.key, name: v.name, status: 'undecided' as const, reasons: [reason] }));
  const done = (v: Verdict) => ({ verdict: v, ruleStatus, progress });

  if (!input.primary) {
    ruleStatus.push({
      check: `Primary: ${input.primaryName}`,
      status: 'not_enough_data',
      detail: input.primaryNotes.join('; ') || 'no results yet',
    });
    return done(
      verdict(
        'keep_running',
        [`No comparable results for ${input.primaryName} yet`, ...input.primaryNotes],
        undecided('no results yet'),
      ),
    );
  }
  if (input.srm?.mismatch) {
    const reason = `Sample ratio mismatch: the traffic split differs from the plan (p = ${input.srm.pValue?.toPrecision(2)}). Fix the split first; no result can be trusted until then.`;
    return done(
      verdict(
        'iterate',
        [reason],
        treatments.map((v) => ({
          key: v.key,
          name: v.name,
          status: 'blocked' as const,
          reasons: ['sample ratio mismatch'],
        })),
      ),
    );
  }
  const waiting: string[] = [];
  if (progress.daysLeft > 0)
    waiting.push(
      `${progress.daysLeft} more day${progress.daysLeft === 1 ? '' : 's'} to cover the minimum of ${rule.minDays} (weekday cycles)`,
    );
  if (progress.unitsPerVariant < rule.minUnitsPerVariant)
    waiting.push(
      `${count(rule.minUnitsPerVariant - progress.unitsPerVariant)} more units per variant to reach the minimum of ${count(rule.minUnitsPerVariant)}`,
    );
  if (waiting.length)
    return done(verdict('keep_running', [`Not enough data: ${waiting.join('; ')}`], undecided('not enough data')));

  const plannedReached = progress.unitsLeft == null || progress.unitsLeft === 0;
  const calls = input.primary.map((effect) => ({ effect, call: primaryCall(effect, rule) }));
  if (rule.method === 'frequentist' && !plannedReached) {
    const looking = calls
      .filter((c) => c.call === 'better' || c.call === 'worse')
      .map((c) => `${variants[c.effect.index]!.name} (p = ${c.effect.pValue?.toPrecision(2)})`);
    const reason = `Peeking: only ${count(progress.unitsPerVariant)} of the planned ${count(progress.plannedPerVariant ?? 0)} units per variant. A fixed-horizon test is not valid before the planned sample${looking.length ? `; ${looking.join(', ')} look significant but that is not trustworthy yet` : ''}.`;
    ruleStatus.push({
      check: `Primary: ${input.primaryName}`,
      status: 'not_enough_data',
      detail: 'planned sample not reached (no peeking)',
    });
    return done(verdict('keep_running', [reason], undecided('planned sample not reached')));
  }
  // Sequential and Bayesian rules may stop early on a clear answer; a flat one waits for the planned sample.
  const complete = rule.method === 'frequentist' ? plannedReached : progress.unitsLeft === 0;
  return done(decide(input, calls, complete, ruleStatus));
}

function decide(
  input: EvaluationInput,
  calls: { effect: Effect; call: ReturnType<typeof primaryCall> }[],
  complete: boolean,
  ruleStatus: RuleCheck[],
): Verdict {
  const { rule, variants } = input;
  const perVariant: VariantVerdict[] = [];
  const winners: Candidate[] = [];
  for (const { effect, call } of calls) {
    const v = variants[effect.index]!;
    const lift =
      effect.gain == null ? '' : ` (${effect.gain >= 0 ? '+' : ''}${percent(effect.gain)} on ${input.primaryName})`;
    if (call === 'better' && (effect.gain ?? 0) < rule.minRelativeLift) {
      perVariant.push({
        key: v.key,
        name: v.name,
        status: 'too_small',
        reasons: [`beats control${lift} but by less than the ${percent(rule.minRelativeLift)} worth shipping`],
      });
    } else if (call === 'better') {
      const conditions = conditionsFor(input, effect.index);
      winners.push({ index: effect.index, effect, conditions });
      const blocked = conditions.filter((c) => c.judgement !== 'ok');
      perVariant.push({
        key: v.key,
        name: v.name,
        status: blocked.length ? 'blocked' : 'winner',
        reasons: [`beats control${lift}`, ...conditions.map((c) => c.detail)],
      });
    } else if (call === 'worse') {
      perVariant.push({ key: v.key, name: v.name, status: 'loser', reasons: [`worse than control${lift}`] });
    } else {
      perVariant.push({
        key: v.key,
        name: v.name,
        status: call === 'flat' ? 'flat' : 'undecided',
        reasons: call === 'flat' ? [`no clear difference from control${lift}`] : effect.notes,
      });
    }
  }
  const clean = winners
    .filter((w) => w.conditions.every((c) => c.judgement === 'ok'))
    .sort((a, b) => (b.effect.gain ?? 0) - (a.effect.gain ?? 0));
  const best = clean[0] ?? [...winners].sort((a, b) => (b.effect.gain ?? 0) - (a.effect.gain ?? 0))[0];
  ruleStatus.push({
    check: `Primary: ${input.primaryName}`,
    status: winners.length ? 'met' : complete ? 'not_met' : 'not_enough_data',
    detail: winners.length ? `${variants[best!.index]!.name} beats control` : 'no variant beats control',
  });
  best?.conditions.forEach((c, i) =>
    ruleStatus.push({
      check: i < input.guardrails.length ? `Guardrail: ${input.guardrails[i]!.name}` : 'Money',
      status: statusOf(c.judgement),
      detail: c.detail,
    }),
  );

  if (clean[0]) {
    const v = variants[clean[0].index]!;
    return verdict(
      'ship',
      [`Ship ${v.name}: it ${perVariant.find((p) => p.key === v.key)!.reasons.join('; ')}`],
      perVariant,
      v.key,
    );
  }
  if (winners.length) {
    const failed = winners.flatMap((w) =>
      w.conditions.filter((c) => c.judgement === 'failed').map((c) => `${variants[w.index]!.name}: ${c.detail}`),
    );
    if (failed.length)
      return verdict(
        'iterate',
        [`A variant wins on ${input.primaryName} but fails the rule's other conditions — rework it`, ...failed],
        perVariant,
      );
    const open = winners.flatMap((w) =>
      w.conditions.filter((c) => c.judgement !== 'ok').map((c) => `${variants[w.index]!.name}: ${c.detail}`),
    );
    return verdict(
      complete ? 'iterate' : 'keep_running',
      [`A variant wins on ${input.primaryName}, but a condition can't be confirmed yet`, ...open],
      perVariant,
    );
  }
  const small = perVariant.filter((p) => p.status === 'too_small');
  if (small.length)
    return verdict(
      'iterate',
      [
        `The lift is real but smaller than the ${percent(rule.minRelativeLift)} worth shipping`,
        ...small.map((s) => `${s.name} ${s.reasons[0]}`),
      ],
      perVariant,
    );
  if (perVariant.length && perVariant.every((p) => p.status === 'loser'))
    return verdict(
      'kill',
      ['Every variant is worse than control', ...perVariant.map((p) => `${p.name}: ${p.reasons[0]}`)],
      perVariant,
    );
  if (!complete) {
    const wait = rule.plannedSampleSizePerVariant
      ? `waits for the planned ${count(rule.plannedSampleSizePerVariant)} per variant`
      : 'has no planned sample size, so keep running or close with a reason';
    return verdict('keep_running', [`No decisive result yet; the ${rule.method} rule ${wait}`], perVariant);
  }
  return verdict(
    'kill',
    [
      `No variant beat control on ${input.primaryName} at the planned sample`,
      ...perVariant.map((p) => `${p.name}: ${p.reasons[0] ?? 'no answer'}`),
    ],
    perVariant,
  );
}
