import { money } from '../ui/labels';

/** Amounts in the workspace currency: the PWA's one money formatter. */
export const formatMoney = (x: number | null | undefined, digits?: number) => money(x, digits);

export const formatCount = (x: number | null | undefined, digits = 0) =>
  x == null || !Number.isFinite(x) ? '—' : x.toLocaleString(undefined, { maximumFractionDigits: digits });
export const formatRatio = (x: number | null | undefined) =>
  x == null || !Number.isFinite(x) ? '—' : `${x.toLocaleString(undefined, { maximumFractionDigits: 2 })}×`;
