import { Hono } from 'hono';
import { comments } from '../../db/schema';
import { newId, nowIso } from '../db';
import type { AppEnv } from '../env';
import { idParam } from '../http/common';
import { conflict, forbidden } from '../http/errors';
import { valid } from '../http/validate';
import { expectedVersion } from '../records/version-header';
import { createOnce, getInWorkspace, updateVersioned } from '../records/versioned';
import { listThread, noticeInserts, noticesFor, viewComment } from './queries';
import { createCommentBody, EDIT_WINDOW_MS, listCommentsQuery, updateCommentBody } from './schemas';
import { assertTarget } from './targets';
import { expectEvent } from '../webhooks/events';
import { emitMentions, mentionsIn } from '../webhooks/mentions';

/**
 * Every role may comment, viewers (stakeholders) included: asking "why did we stop this?" where the test lives
 * is the point, and a comment changes no record. Closed cycles stay open for discussion for the same reason.
 */
export const commentsRoutes = new Hono<AppEnv>()
  .get('/', valid('query', listCommentsQuery), async (c) => {
    const q = c.req.valid('query');
    const db = c.get('db');
    const { workspaceId } = c.get('actor');
    const [, thread] = await Promise.all([
      assertTarget(db, workspaceId, q.targetType, q.targetId),
      listThread(db, workspaceId, q),
    ]);
    return c.json(thread);
  })
  .post('/', valid('json', createCommentBody), async (c) => {
    const { id, ...body } = c.req.valid('json');
    const db = c.get('db');
    const actor = c.get('actor');
    const values = { ...body, id: id ?? newId(), workspaceId: actor.workspaceId, authorId: actor.id };
    // The target check, the mentions and endpoint lookups and the replay lookup share one round trip.
    expectEvent(c, 'comment.mentioned');
    const target = assertTarget(db, actor.workspaceId, body.targetType, body.targetId);
    const notices = noticesFor(db, values);
    const extra = notices.then((found) => noticeInserts(db, actor.workspaceId, values.id, found));
    const { record, created } = await createOnce(db, actor, comments, 'comment', values, extra, target);
    const view = (await viewComment(db, actor.workspaceId, record.id))!;
    if (created) await emitMentions(c, view, mentionsIn(await notices));
    return c.json(view, created ? 201 : 200);
  })
  .patch('/:id', valid('param', idParam), valid('json', updateCommentBody), async (c) => {
    const { version, body } = c.req.valid('json');
    const db = c.get('db');
    const actor = c.get('actor');
    const current = await getInWorkspace(db, comments, actor.workspaceId, c.req.valid('param').id, 'Comment');
    if (current.authorId !== actor.id) throw forbidden('Only its author can edit a comment');
    if (Date.now() - Date.parse(current.createdAt) > EDIT_WINDOW_MS)
      throw conflict(
        'Comments can be edited for 15 minutes after posting; add a new one instead',
        current,
        'edit_window_closed',
      );
    const expected = expectedVersion(c.req.header('if-match'), version);
    // Someone newly mentioned in the edit hears about it; nobody is told twice.
    const notices = await noticesFor(db, { ...current, body }, false);
    const extra = noticeInserts(db, actor.workspaceId, current.id, notices);
    const earlier = new Set(mentionsIn(await noticesFor(db, current, false)));
    await updateVersioned(db, actor, comments, 'comment', current, expected, { body }, { extra });
    const view = (await viewComment(db, actor.workspaceId, current.id))!;
    await emitMentions(
      c,
      view,
      mentionsIn(notices).filter((id) => !earlier.has(id)),
    );
    return c.json(view);
  })
  .delete('/:id', valid('param', idParam), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const current = await getInWorkspace(db, comments, actor.workspaceId, c.req.valid('param').id, 'Comment');
    if (current.authorId !== actor.id && actor.role !== 'admin')
      throw forbidden('Only its author or an admin can delete a comment');
    const expected = expectedVersion(c.req.header('if-match'), current.version);
    await updateVersioned(
      db,
      actor,
      comments,
      'comment',
      current,
      expected,
      { deletedAt: nowIso() },
      { action: 'delete' },
    );
    return c.body(null, 204);
  });
