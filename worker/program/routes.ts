import { Hono } from 'hono';
import { objectives } from '../../db/schema';
import type { AppEnv } from '../env';
import { valid } from '../http/validate';
import { storedJson } from '../http/spliced-json';
import { getInWorkspace } from '../records/versioned';
import { addDays, localMidnight, localTime, mondayOf } from '../reviews/week';
import { storeAnalysis } from '../cycles/analysis';
import { executionOf } from '../d1/request';
import { programView } from './queries';
import { storedProgramView, storeProgramView, workspaceRevision } from './stored';

type ProgramView = Awaited<ReturnType<typeof programView>>['view'];
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
  const key = { from: fromDate, to: toDate, objectiveId: query.objectiveId, today, timeZone };
  // The objective check and the stored view share one round trip; a stored view that holds is the answer.
  const [, stored] = await Promise.all([
    query.objectiveId && getInWorkspace(db, objectives, workspaceId, query.objectiveId, 'Objective'),
    storedProgramView(db, workspaceId, key),
  ]);
  if (stored) return storedJson<ProgramView>(c, stored);
  const [{ view, computed }, revision] = await Promise.all([
    programView(
      db,
      { workspaceId, objectiveId: query.objectiveId },
      window,
      { instant: now, lastDate: today },
      timeZone,
    ),
    workspaceRevision(db, workspaceId),
  ]);
  // Stored after the answer, with the revision its data was read at (same batch): the next view is one read.
  const store = db.batch([
    ...storeProgramView(db, workspaceId, key, revision, JSON.stringify(view)),
    ...computed.map(({ cycle, revision, analysis }) => storeAnalysis(db, cycle, revision, analysis)),
  ]);
  const ctx = executionOf(c);
  if (ctx) ctx.waitUntil(store.catch((err) => console.error('storing the program view', err)));
  else await store;
  return c.json(view);
});
