/**
 * Reading an ad-platform export in the pure module (`npm run bench`; nothing here asserts a duration): a 90-day ×
 * 10-campaign Google Ads export (900 daily rows) parsed, mapped and turned into cumulative snapshots, as the
 * Worker and the PWA's preview both do. Runs in Node and in workerd. Rows per second are printed.
 */
import { test } from 'vitest';
import { type FeedMetric, parseExport, plan } from '../../worker/imports';
import { benchMapping, googleExport } from './support/ad-export';

const METRICS: FeedMetric[] = [
  { id: 'ccr', name: 'Click conversion rate', kind: 'proportion', unit: 'click', costFormula: null },
  { id: 'ctr', name: 'Click-through rate', kind: 'proportion', unit: 'impression', costFormula: null },
  { id: 'cpa', name: 'CPA', kind: 'cost', unit: 'click', costFormula: 'cpa' },
];
const text = googleExport(90, 10);
const ROWS = 900;
const PARSE = 'parse only (900 rows)';
const PLAN = 'parse + map + cumulative snapshots (900 rows → 540 snapshots)';

test('ad export: parse and plan, 90 days × 10 campaigns', async ({ bench }) => {
  const result = await bench.compare(
    bench(PARSE, () => {
      parseExport(text);
    }),
    bench(PLAN, () => {
      plan(parseExport(text), benchMapping(), ['control', 'b'], METRICS);
    }),
  );
  for (const name of [PARSE, PLAN] as const)
    console.log(
      `[imports] ${name}: ${Math.round(result.get(name).throughput.mean * ROWS).toLocaleString('en-US')} rows/s`,
    );
});
