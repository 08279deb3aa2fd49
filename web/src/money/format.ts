import { me } from '../data';

const cache = new Map<string, Intl.NumberFormat>();

/** An amount in the workspace currency (ISO 4217 from /api/auth/me), e.g. "€1,250" or "$12.40". */
export function formatMoney(x: number | null | undefined, digits?: number): string {
  if (x == null || !Number.isFinite(x)) return '—';
  const currency = me()?.currency ?? 'EUR';
  const fraction = digits ?? (Math.abs(x) >= 100 ? 0 : 2);
  const key = `${currency}:${fraction}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      minimumFractionDigits: fraction,
      maximumFractionDigits: fraction,
    });
    cache.set(key, f);
  }
  return f.format(x);
}

export const formatCount = (x: number | null | undefined, digits = 0) =>
  x == null || !Number.isFinite(x) ? '—' : x.toLocaleString(undefined, { maximumFractionDigits: digits });
export const formatRatio = (x: number | null | undefined) =>
  x == null || !Number.isFinite(x) ? '—' : `${x.toLocaleString(undefined, { maximumFractionDigits: 2 })}×`;
