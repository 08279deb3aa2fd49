import { describe, expect, it } from 'vitest';
import { CSV_TEMPLATE, parseResultsCsv, serverProblems } from '../../../web/src/cycles/results-csv';

const cycle = {
  variants: [
    { key: 'control', name: 'Control' },
    { key: 'b', name: 'Free shipping' },
  ],
};
const metrics = [
  { id: 'm-cr', name: 'Conversion rate' },
  { id: 'm-cpa', name: 'CPA' },
];

describe('results CSV import', () => {
  it('reads an ad-platform export: any header case, BOM, CRLF, quotes, variants by name, blank lines', () => {
    const csv =
      '\uFEFFDate,Variant,Metric,Units,Conversions,Spend,Value Sum\r\n' +
      '2026-03-01,control,Conversion rate,1200,36,540.5,\r\n' +
      '\r\n' +
      '2026-03-01,"Free shipping",conversion rate,1190,45,545,1e3\r\n' +
      '2026-03-02,B,m-cpa,2400,80,1080,\r\n';
    const { rows, lines, problems } = parseResultsCsv(csv, cycle, metrics);
    expect(problems).toEqual([]);
    expect(lines).toEqual([2, 4, 5]);
    expect(rows.map(({ id, ...r }) => r)).toEqual([
      { metricId: 'm-cr', variantKey: 'control', date: '2026-03-01', units: 1200, conversions: 36, spend: 540.5 },
      {
        metricId: 'm-cr',
        variantKey: 'b',
        date: '2026-03-01',
        units: 1190,
        conversions: 45,
        spend: 545,
        valueSum: 1000,
      },
      { metricId: 'm-cpa', variantKey: 'b', date: '2026-03-02', units: 2400, conversions: 80, spend: 1080 },
    ]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3); // each row its own client id, so a retried import never doubles
  });

  it('names the line and column of every problem, with the API schema’s own messages', () => {
    const csv =
      'date,variant,metric,units,conversions\n' +
      '2026-03-01,control,Conversion rate,"1,200",36\n' +
      '2026-03-01,c,Conversion rate,100,3\n' +
      '2026-03-01,b,Revenue,100,3\n' +
      '2026-02-30,b,Conversion rate,100,3\n' +
      '2026-03-02,b,Conversion rate,100.5,-3\n' +
      '2026-03-03,b,Conversion rate,100,3\n';
    const { rows, lines, problems } = parseResultsCsv(csv, cycle, metrics);
    expect(lines).toEqual([7]);
    expect(rows).toHaveLength(1);
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'units'],
      [3, 'variant'],
      [4, 'metric'],
      [5, 'date'],
      [6, 'units'],
      [6, 'conversions'],
    ]);
    expect(problems[0]!.message).toBe('"1,200" is not a number');
    expect(problems[1]!.message).toContain('this test has control, b');
    expect(problems.find((p) => p.column === 'conversions')!.message).toBe('cannot be negative');
    expect(problems.find((p) => p.line === 6 && p.column === 'units')!.message).toBe('must be a whole number');
  });

  it('refuses a file without the needed columns, and defaults the metric to the primary one', () => {
    expect(
      parseResultsCsv('day,arm,visits\n2026-03-01,control,5\n', cycle, metrics).problems.map((p) => p.column),
    ).toEqual(['date', 'variant', 'units', 'metric']);
    const { rows, problems } = parseResultsCsv(
      'date,variant,units,conversions\n2026-03-01,control,10,1\n',
      cycle,
      metrics,
      'm-cr',
    );
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ metricId: 'm-cr', variantKey: 'control', units: 10, conversions: 1 });
  });

  it('reports broken quoting and ragged rows', () => {
    const { problems } = parseResultsCsv(
      'date,variant,metric,units\n2026-03-01,control,Conversion rate,10,99\n2026-03-01,"b,Conversion rate,10\n',
      cycle,
      metrics,
    );
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.map((p) => p.line)).toContain(2);
    expect(problems.some((p) => /quote/i.test(p.message))).toBe(true);
  });

  it('parses its own template', () => {
    const { rows, problems } = parseResultsCsv(CSV_TEMPLATE, cycle, metrics);
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(2);
  });

  it('maps the API’s snapshots.<i>.<field> errors back to CSV lines and columns', () => {
    expect(
      serverProblems(
        {
          'snapshots.1.conversions': 'cannot exceed units',
          'snapshots.0.variantKey': 'no such variant',
          snapshots: 'duplicate',
        },
        [2, 5],
      ),
    ).toEqual([
      { line: 5, column: 'conversions', message: 'cannot exceed units' },
      { line: 2, column: 'variant', message: 'no such variant' },
      { line: 0, column: 'snapshots', message: 'duplicate' },
    ]);
  });
});
