import { and, eq, ne } from 'drizzle-orm';
import { Hono } from 'hono';
import { cycles, hypotheses } from '../../db/schema';
import { requireRole } from '../auth/middleware';
import { newId, nowIso } from '../db';
import type { AppEnv } from '../env';
import { idParam } from '../http/common';
import { conflict } from '../http/errors';
import { valid } from '../http/validate';
import { expectedVersion } from '../records/version-header';
import { assertReferences } from '../records/references';
import { createOnce, getInWorkspace, updateVersioned } from '../records/versioned';
import { iceScore, toHypothesisView } from './domain';
import { listHypotheses } from './queries';
import { createHypothesisBody, listHypothesesQuery, updateHypothesisBody } from './schemas';

export const hypothesesRoutes = new Hono<AppEnv>()
  .get('/', valid('query', listHypothesesQuery), async (c) => {
    return c.json(await listHypotheses(c.get('db'), c.get('actor').workspaceId, c.req.valid('query')));
  })
  .get('/:id', valid('param', idParam), async (c) => {
    const h = await getInWorkspace(
      c.get('db'),
      hypotheses,
      c.get('actor').workspaceId,
      c.req.valid('param').id,
      'Hypothesis',
    );
    return c.json(toHypothesisView(h));
  })
  .post('/', requireRole('member'), valid('json', createHypothesisBody), async (c) => {
    const { id, ...body } = c.req.valid('json');
    const db = c.get('db');
    const actor = c.get('actor');
    const references = assertReferences(db, actor.workspaceId, body);
    const values = {
      ...body,
      id: id ?? newId(),
      workspaceId: actor.workspaceId,
      authorId: actor.id,
      iceScore: iceScore(body),
    };
    const { record, created } = await createOnce(db, actor, hypotheses, 'hypothesis', values, [], references);
    return c.json(toHypothesisView(record), created ? 201 : 200);
  })
  .patch('/:id', requireRole('member'), valid('param', idParam), valid('json', updateHypothesisBody), async (c) => {
    const { version, ...patch } = c.req.valid('json');
    const db = c.get('db');
    const actor = c.get('actor');
    const [current] = await Promise.all([
      getInWorkspace(db, hypotheses, actor.workspaceId, c.req.valid('param').id, 'Hypothesis'),
      assertReferences(db, actor.workspaceId, patch),
    ]);
    const expected = expectedVersion(c.req.header('if-match'), version);
    if (
      patch.status &&
      ['testing', 'validated', 'invalidated'].includes(current.status) &&
      current.status !== patch.status
    ) {
      throw conflict(
        `This hypothesis is ${current.status}; its status follows its cycles`,
        toHypothesisView(current),
        'illegal_transition',
      );
    }
    const next = { ...current, ...patch };
    const updated = await updateVersioned(db, actor, hypotheses, 'hypothesis', current, expected, {
      ...patch,
      iceScore: iceScore(next),
    });
    return c.json(toHypothesisView(updated));
  })
  .delete('/:id', requireRole('member'), valid('param', idParam), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const current = await getInWorkspace(db, hypotheses, actor.workspaceId, c.req.valid('param').id, 'Hypothesis');
    const expected = expectedVersion(c.req.header('if-match'), current.version);
    const [cycle] = await db
      .select({ id: cycles.id })
      .from(cycles)
      .where(and(eq(cycles.hypothesisId, current.id), ne(cycles.status, 'aborted')))
      .limit(1);
    if (cycle)
      throw conflict(
        'This hypothesis has been tested; park it instead of deleting it',
        toHypothesisView(current),
        'has_cycles',
      );
    await updateVersioned(
      db,
      actor,
      hypotheses,
      'hypothesis',
      current,
      expected,
      { deletedAt: nowIso() },
      { action: 'delete' },
    );
    return c.body(null, 204);
  });
