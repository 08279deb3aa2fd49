import { me } from '../data';

/**
 * Amounts in the workspace currency (`me().currency`, ISO 4217). One small function so it can be swapped for the
 * shared formatter in web/src/ui/labels.ts when that lands.
 */
export function formatMoney(x: number | null | undefined, digits = 2): string {
  if (x == null || !Number.isFinite(x)) return '—';
  const currency = (me() as { currency?: string | null } | null | undefined)?.currency || 'EUR';
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      maximumFractionDigits: digits,
      minimumFractionDigits: 0,
    }).format(x);
  } catch {
    return `${x.toFixed(digits)} ${currency}`;
  }
}
