/**
 * Funnel scenarios per second (`npm run bench`; goal ≥ 100 000/s so sliders feel instant). Like stats.bench.ts,
 * the root `benchmark.include` runs this file in Node (`unit`, the same code the PWA bundles) and inside workerd
 * (`api`, via @cloudflare/vitest-plugin).
 */
import { test } from 'vitest';
import * as funnel from '../../worker/funnel';

type FunnelScenarioInput = funnel.FunnelScenarioInput;
// One read of the export, not one per call (vitest warns that module getters skew the numbers).
const runFunnel = funnel.runFunnel;

const base: FunnelScenarioInput = {
  traffic: 100000,
  spend: 50000,
  stages: [
    { name: 'lead', rate: 0.03 },
    { name: 'qualified', rate: 0.4 },
    { name: 'sale', rate: 0.25 },
  ],
  value: 1200,
  margin: 0.6,
  elasticity: 0.7,
};
const planned = {
  ...base,
  changes: [
    { target: 'spend', relative: 0.25 },
    { target: 'traffic', relative: 0.1 },
    { target: 'lead', absolute: 0.012 },
    { target: 'sale', relative: 0.08 },
  ],
};
const stress = {
  ...planned,
  changes: [...planned.changes, ...base.stages.map((s) => ({ target: s.name, relative: -0.15 }))],
};

test('runFunnel() scenarios per second', async ({ bench }) => {
  let lead = 0.03;
  await bench.compare(
    bench('3 stages, 4 changes (a planned scenario)', () => {
      runFunnel(planned);
    }),
    bench('3 stages, 7 changes (plan + every rate −15%)', () => {
      runFunnel(stress);
    }),
    bench('slider: a new lead rate each call', () => {
      lead = lead >= 0.2 ? 0.03 : lead + 0.0001;
      runFunnel({ ...base, changes: [{ target: 'lead', absolute: lead - 0.03 }] });
    }),
  );
});
