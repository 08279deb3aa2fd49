import { Hono } from 'hono';
import { funnels, objectives } from '../../db/schema';
import { requireRole } from '../auth/middleware';
import { nowIso } from '../db';
import type { AppEnv } from '../env';
import { budgetUse, paceOf, prefillFunnel } from '../funnel';
import { idParam } from '../http/common';
import { valid } from '../http/validate';
import { expectedVersion } from '../records/version-header';
import { createOnce, findInWorkspace, getInWorkspace, updateVersioned } from '../records/versioned';
import { objectiveMeasures } from './queries';
import { saveFunnelBody } from './schemas';

/**
 * An objective's funnel (`/api/funnels/:objectiveId`): viewers read it with the objective's guardrails, budget
 * use and pace; leads save it (first save creates it, later saves send the version they edited).
 */
export const funnelsRoutes = new Hono<AppEnv>()
  .get('/:id', valid('param', idParam), async (c) => {
    const db = c.get('db');
    const { workspaceId } = c.get('actor');
    const objective = await getInWorkspace(db, objectives, workspaceId, c.req.valid('param').id, 'Objective');
    const [funnel, measured] = await Promise.all([
      findInWorkspace(db, funnels, workspaceId, objective.id),
      objectiveMeasures(db, objective),
    ]);
    const periodDays = funnel?.periodDays ?? 30;
    return c.json({
      objectiveId: objective.id,
      title: objective.title,
      funnel: funnel ?? null,
      prefill: prefillFunnel(measured.totals, periodDays),
      guardrails: objective.guardrails,
      budget: budgetUse(objective.budgetEnvelope, measured.spent),
      pace: paceOf({
        baseline: objective.baseline,
        target: objective.target,
        start: objective.createdAt,
        deadline: objective.deadline,
        current: measured.current,
        today: nowIso(),
      }),
      current: measured.current,
    });
  })
  .put('/:id', requireRole('lead'), valid('param', idParam), valid('json', saveFunnelBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const objective = await getInWorkspace(db, objectives, actor.workspaceId, c.req.valid('param').id, 'Objective');
    const { version, ...body } = c.req.valid('json');
    const values = { ...body, updatedBy: actor.id };
    const current = await findInWorkspace(db, funnels, actor.workspaceId, objective.id);
    if (!current) {
      const { record, created } = await createOnce(db, actor, funnels, 'funnel', {
        ...values,
        id: objective.id,
        workspaceId: actor.workspaceId,
      });
      // A replayed first save answers the record as it is (idempotent), like every create.
      return c.json(record, created ? 201 : 200);
    }
    const updated = await updateVersioned(
      db,
      actor,
      funnels,
      'funnel',
      current,
      expectedVersion(c.req.header('if-match'), version),
      values,
    );
    return c.json(updated, 200);
  });
