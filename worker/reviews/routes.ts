import { and, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { reviews } from '../../db/schema';
import { requireRole } from '../auth/middleware';
import { hasRole } from '../auth/roles';
import { nowIso, type Db } from '../db';
import type { Actor, AppEnv } from '../env';
import { idParam } from '../http/common';
import { badRequest, conflict, notFound } from '../http/errors';
import { valid } from '../http/validate';
import { workspaceSettings } from '../program/workspace';
import { afterNewest, decodeCursor, page } from '../records/pagination';
import { expectedVersion } from '../records/version-header';
import { findInWorkspace, updateVersioned } from '../records/versioned';
import type { ReviewFigures } from './build';
import { reviewMarkdown } from './markdown';
import { buildReviewBody, listReviewsQuery, narrativeBody, publishBody } from './schemas';
import { ensureReview } from './store';
import { emitEvent, expectEvent } from '../webhooks/events';
import { lastCompleteWeek, localTime, weekOf } from './week';

type Review = typeof reviews.$inferSelect;
/** Stakeholders (viewers) read published reviews; members and up also see the draft being prepared. */
const seesDrafts = (actor: Actor) => hasRole(actor.role, 'member');

const view = (r: Review) => ({ ...r, figures: r.figures as unknown as ReviewFigures });

async function readable(db: Db, actor: Actor, id: string) {
  const review = await findInWorkspace(db, reviews, actor.workspaceId, id);
  if (!review || (review.status === 'draft' && !seesDrafts(actor))) throw notFound('Review');
  return review;
}

function assertDraft(review: Review) {
  if (review.status === 'published')
    throw conflict('A published review is the record of that meeting and cannot change', view(review), 'published');
}

/** The weekly "numbers and narrative" review. */
export const reviewsRoutes = new Hono<AppEnv>()
  .get('/', valid('query', listReviewsQuery), async (c) => {
    const actor = c.get('actor');
    const query = c.req.valid('query');
    const rows = await c
      .get('db')
      .select({
        id: reviews.id,
        weekStart: reviews.weekStart,
        status: reviews.status,
        builtBy: reviews.builtBy,
        builtAt: reviews.builtAt,
        publishedAt: reviews.publishedAt,
        version: reviews.version,
      })
      .from(reviews)
      .where(
        and(
          eq(reviews.workspaceId, actor.workspaceId),
          seesDrafts(actor) ? undefined : eq(reviews.status, 'published'),
          afterNewest(reviews.weekStart, reviews.id, decodeCursor(query.cursor)),
        ),
      )
      .orderBy(desc(reviews.weekStart), desc(reviews.id))
      .limit(query.limit + 1);
    return c.json(page(rows, query.limit, (r) => ({ sort: r.weekStart, id: r.id })));
  })
  .post('/', requireRole('lead'), valid('json', buildReviewBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const workspace = await workspaceSettings(db, actor.workspaceId);
    const now = Date.now();
    const weekStart = c.req.valid('json').weekStart ?? lastCompleteWeek(now, workspace.timeZone);
    if (weekOf(weekStart, workspace.timeZone).weekEnd > localTime(now, workspace.timeZone).date)
      throw badRequest(`The week of ${weekStart} is not over yet; a review covers a whole week`, {
        weekStart: 'must be a week that has ended',
      });
    const { review, created } = await ensureReview(db, workspace, weekStart, actor);
    return c.json(view(review), created ? 201 : 200);
  })
  .get('/:id', valid('param', idParam), async (c) => {
    return c.json(view(await readable(c.get('db'), c.get('actor'), c.req.valid('param').id)));
  })
  .patch('/:id', requireRole('lead'), valid('param', idParam), valid('json', narrativeBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const { narrative, version } = c.req.valid('json');
    const review = await readable(db, actor, c.req.valid('param').id);
    assertDraft(review);
    const expected = expectedVersion(c.req.header('if-match'), version);
    return c.json(view(await updateVersioned(db, actor, reviews, 'review', review, expected, { narrative })));
  })
  .post('/:id/publish', requireRole('lead'), valid('param', idParam), valid('json', publishBody), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    expectEvent(c, 'review.published'); // the endpoint lookup rides with the first read
    const review = await readable(db, actor, c.req.valid('param').id);
    assertDraft(review);
    const expected = expectedVersion(c.req.header('if-match'), c.req.valid('json').version ?? review.version);
    const published = await updateVersioned(
      db,
      actor,
      reviews,
      'review',
      review,
      expected,
      { status: 'published', publishedAt: nowIso(), publishedBy: actor.id },
      { action: 'publish' },
    );
    await emitEvent(c, 'review.published', {
      review: { id: published.id, weekStart: published.weekStart, publishedAt: published.publishedAt },
      narrative: published.narrative,
      markdownPath: `/api/reviews/${published.id}/markdown`,
    });
    return c.json(view(published));
  })
  .get('/:id/markdown', valid('param', idParam), async (c) => {
    const db = c.get('db');
    const actor = c.get('actor');
    const review = await readable(db, actor, c.req.valid('param').id);
    const workspace = await workspaceSettings(db, actor.workspaceId);
    const text = reviewMarkdown({ ...review, figures: review.figures as unknown as ReviewFigures }, workspace.name);
    return c.body(text, 200, {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="hadi-review-${review.weekStart}.md"`,
    });
  });
