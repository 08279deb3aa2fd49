/**
 * Importing through the real Worker on a real D1, inside workerd (`npm run bench`, api project only; nothing here
 * asserts a duration): a 90-day × 10-campaign Google Ads export (900 rows, 540 cumulative snapshots on three metrics)
 * as a dry run, as a first commit into a fresh cycle, as a re-export that replaces every point, and the analysis of
 * the imported cycle right after. Rows per second are printed.
 */
import { test } from 'vitest';
import { createTeam, type Team } from '../api/support/client';
import { catalog, fullHypothesis } from '../api/support/fixtures';
import { benchMapping, googleExport } from './support/ad-export';

const ROWS = 900;
const DRY = 'dry run (parse, map, compare with D1)';
const FRESH = 'commit into a fresh cycle (540 snapshots created)';
const REPLACE = 'commit a re-export that changes every day (540 snapshots replaced)';
const ANALYSIS = 'analysis of the imported cycle';
const rowsPerSecond = (hz: number) => Math.round(hz * ROWS).toLocaleString('en-US');
let team: Team;
let ccr = '';

async function launchedCycle(): Promise<string> {
  const { metric, channel } = await catalog(team.member);
  const h = await team.member.post(
    '/api/hypotheses',
    fullHypothesis({ channelId: channel('Paid search'), metricId: ccr }),
  );
  const c = await team.member.post('/api/cycles', {
    hypothesisId: h.body.id,
    name: 'Bench import',
    variants: [
      { key: 'control', name: 'Control', weight: 1 },
      { key: 'b', name: 'B', weight: 1 },
    ],
    secondaryMetricIds: [metric('Click-through rate')],
    decisionRule: {
      primaryMetricId: ccr,
      method: 'frequentist',
      alpha: 0.05,
      minRelativeLift: 0.02,
      guardrails: [{ metricId: metric('CPA'), maxWorsening: 0.1, scale: 'relative' }],
      minDays: 0,
    },
  });
  await team.lead.post(`/api/cycles/${c.body.id}/launch`, {});
  return c.body.id;
}

async function importFile(cycleId: string, content: string, dryRun: boolean) {
  const res = await team.member.post(`/api/cycles/${cycleId}/imports`, { content, variants: benchMapping(), dryRun });
  if (res.status >= 300) throw new Error(`import ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

// A few samples each: every commit writes 540 rows, and the machine that runs `npm run bench` is shared.
const SAMPLES = { iterations: 8, time: 0 };

test('ad export through HTTP and D1, 90 days × 10 campaigns', { timeout: 600_000 }, async ({ bench }) => {
  team = await createTeam('Bench Co');
  const created = await team.admin.post('/api/metrics', {
    name: 'Click conversion rate',
    kind: 'proportion',
    unit: 'click',
    direction: 'increase',
    costFormula: null,
    description: null,
    archived: false,
  });
  ccr = created.body.id;
  const text = googleExport(90, 10);
  const imported = await launchedCycle();
  await importFile(imported, text, false);
  let fresh = '';
  let bump = 0;

  const result = await bench.compare(
    bench(DRY, async () => {
      await importFile(imported, text, true);
    }),
    bench(
      FRESH,
      {
        beforeEach: async () => {
          fresh = await launchedCycle();
        },
      },
      async () => {
        await importFile(fresh, text, false);
      },
    ),
    bench(REPLACE, async () => {
      bump++;
      await importFile(imported, googleExport(90, 10, bump), false);
    }),
    bench(ANALYSIS, async () => {
      const res = await team.viewer.get(`/api/cycles/${imported}/analysis`);
      if (res.status !== 200) throw new Error(`analysis ${res.status}`);
    }),
    SAMPLES,
  );
  for (const name of [DRY, FRESH, REPLACE] as const)
    console.log(`[imports] ${name}: ${rowsPerSecond(result.get(name).throughput.mean)} rows/s`);
  console.log(`[imports] ${ANALYSIS}: ${result.get(ANALYSIS).latency.mean.toFixed(1)} ms`);
});
