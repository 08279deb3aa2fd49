import { z } from 'zod';
import { COST_FORMULAS, METRIC_KINDS, METRIC_UNITS, metrics } from '../../db/schema';
import { clientId, longText, shortText } from '../http/common';
import { badRequest } from '../http/errors';
import { catalogRoutes } from '../records/catalog-routes';

const fields = z.object({
  name: shortText(80),
  kind: z.enum(METRIC_KINDS),
  unit: z.enum(METRIC_UNITS),
  direction: z.enum(['increase', 'decrease']),
  costFormula: z.enum(COST_FORMULAS).nullable(),
  description: longText(500).nullable(),
  archived: z.boolean(),
});

/** A cost metric needs its formula (CPA, CPC or ROAS); other kinds must not have one. */
async function checkCostFormula(_db: unknown, _ws: string, metric: { kind?: string; costFormula?: string | null }) {
  if (metric.kind === 'cost' && !metric.costFormula)
    throw badRequest('A cost metric needs a formula', { costFormula: 'required for cost metrics: cpa, cpc or roas' });
  if (metric.kind !== 'cost' && metric.costFormula)
    throw badRequest('Only cost metrics have a formula', { costFormula: 'only for cost metrics' });
}

export const metricsRoutes = catalogRoutes({
  table: metrics,
  entity: 'metric',
  label: 'Metric',
  writeRole: 'admin',
  create: fields.partial({ costFormula: true, description: true, archived: true }).extend({ id: clientId.optional() }),
  update: fields.omit({ kind: true }).partial(),
  check: checkCostFormula,
});
