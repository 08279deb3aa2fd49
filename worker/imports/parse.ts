import Papa from 'papaparse';
import { count, day, headerKey, isCurrencyCode, nonNegative, type Cell } from './cells';
import { AD_PLATFORMS, HADI_COLUMNS, type PlatformSpec } from './platforms';
import {
  AMOUNTS,
  type AdRow,
  type Amount,
  type Field,
  type HadiRow,
  type Ignored,
  ImportError,
  type ImportProblems,
  LEVELS,
  type ParsedExport,
} from './types';

const DELIMITERS = ['\t', ',', ';'] as const;
type Delimiter = (typeof DELIMITERS)[number];
const DELIMITER_NAME: Record<Delimiter, string> = { '\t': 'tabs', ',': 'commas', ';': 'semicolons' };
const HEADER_SCAN = 60;
const MAX_PROBLEMS = 20;
const FOOTER = /©|copyright|all rights reserved/i;
const TOTALS = /^total\b/i;

type Header = { index: number; delimiter: Delimiter; cells: string[]; keys: string[]; currencies: (string | null)[] };

/** One line's cells; null when its quotes don't balance. Exports never put line breaks inside cells. */
function split(line: string, delimiter: Delimiter): string[] | null {
  if (!line.includes('"')) return line.split(delimiter);
  const parsed = Papa.parse<string[]>(line, { delimiter, quoteChar: '"' });
  if (parsed.errors.some((e) => e.type === 'Quotes')) return null;
  return parsed.data[0] ?? [''];
}

/** Every line's cells from `from` on, in one Papa pass; line by line when a cell spans lines or a quote is unbalanced. */
function splitAll(lines: string[], from: number, delimiter: Delimiter): (string[] | null)[] {
  const body = lines.slice(from);
  const parsed = Papa.parse<string[]>(body.join('\n'), { delimiter, newline: '\n', quoteChar: '"' });
  if (parsed.data.length === body.length && parsed.errors.length === 0) return parsed.data;
  return body.map((line) => split(line, delimiter));
}

const has = (keys: Set<string>, names: string[] | undefined) => !!names?.some((n) => keys.has(n));
const resolvesAds = (p: PlatformSpec, keys: Set<string>) =>
  has(keys, p.columns.date) &&
  LEVELS.some((l) => has(keys, p.columns[l])) &&
  AMOUNTS.some((a) => has(keys, p.columns[a]));
const hadiKey = (key: string) => key.replace(/[\s-]+/g, '_');
const resolvesHadi = (keys: Set<string>) => ['date', 'variant', 'units'].every((k) => keys.has(k));

function findHeader(lines: string[]): Header {
  for (let index = 0; index < Math.min(lines.length, HEADER_SCAN); index++) {
    for (const delimiter of DELIMITERS) {
      const text = lines[index]!;
      if (!text.includes(delimiter)) continue;
      const cells = split(text, delimiter);
      if (!cells || cells.length < 3) continue;
      const parsed = cells.map(headerKey);
      const keys = new Set(parsed.map((h) => h.key));
      if (AD_PLATFORMS.some((p) => resolvesAds(p, keys)) || resolvesHadi(new Set([...keys].map(hadiKey))))
        return { index, delimiter, cells, keys: parsed.map((h) => h.key), currencies: parsed.map((h) => h.currency) };
    }
  }
  throw new ImportError({
    file: 'no header row found: expected a report with a date column (Day, Date…), a campaign, ad set or ad name and figures (Impressions, Clicks, Cost…), separated by commas, tabs or semicolons',
  });
}

const unquote = (line: string) => line.trim().replace(/^"+/, '');

/** The platform whose column names and title/footer lines fit the file best. */
function detect(header: Header, lines: string[]): PlatformSpec | 'hadi' {
  const keys = new Set(header.keys);
  const candidates = AD_PLATFORMS.filter((p) => resolvesAds(p, keys));
  if (!candidates.length) return 'hadi';
  const around = [...lines.slice(0, header.index), ...lines.slice(-6)].map(unquote);
  const score = (p: PlatformSpec) =>
    Object.values(p.columns).filter((names) => has(keys, names)).length +
    2 * p.markers.filter((m) => keys.has(m)).length +
    3 * p.lines.filter((re) => around.some((l) => re.test(l))).length;
  return candidates.reduce((best, p) => (score(p) > score(best) ? p : best));
}

/** The column index of each field (its preferred name first); a used column named twice is an error. */
function columnsOf(spec: Partial<Record<Field, string[]>>, header: Header): Partial<Record<Field, number>> {
  const at: Partial<Record<Field, number>> = {};
  for (const [field, names] of Object.entries(spec) as [Field, string[]][]) {
    for (const name of names) {
      const i = header.keys.indexOf(name);
      if (i < 0) continue;
      if (header.keys.indexOf(name, i + 1) >= 0)
        throw new ImportError({
          [`line ${header.index + 1}, ${header.cells[i]!.trim()}`]: 'this column appears twice',
        });
      at[field] = i;
      break;
    }
  }
  return at;
}

/** Collects per-cell problems ("line 7, Cost") and stops reading after a screenful. */
class Problems {
  readonly fields: ImportProblems = {};
  private n = 0;
  add(line: number, column: string | null, why: string) {
    const key = column ? `line ${line}, ${column}` : `line ${line}`;
    if (!(key in this.fields)) this.n++;
    this.fields[key] ??= why;
  }
  get full() {
    return this.n >= MAX_PROBLEMS;
  }
  throwIfAny() {
    if (this.n) throw new ImportError(this.fields);
  }
}

/** Reads an export (already decoded to text): finds the header below any title lines, the platform, and the rows. */
export function parseExport(text: string): ParsedExport {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const header = findHeader(lines);
  const platform = detect(header, lines);
  return platform === 'hadi' ? readHadi(lines, header) : readAds(lines, header, platform);
}

type Reader = {
  header: Header;
  problems: Problems;
  ignored: Ignored[];
  /** The data rows' cells with their line numbers, after blank lines, footers and totals rows are set aside. */
  rows: { line: number; cells: string[] }[];
};

function readRows(lines: string[], header: Header, isTotals: (cells: string[]) => boolean): Reader {
  const problems = new Problems();
  const ignored: Ignored[] = [];
  const rows: Reader['rows'] = [];
  const width = header.cells.length;
  const headerText = header.keys.join('\u0000');
  const split = splitAll(lines, header.index + 1, header.delimiter);
  const repeatsHeader = (cells: string[]) =>
    headerKey(cells[0]!).key === header.keys[0] && cells.map((c) => headerKey(c).key).join('\u0000') === headerText;
  for (let i = header.index + 1; i < lines.length && !problems.full; i++) {
    const line = i + 1;
    const text = lines[i]!;
    if (text.trim() === '') continue;
    if (FOOTER.test(text)) {
      ignored.push({ line, reason: 'footer' });
      continue;
    }
    const cells = split[i - header.index - 1];
    if (!cells) {
      problems.add(line, null, 'a quote is opened but never closed');
      continue;
    }
    if (cells.every((c) => c.trim() === '')) continue;
    if (repeatsHeader(cells))
      throw new ImportError({
        [`line ${line}`]: `the header row appears again (first on line ${header.index + 1}): two reports pasted together? Export one report`,
      });
    if (isTotals(cells)) {
      ignored.push({ line, reason: 'totals row' });
      continue;
    }
    if (cells.length < width || cells.slice(width).some((c) => c.trim() !== '')) {
      problems.add(
        line,
        null,
        `expected ${width} columns separated by ${DELIMITER_NAME[header.delimiter]} like the header (line ${header.index + 1}), found ${cells.length}`,
      );
      continue;
    }
    rows.push({ line, cells });
  }
  return { header, problems, ignored, rows };
}

function readAds(lines: string[], header: Header, platform: PlatformSpec): ParsedExport {
  const at = columnsOf(platform.columns, header);
  const names = LEVELS.filter((l) => at[l] !== undefined);
  const amounts = AMOUNTS.filter((a) => at[a] !== undefined);
  const cell = (cells: string[], field: Field) => (at[field] === undefined ? '' : (cells[at[field]] ?? '').trim());
  const isTotals = (cells: string[]) =>
    TOTALS.test(cells[0]!.trim()) ||
    [cell(cells, 'date'), ...names.map((l) => cell(cells, l))].some((c) => TOTALS.test(c)) ||
    platform.lines.some((re) => re.test(unquote(cells[0]!))) ||
    (cell(cells, 'date') === '' && names.every((l) => cell(cells, l) === ''));
  const reader = readRows(lines, header, isTotals);
  const { problems } = reader;
  const column = (field: Field) => header.cells[at[field]!]!.trim();
  const read = <T>(line: number, field: Field, value: Cell<T>): T | undefined => {
    if (value.ok) return value.value;
    problems.add(line, column(field), value.why);
    return undefined;
  };

  const currencies = new Map<string, number>();
  for (const a of ['spend', 'revenue'] as const) {
    const code = at[a] === undefined ? null : header.currencies[at[a]];
    if (code) currencies.set(code, header.index + 1);
  }
  const rows: AdRow[] = [];
  for (const { line, cells } of reader.rows) {
    const date = read(line, 'date', day(cell(cells, 'date')));
    if (at.dateEnd !== undefined && header.keys[at.date!] === 'reporting starts') {
      const end = read(line, 'dateEnd', day(cell(cells, 'dateEnd')));
      if (date && end && end !== date)
        problems.add(line, column('dateEnd'), `not a daily row (${date} to ${end}): export with a breakdown by day`);
    }
    const row: AdRow = {
      line,
      date: date ?? '',
      names: {},
      impressions: 0,
      clicks: 0,
      conversions: 0,
      revenue: 0,
      spend: 0,
    };
    for (const level of names) if (cell(cells, level)) row.names[level] = cell(cells, level);
    for (const a of amounts) {
      const parse = a === 'impressions' || a === 'clicks' ? count : nonNegative;
      row[a] = read(line, a, parse(cell(cells, a))) ?? 0;
    }
    if (at.impressions !== undefined && at.clicks !== undefined && row.clicks > row.impressions)
      problems.add(line, column('clicks'), `more clicks (${row.clicks}) than impressions (${row.impressions})`);
    const code = cell(cells, 'currency').toUpperCase();
    if (code && !isCurrencyCode(code)) problems.add(line, column('currency'), `not a currency code: '${code}'`);
    else if (code && !currencies.has(code)) currencies.set(code, line);
    rows.push(row);
  }
  if (currencies.size > 1) {
    const [, line] = [...currencies.entries()][1]!;
    problems.add(
      line,
      at.currency === undefined ? null : column('currency'),
      `the file mixes currencies (${[...currencies.keys()].join(', ')}): export one currency`,
    );
  }
  problems.throwIfAny();
  return {
    platform: platform.id,
    kind: 'ads',
    currency: [...currencies.keys()][0] ?? null,
    amounts,
    headerLine: header.index + 1,
    ignored: reader.ignored,
    rows,
  };
}

function readHadi(lines: string[], header: Header): ParsedExport {
  const keys = header.keys.map(hadiKey);
  const at = Object.fromEntries(Object.values(HADI_COLUMNS).map((k) => [k, keys.indexOf(k)])) as Record<
    (typeof HADI_COLUMNS)[keyof typeof HADI_COLUMNS],
    number
  >;
  const reader = readRows(lines, header, (cells) => TOTALS.test(cells[0]!.trim()));
  const { problems } = reader;
  const text = (cells: string[], k: keyof typeof at) => (at[k] < 0 ? '' : (cells[at[k]] ?? '').trim());
  const optional = (line: number, cells: string[], k: keyof typeof at, parse: (s: string) => Cell<number>) => {
    const raw = text(cells, k);
    if (raw === '') return null;
    const value = parse(raw);
    if (value.ok) return value.value;
    problems.add(line, header.cells[at[k]]!.trim(), value.why);
    return null;
  };
  const rows: HadiRow[] = reader.rows.map(({ line, cells }) => {
    const date = day(text(cells, 'date'));
    if (!date.ok) problems.add(line, header.cells[at.date]!.trim(), date.why);
    const variant = text(cells, 'variant');
    if (!variant) problems.add(line, header.cells[at.variant]!.trim(), 'required');
    return {
      line,
      date: date.ok ? date.value : '',
      variant,
      metric: text(cells, 'metric'),
      units: optional(line, cells, 'units', count) ?? 0,
      conversions: optional(line, cells, 'conversions', count),
      spend: optional(line, cells, 'spend', nonNegative),
      revenue: optional(line, cells, 'revenue', nonNegative),
    };
  });
  problems.throwIfAny();
  const amounts: Amount[] = [];
  return {
    platform: 'hadi',
    kind: 'hadi',
    currency: null,
    amounts,
    headerLine: header.index + 1,
    ignored: reader.ignored,
    rows,
  };
}
