import '../zod-jitless';
import Papa from 'papaparse';
import { snapshotSchema, type SnapshotInput } from '../../../worker/cycles/snapshot-schema';
import type { CsvProblem, ParsedResults } from './results-csv-template';

/**
 * Results exported from an ad platform or analytics tool, as CSV: one row per date × variant × metric with the
 * cumulative totals so far. Columns are matched by name (any case, spaces or underscores); variants by key or
 * name, metrics by name or id. Every row is checked with the API's own snapshot schema, so what passes here is
 * what the server accepts, and each problem names its line and column.
 */
export { CSV_TEMPLATE } from './results-csv-template';
export type { CsvProblem, ParsedResults } from './results-csv-template';
type Named = { key?: string; id?: string; name: string };

const NUMERIC = ['units', 'conversions', 'mean', 'sd', 'value_sum', 'value_sum_squares', 'spend', 'revenue'] as const;
const FIELD: Record<(typeof NUMERIC)[number], keyof SnapshotInput> = {
  units: 'units',
  conversions: 'conversions',
  mean: 'mean',
  sd: 'sd',
  value_sum: 'valueSum',
  value_sum_squares: 'valueSumSquares',
  spend: 'spend',
  revenue: 'revenue',
};
/** `Value Sum`, `value-sum` and `valueSum` all name the column `value_sum`. */
const columnName = (header: string) =>
  header
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
const blank = (cells: Record<string, unknown> | undefined) =>
  !cells || Object.values(cells).every((v) => v == null || String(v).trim() === '');

function pick(list: Named[], text: string): Named | undefined {
  const t = text.trim().toLowerCase();
  return list.find((x) => x.key?.toLowerCase() === t || x.id?.toLowerCase() === t || x.name.toLowerCase() === t);
}

/** A cell as a number: plain digits with an optional decimal point and exponent; thousands separators are refused, being ambiguous. */
function numberCell(raw: string): number | null | 'bad' {
  const t = raw.trim();
  if (t === '') return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : 'bad';
}

export function parseResultsCsv(
  text: string,
  cycle: { variants: { key: string; name: string }[] },
  metrics: { id: string; name: string }[],
  primaryMetricId?: string | null,
): ParsedResults {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: false,
    transformHeader: columnName,
  });
  const problems: CsvProblem[] = [];
  const headers = parsed.meta.fields ?? [];
  for (const need of ['date', 'variant', 'units'])
    if (!headers.includes(need)) problems.push({ line: 1, column: need, message: `missing column "${need}"` });
  if (!headers.includes('metric') && !primaryMetricId)
    problems.push({ line: 1, column: 'metric', message: 'missing column "metric"' });
  if (problems.length) return { rows: [], lines: [], problems };

  const rows: SnapshotInput[] = [];
  const lines: number[] = [];
  parsed.data.forEach((cells, index) => {
    const line = index + 2;
    if (blank(cells)) return;
    const rowProblems: CsvProblem[] = [];
    const variant = pick(cycle.variants, cells.variant ?? '');
    if (!variant)
      rowProblems.push({
        line,
        column: 'variant',
        message: `unknown variant "${cells.variant ?? ''}" (this test has ${cycle.variants.map((v) => v.key).join(', ')})`,
      });
    const metric = cells.metric?.trim() ? pick(metrics, cells.metric) : metrics.find((m) => m.id === primaryMetricId);
    if (!metric)
      rowProblems.push({
        line,
        column: 'metric',
        message: `unknown metric "${cells.metric ?? ''}" (this test watches ${metrics.map((m) => m.name).join(', ')})`,
      });
    const row: Record<string, unknown> = {
      id: crypto.randomUUID(),
      metricId: metric?.id ?? '',
      variantKey: variant?.key ?? '',
      date: (cells.date ?? '').trim(),
    };
    for (const column of NUMERIC) {
      const value = numberCell(cells[column] ?? '');
      if (value === 'bad') rowProblems.push({ line, column, message: `"${cells[column]}" is not a number` });
      else if (value !== null) row[FIELD[column]] = value;
    }
    if (!rowProblems.length) {
      const checked = snapshotSchema.safeParse(row);
      if (checked.success) {
        rows.push(checked.data);
        lines.push(line);
      } else {
        for (const issue of checked.error.issues)
          rowProblems.push({ line, column: columnOf(String(issue.path[0] ?? '')), message: issue.message });
      }
    }
    problems.push(...rowProblems);
  });
  // Malformed quoting and rows with too many or too few cells (blank lines, e.g. a trailing newline, are fine).
  for (const error of parsed.errors) {
    const row = Math.max(0, Math.min(error.row ?? 0, parsed.data.length - 1));
    if (error.type === 'Quotes' || (error.type === 'FieldMismatch' && !blank(parsed.data[row])))
      problems.push({ line: row + 2, column: '', message: error.message });
  }
  return { rows, lines, problems: problems.sort((a, b) => a.line - b.line) };
}

/** The CSV column a snapshot field came from (for messages about a server answer). */
function columnOf(field: string): string {
  const found = Object.entries(FIELD).find(([, f]) => f === field)?.[0];
  return found ?? (field === 'variantKey' ? 'variant' : field === 'metricId' ? 'metric' : field);
}

/** Maps the API's `snapshots.<i>.<field>` errors back to the CSV's lines and columns. */
export function serverProblems(fields: Record<string, string>, lines: number[]): CsvProblem[] {
  return Object.entries(fields).map(([path, message]) => {
    const [, index, field] = path.match(/^snapshots\.(\d+)\.?(\w*)/) ?? [];
    return index === undefined
      ? { line: 0, column: path, message }
      : { line: lines[Number(index)] ?? 0, column: columnOf(field ?? ''), message };
  });
}
