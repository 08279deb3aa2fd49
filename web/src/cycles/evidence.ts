/**
 * Defensive readers over the analysis the Worker returns (GET /api/cycles/:id/analysis, and the frozen copy in a
 * learning's `evidence`): anything missing renders as "not enough data" instead of breaking the screen.
 */
export type Lift = {
  variant: string;
  lift: number | null;
  ci: [number, number] | null;
  pValue: number | null;
  chance: number | null;
};
export type MetricView = {
  metricId: string;
  name: string;
  role: string;
  kind: string;
  direction: string;
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

export function metricViews(analysis: unknown): MetricView[] {
  const list = obj(analysis).metrics;
  if (!Array.isArray(list)) return [];
  return list.map((raw) => {
    const m = obj(raw);
    const comparison = obj(m.comparison);
    const result = obj(comparison.result);
    const variants = Array.isArray(result.variants) ? result.variants : [];
    const lifts = variants.map((v): Lift => {
      const r = obj(v);
      const relative = obj(r.relative);
      const test = obj(r.test);
      return {
        variant: typeof r.name === 'string' ? r.name : '?',
        lift: num(r.relativeLift),
        ci: interval(relative.ci),
        pValue: num(test.adjustedPValue) ?? num(test.pValue) ?? num(r.pValue),
        chance: num(obj(r.bayesian).chanceToBeatControl),
      };
    });
    return {
      metricId: String(m.metricId ?? ''),
      name: String(m.name ?? 'Metric'),
      role: String(m.role ?? 'secondary'),
      kind: String(m.kind ?? comparison.kind ?? ''),
      direction: String(m.direction ?? 'increase'),
      lifts,
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
