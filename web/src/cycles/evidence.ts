import { benjaminiHochberg, holm } from '../../../worker/stats/corrections';

/**
 * Defensive readers over the analysis the Worker returns (GET /api/cycles/:id/analysis, and the frozen copy in a
 * learning's `evidence`): anything missing renders as "not enough data" instead of breaking the screen.
 *
 * Every figure of a lift comes from the one method the rule reads (as worker/rules/effects.ts does), so the
 * numbers side by side always reconcile: a fixed-horizon rule shows the delta-method relative interval with that
 * test's own p-value; a sequential rule the always-valid interval with the always-valid p; a Bayesian rule the
 * chance to beat control with its credible interval and no p-value. Cost metrics (CPA, ROAS) have no Bayesian or
 * sequential model, so they always show the relative interval with its own p.
 */
export type Method = 'frequentist' | 'sequential' | 'bayesian';
export type IntervalKind = 'confidence' | 'always-valid' | 'credible';
export type Lift = {
  variant: string;
  /** The arm's own value (rate, mean, CPA…), for the per-arm table. */
  estimate: number | null;
  lift: number | null;
  ci: [number, number] | null;
  interval: IntervalKind;
  /** The p-value of the test that made `ci`; null for a Bayesian reading. */
  pValue: number | null;
  /** `pValue` corrected for several treatments (Holm or Benjamini–Hochberg); null with a single treatment. */
  adjustedPValue: number | null;
  /** Chance that the arm beats control on this metric, in the metric's good direction (Bayesian). */
  chance: number | null;
};
export type MetricView = {
  metricId: string;
  name: string;
  role: string;
  kind: string;
  direction: string;
  /** How this metric's lifts were read (cost metrics: always 'frequentist'). */
  method: Method;
  control: { name: string; estimate: number | null };
  lifts: Lift[];
  notes: string[];
};

const obj = (x: unknown): Record<string, unknown> => (x && typeof x === 'object' ? (x as Record<string, unknown>) : {});
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const interval = (x: unknown): [number, number] | null =>
  Array.isArray(x) && x.length === 2 && num(x[0]) != null && num(x[1]) != null
    ? [x[0] as number, x[1] as number]
    : null;
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);

/** The rule's method and correction, as recorded in the analysis (`rule`). */
export function methodOf(analysis: unknown): { method: Method; correction: string } {
  const rule = obj(obj(analysis).rule);
  const method = rule.method === 'sequential' || rule.method === 'bayesian' ? rule.method : 'frequentist';
  return { method, correction: typeof rule.correction === 'string' ? rule.correction : 'holm' };
}

function corrected(ps: (number | null)[], correction: string): (number | null)[] {
  if (ps.length < 2 || correction === 'none') return ps.map(() => null);
  return correction === 'bh' ? benjaminiHochberg(ps) : holm(ps);
}

function liftOf(raw: unknown, method: Method, cost: boolean, up: boolean): Omit<Lift, 'adjustedPValue'> {
  const r = obj(raw);
  const relative = obj(r.relative);
  const sequential = obj(r.sequential);
  const bayesian = obj(r.bayesian);
  const base = {
    variant: typeof r.name === 'string' ? r.name : '?',
    estimate: num(r.estimate),
    lift: num(r.relativeLift),
  };
  if (!cost && method === 'bayesian') {
    const chance = num(bayesian.chanceToBeatControl);
    return {
      ...base,
      ci: interval(bayesian.credibleInterval),
      interval: 'credible',
      pValue: null,
      chance: chance == null ? null : up ? chance : 1 - chance,
    };
  }
  if (!cost && method === 'sequential')
    return {
      ...base,
      ci: interval(sequential.ci),
      interval: 'always-valid',
      pValue: num(sequential.pValue),
      chance: null,
    };
  return { ...base, ci: interval(relative.ci), interval: 'confidence', pValue: num(relative.pValue), chance: null };
}

export function metricViews(analysis: unknown): MetricView[] {
  const list = obj(analysis).metrics;
  if (!Array.isArray(list)) return [];
  const { method: ruleMethod, correction } = methodOf(analysis);
  return list.map((raw) => {
    const m = obj(raw);
    const comparison = obj(m.comparison);
    const result = obj(comparison.result);
    const kind = String(m.kind ?? comparison.kind ?? '');
    const direction = String(m.direction ?? 'increase');
    const cost = kind === 'cost' || comparison.kind === 'cost';
    const method: Method = cost ? 'frequentist' : ruleMethod;
    const variants = Array.isArray(result.variants) ? result.variants : [];
    const read = variants.map((v) => liftOf(v, method, cost, direction !== 'decrease'));
    const adjusted = corrected(
      read.map((l) => l.pValue),
      correction,
    );
    const control = obj(result.control);
    return {
      metricId: String(m.metricId ?? ''),
      name: String(m.name ?? 'Metric'),
      role: String(m.role ?? 'secondary'),
      kind,
      direction,
      method,
      control: { name: typeof control.name === 'string' ? control.name : 'Control', estimate: num(control.estimate) },
      lifts: read.map((l, i) => ({ ...l, adjustedPValue: l.pValue == null ? null : (adjusted[i] ?? null) })),
      notes: [...strings(m.notes), ...variants.flatMap((v) => strings(obj(v).notes))],
    };
  });
}

export function verdictOf(analysis: unknown): { decision: string | null; reasons: string[] } {
  const v = obj(obj(analysis).verdict);
  return { decision: typeof v.decision === 'string' ? v.decision : null, reasons: strings(v.reasons) };
}

export type Check = { check: string; status: 'met' | 'not_met' | 'not_enough_data' | string; detail: string };
export function ruleChecks(analysis: unknown): Check[] {
  const list = obj(analysis).ruleStatus;
  return Array.isArray(list)
    ? list.map((c) => ({
        check: String(obj(c).check ?? ''),
        status: String(obj(c).status ?? 'not_enough_data'),
        detail: String(obj(c).detail ?? ''),
      }))
    : [];
}

export function progressOf(analysis: unknown) {
  const p = obj(obj(analysis).progress);
  return {
    daysRunning: num(p.daysRunning),
    minDays: num(p.minDays),
    daysLeft: num(p.daysLeft),
    unitsPerVariant: num(p.unitsPerVariant),
    plannedPerVariant: num(p.plannedPerVariant),
    unitsLeft: num(p.unitsLeft),
    fraction: num(p.fraction),
  };
}

export const ruleTextOf = (analysis: unknown) =>
  typeof obj(analysis).ruleText === 'string' ? (obj(analysis).ruleText as string) : null;
export const spendOf = (analysis: unknown) => num(obj(analysis).spend);
export const srmMismatch = (analysis: unknown) => obj(obj(analysis).srm).mismatch === true;
export function srmOf(analysis: unknown): { mismatch: boolean; pValue: number | null } {
  const srm = obj(obj(analysis).srm);
  return { mismatch: srm.mismatch === true, pValue: num(srm.pValue) };
}
