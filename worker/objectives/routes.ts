import { z } from 'zod';
import { objectives } from '../../db/schema';
import { clientId, idParam, isoDate, money, shortText } from '../http/common';
import { valid } from '../http/validate';
import { getInWorkspace } from '../records/versioned';
import { objectiveProgress } from './progress';
import { badRequest } from '../http/errors';
import { assertMetrics } from '../records/references';
import { catalogRoutes } from '../records/catalog-routes';
import type { Db } from '../db';

const guardrails = z.object({
  cacMin: money.optional(),
  cacMax: money.optional(),
  roasFloor: money.optional(),
  paybackDays: z.number().int().min(0).max(3650).optional(),
});

const fields = z.object({
  title: shortText(200),
  primaryMetricId: z.string().max(64).nullable(),
  secondaryMetricIds: z.array(z.string().max(64)).max(2, 'one primary and at most two secondary conversions'),
  baseline: z.number().finite().nullable(),
  target: z.number().finite().nullable(),
  deadline: isoDate.nullable(),
  guardrails,
  budgetEnvelope: money.nullable(),
  approvalThreshold: money.nullable(),
  status: z.enum(['active', 'achieved', 'archived']),
});

type Objective = Partial<z.infer<typeof fields>>;

async function checkObjective(db: Db, workspaceId: string, o: Objective) {
  const ids = [o.primaryMetricId, ...(o.secondaryMetricIds ?? [])].filter((id): id is string => !!id);
  await assertMetrics(
    db,
    workspaceId,
    ids.map((id, i) => ({ field: i === 0 && o.primaryMetricId ? 'primaryMetricId' : 'secondaryMetricIds', id })),
  );
  const g = o.guardrails;
  if (g?.cacMin != null && g.cacMax != null && g.cacMin > g.cacMax)
    throw badRequest('CAC range is upside down', { 'guardrails.cacMax': 'must be at least cacMin' });
}

/** The outcome model (SMART objective with money guardrails); leads own it. */
export const objectivesRoutes = catalogRoutes({
  table: objectives,
  entity: 'objective',
  label: 'Objective',
  writeRole: 'lead',
  create: fields.partial().required({ title: true }).extend({ id: clientId.optional() }),
  update: fields.partial(),
  check: checkObjective,
  extraCreateValues: (actorId) => ({ createdBy: actorId }),
}).get('/:id/progress', valid('param', idParam), async (c) => {
  const { workspaceId } = c.get('actor');
  const objective = await getInWorkspace(c.get('db'), objectives, workspaceId, c.req.valid('param').id, 'Objective');
  return c.json({ objectiveId: objective.id, ...(await objectiveProgress(c.get('db'), workspaceId, objective)) });
});
