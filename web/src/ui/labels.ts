import { me } from '../data';

export const LEVERS = [
  'audience',
  'offer',
  'creative',
  'landing_page',
  'keyword',
  'bidding',
  'budget',
  'other',
] as const;
export const STATUSES = ['backlog', 'testing', 'validated', 'invalidated', 'parked'] as const;
export const DECISIONS = ['ship', 'kill', 'iterate'] as const;

export const leverLabel = (l: string | null | undefined) =>
  l ? l.replace('_', ' ').replace(/^./, (c) => c.toUpperCase()) : '—';
export const statusLabel: Record<string, string> = {
  backlog: 'Backlog',
  testing: 'Testing',
  validated: 'Validated',
  invalidated: 'Invalidated',
  parked: 'Parked',
  draft: 'Draft',
  running: 'Running',
  review: 'In review',
  closed: 'Closed',
  aborted: 'Aborted',
};
export const decisionLabel: Record<string, string> = {
  ship: 'Ship',
  kill: 'Kill',
  iterate: 'Iterate',
  keep_running: 'Keep running',
};

export const pct = (x: number | null | undefined, digits = 1) =>
  x == null || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
export const signedPct = (x: number | null | undefined, digits = 1) =>
  x == null || !Number.isFinite(x) ? '—' : `${x > 0 ? '+' : ''}${(x * 100).toFixed(digits)}%`;
/** How many fraction digits a currency has (2 for EUR, 0 for JPY); 2 for a code Intl doesn't know. */
function centsOf(currency: string, locale?: string) {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}
/** Intl formatters are costly to build (ICU data), so one per currency and precision is kept. */
const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string, digits: number | 'auto-cents' | 'whole', locale?: string) {
  const key = `${currency}:${digits}:${locale}`;
  let f = moneyFormats.get(key);
  if (!f) {
    // Cents are shown whole or not at all (€0.90, never €0.9), and never beyond the currency's own (¥45, not ¥45.00).
    const fraction =
      typeof digits === 'number'
        ? { maximumFractionDigits: digits, minimumFractionDigits: Math.min(digits, centsOf(currency, locale)) }
        : digits === 'whole'
          ? { maximumFractionDigits: 0, minimumFractionDigits: 0 }
          : {};
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency, ...fraction });
    } catch {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }); // an unknown code: never crash a screen
    }
    moneyFormats.set(key, f);
  }
  return f;
}

/** An amount in the given ISO 4217 currency; whole units from 100 up, cents below (a CPA of 4.35 keeps its cents). */
export function moneyIn(x: number | null | undefined, currency: string, locale?: string, digits?: number) {
  if (x == null || !Number.isFinite(x)) return '—';
  return moneyFormat(currency, digits ?? (Math.abs(x) < 100 ? 'auto-cents' : 'whole'), locale).format(x);
}

/** The one money formatter of the PWA: every amount in the workspace currency (`me().currency`, EUR by default). */
export const money = (x: number | null | undefined, digits?: number) =>
  moneyIn(x, me()?.currency ?? 'EUR', undefined, digits);

/** The workspace currency's symbol or code, for field labels ("CPA ceiling (€)"). */
export const currencySymbol = () =>
  moneyFormat(me()?.currency ?? 'EUR', 'whole')
    .formatToParts(0)
    .find((p) => p.type === 'currency')?.value ??
  me()?.currency ??
  'EUR';

/** ICE in words: "ICE 7.3 of 10" and, for a title or a tap, its three parts. */
export const iceLabel = (score: number | null | undefined) => (score == null ? 'ICE not scored' : `ICE ${score} of 10`);
export const iceParts = (h: { impact: number | null; confidence: number | null; ease: number | null }) =>
  `Impact ${h.impact ?? '–'}, confidence ${h.confidence ?? '–'}, ease ${h.ease ?? '–'} (each of 10; ICE is their average)`;

/** "today at 21:32" or "3 Dec at 09:05", built by hand: a Date#toLocaleString at boot costs ~100 ms of ICU on a phone. */
export function syncedAt(iso: string, now = new Date()) {
  const d = new Date(iso);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  const sameDay = d.toDateString() === now.toDateString();
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return sameDay ? `today at ${hm}` : `${d.getDate()} ${months[d.getMonth()]} at ${hm}`;
}
export const today = () => new Date().toISOString().slice(0, 10);
