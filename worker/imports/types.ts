/** What Hadi reads from an ad-platform export. Pure types: shared by the Worker and the PWA's preview. */

export const PLATFORMS = ['google_ads', 'microsoft_ads', 'meta_ads', 'linkedin_ads', 'tiktok_ads', 'hadi'] as const;
export type PlatformId = (typeof PLATFORMS)[number];

/** The ad metrics an export carries, summed per variant per day. */
export const AMOUNTS = ['impressions', 'clicks', 'conversions', 'revenue', 'spend'] as const;
export type Amount = (typeof AMOUNTS)[number];
export type Totals = Record<Amount, number>;

/** The names a row can be matched by, the most specific first. */
export const LEVELS = ['ad', 'adGroup', 'campaign'] as const;
export type Level = (typeof LEVELS)[number];

/** A column Hadi understands; `dateEnd` exists to refuse non-daily rows (Meta's "Reporting ends"). */
export type Field = 'date' | 'dateEnd' | Level | Amount | 'currency';

/** One daily data row of an ad export, with the line it came from. Amounts the file lacks are 0. */
export type AdRow = { line: number; date: string; names: Partial<Record<Level, string>> } & Totals;

/** One row of Hadi's own results CSV: cumulative totals of one variant on one metric as of a date. */
export type HadiRow = {
  line: number;
  date: string;
  variant: string;
  metric: string;
  units: number;
  conversions: number | null;
  spend: number | null;
  revenue: number | null;
};

/** A line that is read but is not data (totals, footers), kept so a preview can say so. */
export type Ignored = { line: number; reason: string };

export type ParsedExport = {
  platform: PlatformId;
  /** ISO 4217 code found in a header ("Amount spent (EUR)") or a currency column; null when the file does not say. */
  currency: string | null;
  /** Which amount columns the file has (a metric is only fed from columns that exist). */
  amounts: Amount[];
  headerLine: number;
  ignored: Ignored[];
} & ({ kind: 'ads'; rows: AdRow[] } | { kind: 'hadi'; rows: HadiRow[] });

/** Field errors keyed "line 7, Cost" → "not a number: 'abc'" (or "file" for the file as a whole). */
export type ImportProblems = Record<string, string>;

/** A file that cannot be imported; the route answers 400 (413 when `tooLarge`) with `fields`. */
export class ImportError extends Error {
  constructor(
    readonly fields: ImportProblems,
    readonly tooLarge = false,
  ) {
    const [where, why] = Object.entries(fields)[0] ?? ['file', 'cannot be read'];
    super(`${where}: ${why}`);
  }
}

export const zeroTotals = (): Totals => ({ impressions: 0, clicks: 0, conversions: 0, revenue: 0, spend: 0 });
