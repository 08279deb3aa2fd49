/**
 * From parsed export rows to a cycle's results: rows → variants (by the names the user mapped), daily totals per
 * variant, then cumulative snapshots for each metric the file can feed. Pure, so the PWA previews exactly what the
 * Worker will store.
 */
import {
  AMOUNTS,
  type AdRow,
  type Amount,
  type HadiRow,
  ImportError,
  type Level,
  LEVELS,
  type ParsedExport,
  type Totals,
  zeroTotals,
} from './types';

export type Skipped = { line: number; reason: string };
/** What a metric is, as far as feeding it goes. */
export type FeedMetric = {
  id: string;
  name: string;
  kind: 'proportion' | 'mean' | 'cost';
  unit: string;
  costFormula: string | null;
};
/** A cumulative result of one variant on one metric as of a date (the shape of a stored snapshot). */
export type Point = {
  metricId: string;
  variantKey: string;
  date: string;
  units: number;
  conversions: number | null;
  spend: number | null;
  revenue: number | null;
};
export type Daily = Map<string, Map<string, Totals>>;
/** The stored cumulative result of a metric and variant on the latest date before `before`, if any. */
export type Base = (metricId: string, variantKey: string, before: string) => Point | undefined;

const LEVEL_WORDS: Record<Level, string> = { ad: 'ad', adGroup: 'ad set / ad group', campaign: 'campaign' };
const norm = (name: string) => name.trim().toLowerCase();
/** Money and fractional conversions summed in floating point: rounded so the same file always gives the same sums. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The distinct names in the file per level, with their row counts: what the user maps to variants. */
export function namesIn(rows: AdRow[]): { level: Level; name: string; rows: number }[] {
  const seen = new Map<string, { level: Level; name: string; rows: number }>();
  for (const row of rows)
    for (const level of LEVELS) {
      const name = row.names[level];
      if (!name) continue;
      const key = `${level}|${norm(name)}`;
      const entry = seen.get(key) ?? { level, name: name.trim(), rows: 0 };
      entry.rows++;
      seen.set(key, entry);
    }
  return [...seen.values()].sort(
    (a, b) => LEVELS.indexOf(b.level) - LEVELS.indexOf(a.level) || a.name.localeCompare(b.name),
  );
}

/** Each row's variant: its ad, else ad set / ad group, else campaign name, as mapped. Unmapped rows are skipped, never guessed. */
export function assign(rows: AdRow[], variants: Record<string, string>) {
  const mapping = new Map(Object.entries(variants).map(([name, key]) => [norm(name), key]));
  const matched: { row: AdRow; variantKey: string }[] = [];
  const skipped: Skipped[] = [];
  for (const row of rows) {
    const level = LEVELS.find((l) => row.names[l] && mapping.has(norm(row.names[l]!)));
    if (level) matched.push({ row, variantKey: mapping.get(norm(row.names[level]!))! });
    else {
      const named = LEVELS.filter((l) => row.names[l]).map((l) => `${LEVEL_WORDS[l]} "${row.names[l]!.trim()}"`);
      skipped.push({ line: row.line, reason: `no variant mapped for ${named.join(', ') || 'a row without names'}` });
    }
  }
  return { matched, skipped };
}

/** Sums per variant per date (several campaigns can make one variant, and a platform can split a day over rows). */
export function dailyTotals(matched: { row: AdRow; variantKey: string }[]): Daily {
  const daily: Daily = new Map();
  for (const { row, variantKey } of matched) {
    const days = daily.get(variantKey) ?? new Map<string, Totals>();
    const t = days.get(row.date) ?? zeroTotals();
    for (const a of AMOUNTS) t[a] = round(t[a] + row[a]);
    days.set(row.date, t);
    daily.set(variantKey, days);
  }
  return daily;
}

export function totalsOf(daily: Daily): Record<string, Totals> {
  const out: Record<string, Totals> = {};
  for (const [key, days] of daily) {
    const t = zeroTotals();
    for (const d of days.values()) for (const a of AMOUNTS) t[a] = round(t[a] + d[a]);
    out[key] = t;
  }
  return out;
}

/** Which amounts feed a metric's units and conversions; null when the file cannot feed it honestly. */
export function feedOf(metric: FeedMetric, amounts: Amount[]): { units: Amount; conversions: Amount | null } | null {
  const hasAll = (...need: Amount[]) => need.every((a) => amounts.includes(a));
  if (metric.kind === 'proportion') {
    if (metric.unit === 'click' && hasAll('clicks', 'conversions'))
      return { units: 'clicks', conversions: 'conversions' };
    if (metric.unit === 'impression' && hasAll('impressions', 'clicks'))
      return { units: 'impressions', conversions: 'clicks' };
    return null;
  }
  if (metric.kind !== 'cost' || !hasAll('spend')) return null;
  const units: Amount = metric.unit === 'impression' ? 'impressions' : 'clicks';
  if (!hasAll(units)) return null;
  if (metric.costFormula === 'cpa' && !hasAll('conversions')) return null;
  if (metric.costFormula === 'roas' && !hasAll('revenue')) return null;
  return { units, conversions: hasAll('conversions') ? 'conversions' : null };
}

/** Why a metric cannot be fed, in words, for the error when none can. */
export function needsOf(metric: FeedMetric): string {
  if (metric.kind === 'mean') return `${metric.name} is a mean metric: ad exports carry no per-unit values`;
  if (metric.kind === 'proportion')
    return metric.unit === 'click' || metric.unit === 'impression'
      ? `${metric.name} needs ${metric.unit === 'click' ? 'Clicks and Conversions' : 'Impressions and Clicks'}`
      : `${metric.name} is counted per ${metric.unit}, which ad exports don't report`;
  return `${metric.name} needs Cost/Spend, Clicks${metric.costFormula === 'cpa' ? ', Conversions' : metric.costFormula === 'roas' ? ', Revenue' : ''}`;
}

/**
 * Cumulative snapshots per variant per date for each metric the file can feed. `base` is what was already stored
 * for that metric and variant just before the file's first date (a later file continues an earlier one).
 */
export function cumulativePoints(
  daily: Daily,
  metrics: FeedMetric[],
  amounts: Amount[],
  base: Base = () => undefined,
): Point[] {
  const points: Point[] = [];
  for (const metric of metrics) {
    const feed = feedOf(metric, amounts);
    if (!feed) continue;
    const money = metric.kind === 'cost';
    for (const [variantKey, days] of daily) {
      const dates = [...days.keys()].sort();
      const start = base(metric.id, variantKey, dates[0]!);
      let units = start?.units ?? 0;
      let conversions = start?.conversions ?? 0;
      let spend = start?.spend ?? 0;
      let revenue = start?.revenue ?? 0;
      for (const date of dates) {
        const t = days.get(date)!;
        units += t[feed.units];
        if (feed.conversions) conversions = round(conversions + t[feed.conversions]);
        spend = round(spend + t.spend);
        revenue = round(revenue + t.revenue);
        points.push({
          metricId: metric.id,
          variantKey,
          date,
          units,
          // Data-driven attribution gives fractional conversions; a count is what the statistics need.
          conversions: feed.conversions ? Math.round(conversions) : null,
          spend: money ? spend : null,
          revenue: money && amounts.includes('revenue') ? revenue : null,
        });
      }
    }
  }
  return points;
}

export const pointKey = (p: Pick<Point, 'metricId' | 'variantKey' | 'date'>) =>
  `${p.metricId}|${p.variantKey}|${p.date}`;
const same = (a: number | null | undefined, b: number | null | undefined) =>
  (a ?? null) === null ? (b ?? null) === null : b != null && Math.abs(a! - b) <= 1e-6 * Math.max(1, Math.abs(b));
export const samePoint = (a: Point, b: Point) =>
  a.units === b.units && same(a.conversions, b.conversions) && same(a.spend, b.spend) && same(a.revenue, b.revenue);

/** New points, stored points to overwrite (a re-export of overlapping dates), and how many are already stored as is. */
export function diff<S extends Point & { id: string }>(points: Point[], stored: S[]) {
  const byKey = new Map(stored.map((s) => [pointKey(s), s]));
  const create: Point[] = [];
  const replace: { before: S; after: Point }[] = [];
  for (const p of points) {
    const s = byKey.get(pointKey(p));
    if (!s) create.push(p);
    else if (!samePoint(p, s)) replace.push({ before: s, after: p });
  }
  return { create, replace, unchanged: points.length - create.length - replace.length };
}

/**
 * Hadi's own CSV carries cumulative snapshots already: each row's variant is a mapped name or a variant key,
 * its metric a metric name or id of the cycle. Totals are read from each variant's latest values.
 */
export function hadiPoints(
  rows: HadiRow[],
  variants: Record<string, string>,
  variantKeys: string[],
  metrics: FeedMetric[],
) {
  const mapping = new Map(Object.entries(variants).map(([n, k]) => [norm(n), k]));
  for (const k of variantKeys) if (!mapping.has(norm(k))) mapping.set(norm(k), k);
  const points: Point[] = [];
  const skipped: Skipped[] = [];
  const problems: Record<string, string> = {};
  for (const row of rows) {
    const variantKey = mapping.get(norm(row.variant));
    if (!variantKey) {
      skipped.push({ line: row.line, reason: `no variant mapped for "${row.variant}"` });
      continue;
    }
    const metric =
      metrics.find((m) => norm(m.name) === norm(row.metric) || m.id === row.metric.trim()) ??
      (metrics.length === 1 && !row.metric ? metrics[0] : undefined);
    if (!metric) {
      problems[`line ${row.line}, metric`] =
        `not a metric of this cycle: '${row.metric}' (${metrics.map((m) => m.name).join(', ')})`;
      continue;
    }
    points.push({
      metricId: metric.id,
      variantKey,
      date: row.date,
      units: row.units,
      conversions: row.conversions,
      spend: row.spend,
      revenue: row.revenue,
    });
  }
  if (Object.keys(problems).length) throw new ImportError(problems);
  return { points, skipped, totals: hadiTotals(points, metrics) };
}

function hadiTotals(points: Point[], metrics: FeedMetric[]): Record<string, Totals> {
  const latest = new Map<string, Point>();
  for (const p of points) {
    const k = `${p.metricId}|${p.variantKey}`;
    if ((latest.get(k)?.date ?? '') <= p.date) latest.set(k, p);
  }
  const out: Record<string, Totals> = {};
  for (const p of latest.values()) {
    const t = out[p.variantKey] ?? zeroTotals();
    out[p.variantKey] = t;
    const metric = metrics.find((m) => m.id === p.metricId)!;
    const max = (a: Amount, v: number | null) => {
      if (v != null) t[a] = Math.max(t[a], v);
    };
    if (metric.unit === 'impression') {
      max('impressions', p.units);
      if (metric.kind === 'proportion') max('clicks', p.conversions);
    } else if (metric.unit === 'click') {
      max('clicks', p.units);
      max('conversions', p.conversions);
    }
    max('spend', p.spend);
    max('revenue', p.revenue);
  }
  return out;
}

/** The whole preview the API answers (and the PWA shows) short of what is already stored. */
export function plan(
  parsed: ParsedExport,
  variants: Record<string, string>,
  variantKeys: string[],
  metrics: FeedMetric[],
  base?: Base,
) {
  if (parsed.kind === 'hadi') {
    const { points, skipped, totals } = hadiPoints(parsed.rows, variants, variantKeys, metrics);
    return { rows: parsed.rows.length, skipped, totals, daily: new Map() as Daily, points };
  }
  const fed = metrics.filter((m) => feedOf(m, parsed.amounts));
  if (!fed.length)
    throw new ImportError({
      file: `none of this cycle's metrics can be fed from this file: ${metrics.map(needsOf).join('; ')}`,
    });
  const { matched, skipped } = assign(parsed.rows, variants);
  const daily = dailyTotals(matched);
  return {
    rows: parsed.rows.length,
    skipped,
    totals: totalsOf(daily),
    daily,
    points: cumulativePoints(daily, fed, parsed.amounts, base),
  };
}
