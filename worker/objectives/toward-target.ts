/**
 * Progress toward an objective's target from its closed tests. Only shipped changes move the live metric, so
 * the estimate compounds the measured relative lift of every shipped test on the objective's primary metric:
 * estimate = baseline × Π(1 + lift). Pure (no I/O): the Worker computes it, the oracle checks it.
 */
export type ShippedTest = { cycleId: string; name: string; variant: string; lift: number; closedAt: string | null };

const obj = (x: unknown): Record<string, unknown> => (x && typeof x === 'object' ? (x as Record<string, unknown>) : {});
const list = (x: unknown): Record<string, unknown>[] => (Array.isArray(x) ? x.map(obj) : []);
const finite = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/**
 * The shipped variant's relative lift on `metricId` from a learning's frozen analysis: the variant the rule named,
 * else the only treatment, else (a judgement call over several) the one that moved the metric most the right way.
 */
export function shippedLift(evidence: unknown, metricId: string): { variant: string; lift: number } | null {
  const metric = list(obj(evidence).metrics).find((m) => m.metricId === metricId);
  if (!metric) return null;
  const arms = list(obj(obj(metric.comparison).result).variants)
    .map((v) => ({ variant: String(v.name ?? ''), lift: finite(v.relativeLift) }))
    .filter((v): v is { variant: string; lift: number } => v.lift != null);
  const verdict = obj(obj(evidence).verdict);
  const named = list(verdict.perVariant).find((v) => v.key === verdict.variantKey)?.name;
  const chosen = arms.find((a) => a.variant === named);
  if (chosen) return chosen;
  if (arms.length <= 1) return arms[0] ?? null;
  const sign = metric.direction === 'decrease' ? -1 : 1;
  return arms.reduce((best, a) => (sign * a.lift > sign * best.lift ? a : best));
}

export function towardTarget(baseline: number | null, target: number | null, shipped: ShippedTest[]) {
  if (baseline == null) return null;
  const compounded = shipped.reduce((factor, t) => factor * (1 + t.lift), 1) - 1;
  const estimate = baseline * (1 + compounded);
  return {
    baseline,
    target,
    /** The combined relative change of all shipped tests. */
    compoundedLift: compounded,
    estimate,
    /** Share of the way from baseline to target (can be < 0 or > 1); null without a target or with target = baseline. */
    fraction: target == null || target === baseline ? null : (estimate - baseline) / (target - baseline),
    shipped,
  };
}
