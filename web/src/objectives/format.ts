import type { Metric } from '../api';
import { money } from '../ui/labels';

/** How a metric's values are typed and shown: rates as %, CPA/CPC as money, ROAS as a multiple, means as numbers. */
export type ValueUnit = 'percent' | 'money' | 'multiple' | 'number';
export function unitOf(metric: Pick<Metric, 'kind' | 'costFormula'> | undefined): ValueUnit {
  if (!metric) return 'number';
  if (metric.kind === 'proportion') return 'percent';
  if (metric.kind === 'cost') return metric.costFormula === 'roas' ? 'multiple' : 'money';
  return 'number';
}

export function formatValue(x: number | null | undefined, unit: ValueUnit): string {
  if (x == null || !Number.isFinite(x)) return '—';
  switch (unit) {
    case 'percent':
      return `${(x * 100).toLocaleString(undefined, { maximumFractionDigits: 2 })}%`;
    case 'money':
      return money(x, 2);
    case 'multiple':
      return `${x.toLocaleString(undefined, { maximumFractionDigits: 2 })}×`;
    default:
      return x.toLocaleString(undefined, { maximumFractionDigits: 2 });
  }
}

/** The value a person types for a metric (percent typed as 5 for 5%) ↔ the stored value (0.05). */
export const toInput = (x: number | null | undefined, unit: ValueUnit) =>
  x == null ? '' : String(unit === 'percent' ? Math.round(x * 1e8) / 1e6 : x);
export const fromInput = (s: string, unit: ValueUnit): number | null => {
  if (s.trim() === '') return null;
  const n = Number(s);
  if (!Number.isFinite(n)) return Number.NaN;
  return unit === 'percent' ? n / 100 : n;
};

export const whole = (x: number) => x.toLocaleString(undefined, { maximumFractionDigits: 0 });
