import { Hono } from 'hono';
import { objectives } from '../../db/schema';
import type { AppEnv } from '../env';
import { valid } from '../http/validate';
import { getInWorkspace } from '../records/versioned';
import { addDays, localMidnight, localTime, mondayOf } from '../reviews/week';
import { storeAnalysis } from '../cycles/analysis';
import { executionOf } from '../d1/request';
import { programView } from './queries';
import { programQuery } from './schemas';

/** Twelve weeks up to today unless the caller picks a window. */
const DEFAULT_WEEKS = 12;

/** The program view: is the testing program as a whole moving? Read by every role. */
export const programRoutes = new Hono<AppEnv>().get('/', valid('query', programQuery), async (c) => {
  const db = c.get('db');
  const { workspaceId } = c.get('actor');
  const query = c.req.valid('query');
  const { timeZone } = c.get('actor');
  const now = Date.now();
  const today = localTime(now, timeZone).date;
  const toDate = query.to ?? today;
  const fromDate = query.from ?? addDays(mondayOf(toDate), -7 * (DEFAULT_WEEKS - 1));
  if (fromDate > toDate) programQuery.parse({ from: fromDate, to: toDate }); // throws: a 400 naming `from`
  const window = {
    fromDate,
    toDate,
    from: new Date(localMidnight(fromDate, timeZone)).toISOString(),
    to: new Date(localMidnight(addDays(toDate, 1), timeZone)).toISOString(),
  };
  // Every read goes out together: one round trip (the objective check included).
  const [, { view, computed }] = await Promise.all([
    query.objectiveId && getInWorkspace(db, objectives, workspaceId, query.objectiveId, 'Objective'),
    programView(
      db,
      { workspaceId, objectiveId: query.objectiveId },
      window,
      { instant: now, lastDate: today },
      timeZone,
    ),
  ]);
  // Analyses computed for this view are stored after the answer, so the next view reads them (one round trip).
  if (computed.length > 0) {
    const store = db.batch(
      computed.map(({ cycle, revision, analysis }) => storeAnalysis(db, cycle, revision, analysis)) as [
        ReturnType<typeof storeAnalysis>,
      ],
    );
    const ctx = executionOf(c);
    if (ctx) ctx.waitUntil(store.catch((err) => console.error('storing analyses', err)));
    else await store;
  }
  return c.json(view);
});
