import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { cycles, hypotheses, objectives, snapshots } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { requireRole } from '../auth/middleware';
import { newId, nowIso } from '../db';
import type { AppEnv } from '../env';
import { idParam } from '../http/common';
import { badRequest, conflict, forbidden } from '../http/errors';
import { valid } from '../http/validate';
import { afterNewest, decodeCursor, page } from '../records/pagination';
import { assertMetrics, assertReferences } from '../records/references';
import { expectedVersion } from '../records/version-header';
import { createOnce, getInWorkspace, updateVersioned } from '../records/versioned';
import { cycleWithAnalysis, ruleOf } from './analysis';
import { closeCycle } from './close';
import { classifyEdit, launchNeedsAdmin } from './lifecycle';
import {
  abortBody,
  actionBody,
  closeBody,
  createCycleBody,
  replaceSnapshotBody,
  snapshotVersionQuery,
  listCyclesQuery,
  snapshotsBody,
  updateCycleBody,
} from './schemas';
import { deleteSnapshot, replaceSnapshot, snapshotOf } from './corrections';
import { addSnapshots } from './snapshots';
import { assertMove } from './moves';
import type { DecisionRule } from '../rules/schema';
import { anyoneListens, cycleData, emitEvent, expectEvent } from '../webhooks/events';
import { emitNewBreaches, watchGuardrails } from '../webhooks/guardrails';
const snapshotParam = idParam.extend({ snapshotId: z.string().min(1).max(64) });

const ruleMetrics = (rule: DecisionRule | null | undefined, secondary: string[] = []) => [
  ...(rule ? [{ field: 'decisionRule.primaryMetricId', id: rule.primaryMetricId }] : []),
  ...(rule?.guardrails ?? []).map((g, i) => ({ field: `decisionRule.guardrails.${i}.metricId`, id: g.metricId })),
  ...secondary.map((id, i) => ({ field: `secondaryMetricIds.${i}`, id })),
];

export const cyclesRoutes = new Hono<AppEnv>()
  .get('/', valid('query', listCyclesQuery), async (c) => {
    const query = c.req.valid('query');
    const cursor = decodeCursor(query.cursor);
    const filters: (SQL | undefined)[] = [
      eq(cycles.workspaceId, c.get('actor').workspaceId),
      query.status ? eq(cycles.status, query.status) : undefined,
      query.hypothesisId ? eq(cycles.hypothesisId, query.hypothesisId) : undefined,
      query.objectiveId ? eq(cycles.objectiveId, query.objectiveId) : undefined,
      afterNewest(cycles.updatedAt, cycles.id, cursor),
    ];
    const rows = await c
      .get('db')
      .select()
      .from(cycles)
      .where(and(...filters))
      .orderBy(desc(cycles.updatedAt), desc(cycles.id))
      .limit(query.limit + 1);
    return c.json(page(rows, query.limit, (row) => ({ sort: row.updatedAt, id: row.id })));
  })
  .get('/:id', valid('param', idParam), async (c) => {
    return c.json(
      await getInWorkspace(c.get('db'), cycles, c.get('actor').workspaceId, c.req.valid('param').id, 'Cycle'),
    );
  })
  .post('/', requireRole('member'), valid('json', createCycleBody), async (c) => {
    const { id, ...body } = c.req.valid('json');
    const db = c.get('db');
    const actor = c.get('actor');
    const [hypothesis] = await Promise.all([
      getInWorkspace(db, hypotheses, actor.workspaceId, body.hypothesisId, 'Hypothesis').catch(() => {
        throw badRequest('Unknown hypothesis', { hypothesisId: 'no such hypothesis in this workspace' });
      }),
      assertReferences(db, actor.workspaceId, { objectiveId: body.objectiveId }),
      assertMetrics(db, actor.workspaceId, ruleMetrics(body.decisionRule, body.secondaryMetricIds)),
    ]);
    const values = {
      ...body,
      // A test serves the objective its idea serves unless the design says otherwise (issue 8: objectives).
      objectiveId: body.objectiveId === undefined ? hypothesis.objectiveId : body.objectiveId,
      id: id ?? newId(),
      workspaceId: actor.workspaceId,
      createdBy: actor.id,
      primaryMetricId: body.decisionRule?.primaryMetricId ?? null,
      minDays: body.minDays ?? body.decisionRule?.minDays ?? 7,
    };
    const { record, created } = await createOnce(db, actor, cycles, 'cycle', values);
    return c.json(record, created ? 201 : 200);
  })
  .patch('/:id', requireRole('member'), valid('param', idParam), valid('json', updateCycleBody), async (c) => {
    const { version, ...patch } = c.req.valid('json');
    const db = c.get('db');
    const actor = c.get('actor');
    const [current] = await Promise.all([
      getInWorkspace(db, cycles, actor.workspaceId, c.req.valid('param').id, 'Cycle'),
      assertReferences(db, actor.workspaceId, { objectiveId: patch.objectiveId }),
      assertMetrics(db, actor.workspaceId, ruleMetrics(patch.decisionRule, patch.secondaryMetricIds)),
    ]);
    assertMove(current, classifyEdit(patch));
    const derived =
      patch.decisionRule !== undefined ? { primaryMetricId: patch.decisionRule?.primaryMetricId ?? null } : {};
    return c.json(
      await updateVersioned(db, actor, cycles, 'cycle', current, expectedVersion(c.req.header('if-match'), version), {
        ...patch,
        ...derived,
      }),
    );
  })
  .post('/:id/launch', requireRole('lead'), valid('param', idParam), valid('json', actionBody), async (c) => {
    expectEvent(c, 'cycle.launched'); // the endpoint lookup rides with the first read
    const db = c.get('db');
    const actor = c.get('actor');
    const cycle = await getInWorkspace(db, cycles, actor.workspaceId, c.req.valid('param').id, 'Cycle');
    assertMove(cycle, 'launch');
    const rule = ruleOf(cycle);
    if (!rule)
      throw conflict(
        'Write the decision rule before launch: it is what the result will be judged by',
        cycle,
        'no_rule',
      );
    if (cycle.objectiveId) {
      const objective = await getInWorkspace(db, objectives, actor.workspaceId, cycle.objectiveId, 'Objective');
      if (launchNeedsAdmin(cycle.budget, objective.approvalThreshold, actor.role)) {
        throw forbidden(
          `The budget (${cycle.budget}) is above the objective's approval threshold (${objective.approvalThreshold}); an admin must launch it`,
        );
      }
    }
    const launchedAt = nowIso();
    const launched = await updateVersioned(
      db,
      actor,
      cycles,
      'cycle',
      cycle,
      expectedVersion(c.req.header('if-match'), c.req.valid('json').version ?? cycle.version),
      {
        status: 'running',
        launchedAt,
        launchedBy: actor.id,
        ruleLockedAt: launchedAt,
        plannedSampleSize: cycle.plannedSampleSize ?? rule.plannedSampleSizePerVariant ?? null,
      },
      {
        action: 'launch',
        extra: [
          db
            .update(hypotheses)
            .set({ status: 'testing', version: sql`${hypotheses.version} + 1`, updatedAt: launchedAt })
            .where(eq(hypotheses.id, cycle.hypothesisId)),
          auditInsert(db, actor, {
            action: 'update',
            entity: 'hypothesis',
            entityId: cycle.hypothesisId,
            after: { status: 'testing' },
          }),
        ],
      },
    );
    await emitEvent(c, 'cycle.launched', { cycle: cycleData(launched) });
    return c.json(launched);
  })
  .post('/:id/review', requireRole('lead'), valid('param', idParam), valid('json', actionBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const cycle = await getInWorkspace(db, cycles, actor.workspaceId, c.req.valid('param').id, 'Cycle');
    assertMove(cycle, 'review');
    const expected = expectedVersion(c.req.header('if-match'), c.req.valid('json').version ?? cycle.version);
    return c.json(
      await updateVersioned(db, actor, cycles, 'cycle', cycle, expected, { status: 'review' }, { action: 'review' }),
    );
  })
  .post('/:id/abort', requireRole('lead'), valid('param', idParam), valid('json', abortBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const { reason, version } = c.req.valid('json');
    const cycle = await getInWorkspace(db, cycles, actor.workspaceId, c.req.valid('param').id, 'Cycle');
    assertMove(cycle, 'abort');
    const now = nowIso();
    const revive =
      cycle.status === 'draft'
        ? []
        : [
            db
              .update(hypotheses)
              .set({ status: 'backlog', version: sql`${hypotheses.version} + 1`, updatedAt: now })
              .where(and(eq(hypotheses.id, cycle.hypothesisId), eq(hypotheses.status, 'testing'))),
          ];
    const expected = expectedVersion(c.req.header('if-match'), version ?? cycle.version);
    return c.json(
      await updateVersioned(
        db,
        actor,
        cycles,
        'cycle',
        cycle,
        expected,
        { status: 'aborted', abortReason: reason, closedAt: now, closedBy: actor.id },
        { action: 'abort', extra: revive },
      ),
    );
  })
  .post('/:id/close', requireRole('lead'), valid('param', idParam), valid('json', closeBody), async (c) => {
    expectEvent(c, 'cycle.closed'); // the endpoint lookup rides with the first read
    const db = c.get('db');
    const actor = c.get('actor');
    const body = c.req.valid('json');
    const cycle = await getInWorkspace(db, cycles, actor.workspaceId, c.req.valid('param').id, 'Cycle');
    assertMove(cycle, 'close');
    const result = await closeCycle(
      db,
      actor,
      cycle,
      body,
      expectedVersion(c.req.header('if-match'), body.version ?? cycle.version),
    );
    const { learning } = result;
    await emitEvent(c, 'cycle.closed', {
      cycle: cycleData(result.cycle),
      learning: { id: learning.id, title: learning.title, summary: learning.summary, verdict: learning.verdict },
    });
    return c.json(result);
  })
  .get('/:id/analysis', valid('param', idParam), async (c) => {
    const { cycle, analysis } = await cycleWithAnalysis(
      c.get('db'),
      c.get('actor').workspaceId,
      c.req.valid('param').id,
    );
    return c.json({ cycleId: cycle.id, status: cycle.status, ...analysis });
  })
  .get('/:id/snapshots', valid('param', idParam), async (c) => {
    const db = c.get('db');
    const { workspaceId } = c.get('actor');
    const cycleId = c.req.valid('param').id;
    const [, items] = await Promise.all([
      getInWorkspace(db, cycles, workspaceId, cycleId, 'Cycle'),
      db
        .select()
        .from(snapshots)
        .where(and(eq(snapshots.cycleId, cycleId), eq(snapshots.workspaceId, workspaceId)))
        .orderBy(asc(snapshots.date), asc(snapshots.metricId), asc(snapshots.variantKey)),
    ]);
    return c.json({ items, nextCursor: null });
  })
  .post('/:id/snapshots', requireRole('member'), valid('param', idParam), valid('json', snapshotsBody), async (c) => {
    // Whether anyone listens for breaches is asked in the same round trip as the reads results need.
    const listening = anyoneListens(c, 'cycle.guardrail_breached');
    const { answer, written } = await addSnapshots(
      c.get('db'),
      c.get('actor'),
      c.req.valid('param').id,
      c.req.valid('json'),
    );
    if (await listening) await emitNewBreaches(c, written);
    const result = answer;
    return c.json(result, result.created > 0 ? 201 : 200);
  })
  /** Corrects one day's numbers while the cycle is open (409 once it is closed or if someone corrected it first). */
  .put(
    '/:id/snapshots/:snapshotId',
    requireRole('member'),
    valid('param', snapshotParam),
    valid('json', replaceSnapshotBody),
    async (c) => {
      const db = c.get('db');
      const actor = c.get('actor');
      const { id, snapshotId } = c.req.valid('param');
      const { version, ...numbers } = c.req.valid('json');
      const cycle = await getInWorkspace(db, cycles, actor.workspaceId, id, 'Cycle');
      assertMove(cycle, 'add_results');
      const snapshot = await snapshotOf(db, cycle, snapshotId);
      const expected = expectedVersion(c.req.header('if-match'), version);
      return c.json(await watchGuardrails(c, cycle, () => replaceSnapshot(db, actor, snapshot, numbers, expected)));
    },
  )
  /** Deletes a wrong result while the cycle is open; `If-Match` or `?version=` makes it a compare-and-swap. */
  .delete(
    '/:id/snapshots/:snapshotId',
    requireRole('member'),
    valid('param', snapshotParam),
    valid('query', snapshotVersionQuery),
    async (c) => {
      const db = c.get('db');
      const actor = c.get('actor');
      const { id, snapshotId } = c.req.valid('param');
      const cycle = await getInWorkspace(db, cycles, actor.workspaceId, id, 'Cycle');
      assertMove(cycle, 'add_results');
      const snapshot = await snapshotOf(db, cycle, snapshotId);
      const asked = c.req.header('if-match') ?? c.req.valid('query').version;
      await deleteSnapshot(
        db,
        actor,
        snapshot,
        asked === undefined ? undefined : expectedVersion(String(asked), asked),
      );
      return c.body(null, 204);
    },
  );
