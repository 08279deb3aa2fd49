/** Reading single cells the way ad platforms write them. Pure: no I/O. */

export type Cell<T> = { ok: true; value: T } | { ok: false; why: string };
const bad = (why: string): Cell<never> => ({ ok: false, why });

/** Zero as platforms write it: empty, "--" (Google, Microsoft) or a lone dash. */
const ZERO = /^(--?|—|–)?$/;
const PLAIN = /^-?\d+(\.\d+)?$/;
const THOUSANDS = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** "1,204.55", "€12.50", "--" (0). Thousands separators are commas, decimals a point (English-language exports). */
export function amount(raw: string): Cell<number> {
  const t = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/^(-?)[€$£¥]/, '$1');
  if (ZERO.test(t)) return { ok: true, value: 0 };
  if (PLAIN.test(t)) return { ok: true, value: Number(t) };
  if (THOUSANDS.test(t)) return { ok: true, value: Number(t.replace(/,/g, '')) };
  return bad(`not a number: '${raw.trim()}'`);
}

/** A non-negative amount (spend, revenue, conversions: Google's are fractional with data-driven attribution). */
export function nonNegative(raw: string): Cell<number> {
  const cell = amount(raw);
  if (cell.ok && cell.value < 0) return bad(`cannot be negative: '${raw.trim()}'`);
  return cell;
}

/** A count: impressions, clicks. */
export function count(raw: string): Cell<number> {
  const cell = nonNegative(raw);
  if (cell.ok && !Number.isInteger(cell.value)) return bad(`not a whole number: '${raw.trim()}'`);
  return cell;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const NAMED = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoOf(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const isoDay = (m: RegExpMatchArray | null, y: number, mo: number, d: number) =>
  m ? isoOf(+m[y]!, +m[mo]!, +m[d]!) : null;

function namedMonth(m: RegExpMatchArray | null): string | null {
  const month = m ? MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1 : 0;
  return m && month > 0 ? isoOf(+m[3]!, month, +m[2]!) : null;
}

/**
 * "2026-11-02", "Nov 2, 2026" / "November 2, 2026", or "11/2/2026" (month first, as the platforms' English
 * exports write it). A time after the date ("11/2/2026, 12:00 AM", "2026-11-02 00:00:00") is ignored.
 */
export function day(raw: string): Cell<string> {
  const t = raw.trim().replace(/[,\s]+\d{1,2}:\d{2}(:\d{2})?(\s?[AP]M)?$/i, '');
  const iso = isoDay(t.match(ISO), 1, 2, 3) ?? namedMonth(t.match(NAMED)) ?? isoDay(t.match(US), 3, 1, 2);
  return iso
    ? { ok: true, value: iso }
    : bad(`not a date: '${raw.trim()}' (expected 2026-11-02, Nov 2, 2026 or 11/2/2026)`);
}

/** Currency codes are three capital letters; these three-letter parentheses are time zones, not money. */
const NOT_CURRENCY = new Set(['UTC', 'GMT', 'CET', 'PST', 'EST']);

/** A header as a lookup key, and the currency it names: "Amount spent (EUR)" → ["amount spent", "EUR"]. */
export function headerKey(raw: string): { key: string; currency: string | null } {
  const t = raw
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ');
  const m = t.match(/^(.*?)\s*\(([A-Z]{3})\)$/);
  if (m && !NOT_CURRENCY.has(m[2]!)) return { key: m[1]!.toLowerCase(), currency: m[2]! };
  return { key: t.toLowerCase(), currency: null };
}

export const isCurrencyCode = (s: string) => /^[A-Z]{3}$/.test(s) && !NOT_CURRENCY.has(s);
