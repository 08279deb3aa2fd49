import { sql } from 'drizzle-orm';
import { rateLimits } from '../../db/schema';
import type { Db } from '../db';
import { ApiError } from '../http/errors';

export const LOGIN_LIMIT = { attempts: 10, windowSeconds: 15 * 60 };

/**
 * Fixed-window counter in D1, one upsert per check. Counts every attempt, so a correct password after
 * the limit is refused too: that is what makes guessing expensive.
 */
export async function checkRateLimit(db: Db, key: string, limit = LOGIN_LIMIT) {
  const now = Math.floor(Date.now() / 1000);
  const windowStart = now - (now % limit.windowSeconds);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStart} = ${windowStart} THEN ${rateLimits.count} + 1 ELSE 1 END`,
        windowStart,
      },
    })
    .returning();
  if (row && row.count > limit.attempts) {
    const retryAfter = windowStart + limit.windowSeconds - now;
    throw new ApiError(
      429,
      'rate_limited',
      `Too many sign-in attempts; try again in ${Math.ceil(retryAfter / 60)} minutes`,
      {
        headers: { 'Retry-After': String(retryAfter) },
      },
    );
  }
}
