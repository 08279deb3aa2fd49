import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { valid } from '../http/validate';
import { analyzeCycle } from '../rules/analysis';
import { evaluateRuleBodySchema } from '../rules/schema';
import { runFunnel } from '../funnel';
import { funnelScenarioSchema } from '../funnel/schemas';
import { compare, sampleSizeProportion, srm } from '../stats';
import { metaAnalysis, metaAnalysisInputSchema } from '../stats/meta-analysis';
import { compareInputSchema, sampleSizeInputSchema, srmInputSchema } from '../stats/schemas';

/** Calculators over the pure engine (the PWA runs the same functions offline). Any signed-in role may use them. */
export const statsRoutes = new Hono<AppEnv>()
  .post('/compare', valid('json', compareInputSchema), (c) => c.json(compare(c.req.valid('json'))))
  .post('/sample-size', valid('json', sampleSizeInputSchema), (c) => c.json(sampleSizeProportion(c.req.valid('json'))))
  .post('/srm', valid('json', srmInputSchema), (c) => {
    const { observed, weights } = c.req.valid('json');
    return c.json(srm(observed, weights));
  })
  .post('/evaluate-rule', valid('json', evaluateRuleBodySchema), (c) => c.json(analyzeCycle(c.req.valid('json'))))
  .post('/meta-analysis', valid('json', metaAnalysisInputSchema), (c) => c.json(metaAnalysis(c.req.valid('json'))))
  .post('/funnel', valid('json', funnelScenarioSchema), (c) => c.json(runFunnel(c.req.valid('json'))));
