import { and, eq } from 'drizzle-orm';
import { cycles, insightCitations, insights, reviews, workspaces } from '../../db/schema';
import { newId, type Db } from '../../worker/db';
import { ensureReview, SCHEDULE } from '../../worker/reviews/store';
import { addDays, lastCompleteWeek } from '../../worker/reviews/week';

/**
 * Demo data for the operating rhythm (issue 12): an insight citing the demo's closed tests, last week's review
 * as a draft waiting for the lead's narrative, and the week before published, as after a Monday meeting.
 */
export async function seedRhythm(db: Db, workspaceId: string, leadId: string, now: number) {
  const closed = await db
    .select()
    .from(cycles)
    .where(and(eq(cycles.workspaceId, workspaceId), eq(cycles.status, 'closed')));
  const insightId = newId();
  const at = new Date(now - 3 * 86_400_000).toISOString();
  await db.insert(insights).values({
    id: insightId,
    workspaceId,
    title: 'Removing purchase friction lifts first orders',
    claim: 'Offers and pages that make the first order cheaper or easier raise conversion more than new creative does.',
    lever: 'offer',
    tags: ['shipping', 'offer'],
    createdBy: leadId,
    publishedAt: at,
    createdAt: at,
    updatedAt: at,
  });
  for (const c of closed)
    await db.insert(insightCitations).values({
      id: newId(),
      workspaceId,
      insightId,
      cycleId: c.id,
      stance: c.decision === 'ship' ? 'supports' : 'contradicts',
      note: c.decision === 'ship' ? null : 'Not a friction change: tells us where the lift does not come from',
      createdBy: leadId,
      createdAt: at,
    });
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  const settings = { id: workspaceId, timeZone: workspace!.timeZone, currency: workspace!.currency };
  const lastWeek = lastCompleteWeek(now, settings.timeZone);
  const before = await ensureReview(db, settings, addDays(lastWeek, -7), SCHEDULE);
  await db
    .update(reviews)
    .set({
      status: 'published',
      narrative:
        'What changed: the free-shipping banner kept its lift at flat CPA, so we shipped it to all search traffic.\nWhat we do next: fix the split on the retargeting test before reading it, and test the 10% code on cart abandoners.',
      publishedAt: new Date(now - 6 * 86_400_000).toISOString(),
      publishedBy: leadId,
      version: 3,
    })
    .where(eq(reviews.id, before.review.id));
  await ensureReview(db, settings, lastWeek, SCHEDULE);
}
