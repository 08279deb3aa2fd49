import { me } from '../data';

/** Amounts in the workspace currency (ISO 4217 from /api/auth/me), whole units. */
export function currency(amount: number | null | undefined): string {
  if (amount == null) return '—';
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: me()?.currency ?? 'EUR',
    maximumFractionDigits: 0,
  }).format(amount);
}

export const days = (x: number | null | undefined) =>
  x == null ? '—' : `${Math.round(x * 10) / 10} day${Math.round(x * 10) === 10 ? '' : 's'}`;

/** "60% (3 of 5)", or a dash when there is nothing to divide. */
export const shareOf = (part: number, whole: number) =>
  whole === 0 ? '—' : `${Math.round((100 * part) / whole)}% (${part} of ${whole})`;
