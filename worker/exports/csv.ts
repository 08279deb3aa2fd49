import Papa from 'papaparse';

/** What a spreadsheet needs to open a file as UTF-8. */
const BOM = '\uFEFF';

/**
 * A CSV document for spreadsheets: UTF-8 with a BOM, CRLF lines, and text cells that start with `=`, `+`, `-`,
 * `@`, tab or CR prefixed with `'` (papaparse's escapeFormulae), so no cell runs as a formula. Numbers stay numbers.
 */
export function toCsv<T>(columns: { header: string; value: (row: T) => unknown }[], rows: T[]): string {
  const data = rows.map((row) => columns.map((c) => cell(c.value(row))));
  return BOM + Papa.unparse({ fields: columns.map((c) => c.header), data }, { escapeFormulae: true, newline: '\r\n' });
}

function cell(value: unknown): string | number | boolean {
  if (value == null) return '';
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

export const csvResponse = (body: string, filename: string) =>
  new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
    },
  });
