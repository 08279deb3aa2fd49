import { workspaces } from '../../db/schema';
import type { Db } from '../db';
import { isTimeZone, lastCompleteWeek, localTime, REVIEW_HOUR, weekOf } from './week';
import { ensureReview, SCHEDULE } from './store';

/**
 * The Cron Trigger (hourly): for every workspace whose local clock has passed Monday 06:00, make sure last
 * week's review exists. Hourly runs catch every time zone's Monday morning and catch up after a missed run;
 * ensureReview makes repeats harmless. Workspaces created after the week ended have nothing to review.
 */
export async function runScheduledReviews(db: Db, now: number) {
  const rows = await db.select().from(workspaces);
  const built: { workspaceId: string; weekStart: string; reviewId: string }[] = [];
  for (const w of rows) {
    const timeZone = isTimeZone(w.timeZone) ? w.timeZone : 'UTC';
    const local = localTime(now, timeZone);
    if (local.weekday === 0 && local.hour < REVIEW_HOUR) continue;
    const weekStart = lastCompleteWeek(now, timeZone);
    if (w.createdAt >= weekOf(weekStart, timeZone).to) continue;
    const { review, created } = await ensureReview(
      db,
      { id: w.id, timeZone, currency: w.currency },
      weekStart,
      SCHEDULE,
    );
    if (created) built.push({ workspaceId: w.id, weekStart, reviewId: review.id });
  }
  return built;
}
