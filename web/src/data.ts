import { openDB, type IDBPDatabase } from 'idb';
import { batch, createSignal } from 'solid-js';
import {
  actIn,
  api,
  auth,
  call,
  HttpError,
  NetworkError,
  type Channel,
  type Cycle,
  type Hypothesis,
  type Learning,
  type Me,
  type Metric,
  WORKSPACE_HEADER,
} from './api';
import { afterEarlyReads } from './early';
import { expectedValueOf } from './money/expected-value';
import { MemoryStore, Outbox, type Op, type OpStore } from './sync/outbox';

/**
 * Local-first data: the last-synced backlog, cycles, learnings and catalog live in IndexedDB (so the app shows
 * them offline), writes go through the outbox, and form drafts are persisted as they are typed.
 */
type Db = IDBPDatabase;
let dbPromise: Promise<Db | null> | null = null;
function db(): Promise<Db | null> {
  dbPromise ??= openDB('hadi', 1, {
    upgrade(d) {
      d.createObjectStore('kv');
      d.createObjectStore('outbox', { keyPath: 'seq' });
      d.createObjectStore('drafts');
    },
  }).catch(() => null);
  return dbPromise;
}

export async function kvGet<T>(key: string): Promise<T | undefined> {
  return (await (await db())?.get('kv', key)) as T | undefined;
}
export async function kvSet(key: string, value: unknown) {
  await (await db())?.put('kv', structuredClone(value), key);
}

/**
 * Per-workspace storage: every cached list and draft lives under its workspace's id, so switching shows the
 * other workspace's last-synced data and never mixes the two. (`me` and the workspace list are the person's.)
 */
const scoped = (key: string, ws = me()?.workspaceId) => (ws ? `ws:${ws}:${key}` : key);

const memory = new MemoryStore();
const idbStore: OpStore = {
  async all() {
    const d = await db();
    return d ? ((await d.getAll('outbox')) as Op[]) : memory.all();
  },
  async put(op) {
    const d = await db();
    if (d) await d.put('outbox', structuredClone(op));
    else await memory.put(op);
  },
  async delete(seq) {
    const d = await db();
    if (d) await d.delete('outbox', seq);
    else await memory.delete(seq);
  },
};

// ---- signals -------------------------------------------------------------------------------------------
export const [me, setMe] = createSignal<Me | null | undefined>(undefined);
export const [hypothesesCache, setHypothesesCache] = createSignal<Hypothesis[]>([]);
export const [cycles, setCycles] = createSignal<Cycle[]>([]);
export const [learnings, setLearnings] = createSignal<Learning[]>([]);
export const [channels, setChannels] = createSignal<Channel[]>([]);
export const [metrics, setMetrics] = createSignal<Metric[]>([]);
/** The outbox of the workspace on screen; `allOps` holds every workspace's (the switcher shows what waits where). */
export const [ops, setOps] = createSignal<Op[]>([]);
export const [allOps, setAllOps] = createSignal<Op[]>([]);
export const [online, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine);
export const [syncing, setSyncing] = createSignal(false);
export const [lastSynced, setLastSynced] = createSignal<string | null>(null);

/**
 * Hypotheses as the user should see them: server copy plus queued creates and edits. The derived objects are cached
 * by their source, so a list re-render after a sync reuses the cards of unchanged ideas instead of rebuilding all.
 */
type Shown = Hypothesis & { pending?: boolean; conflict?: boolean };
const shownCache = new WeakMap<Hypothesis, Shown>();
const withScore = (h: Hypothesis): Shown => {
  const cached = shownCache.get(h);
  if (cached) return cached;
  const shown = { ...h, iceScore: ice(h) };
  shownCache.set(h, shown);
  return shown;
};
export function hypotheses(): Shown[] {
  const byId = new Map<string, Shown>(hypothesesCache().map((h) => [h.id, withScore(h)]));
  for (const op of ops()) {
    if (op.kind === 'hypothesis.create') {
      const h = { ...localHypothesis(op.entityId), ...(op.body as Partial<Hypothesis>), pending: true };
      byId.set(op.entityId, { ...h, iceScore: ice(h) });
    } else if (op.kind === 'hypothesis.update') {
      const base = byId.get(op.entityId);
      if (base) {
        const h = {
          ...base,
          ...(op.body as Partial<Hypothesis>),
          pending: op.state === 'pending',
          conflict: op.state === 'conflict',
        };
        byId.set(op.entityId, { ...h, iceScore: ice(h) });
      }
    }
  }
  return [...byId.values()];
}

/** A fresh list from the server, keeping the old object of every record whose version did not change. */
function keepUnchanged<T extends { id: string; version?: number; updatedAt?: string }>(
  old: T[],
  fresh: T[],
  alsoSame: (a: T, b: T) => boolean = () => true,
): T[] {
  const before = new Map(old.map((r) => [r.id, r]));
  return fresh.map((r) => {
    const o = before.get(r.id);
    return o && o.version === r.version && o.updatedAt === r.updatedAt && alsoSame(o, r) ? o : r;
  });
}

/** A hypothesis's expected value follows its objective's funnel, which changes without touching the hypothesis. */
const sameValue = (a: Hypothesis, b: Hypothesis) =>
  JSON.stringify(expectedValueOf(a)) === JSON.stringify(expectedValueOf(b));

const ice = (h: Pick<Hypothesis, 'impact' | 'confidence' | 'ease'>) =>
  h.impact == null || h.confidence == null || h.ease == null
    ? null
    : Math.round(((h.impact + h.confidence + h.ease) / 3) * 10) / 10;

function localHypothesis(id: string): Hypothesis {
  const now = new Date().toISOString();
  return {
    id,
    workspaceId: me()?.workspaceId ?? '',
    title: '',
    change: null,
    audience: null,
    channelId: null,
    metricId: null,
    move: null,
    expectedImpact: null,
    rationale: null,
    lever: null,
    funnelStage: null,
    impact: null,
    confidence: null,
    ease: null,
    iceScore: null,
    tags: [],
    objectiveId: null,
    parentCycleId: null,
    status: 'backlog',
    authorId: me()?.memberId ?? '',
    version: 1,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    incomplete: [],
  } as unknown as Hypothesis;
}

// ---- outbox ---------------------------------------------------------------------------------------------
const SEND_TIMEOUT_MS = 30_000;

/**
 * Sends one op into the workspace it was written in (the X-Hadi-Workspace header), whichever workspace is on
 * screen now: the server acts there only if the person is still an active member, otherwise it refuses (403).
 */
async function send(op: Op): Promise<unknown> {
  // A request the proxy never answers must not hold the queue forever: it ends as a network failure, and is retried.
  const options = {
    ...(op.workspaceId ? { headers: { [WORKSPACE_HEADER]: op.workspaceId } } : {}),
    init: { signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
  };
  switch (op.kind) {
    case 'hypothesis.create':
      return call(api.hypotheses.$post({ json: { ...(op.body as { title: string }), id: op.entityId } }, options));
    case 'hypothesis.update':
      return call(
        api.hypotheses[':id'].$patch(
          {
            param: { id: op.entityId },
            json: { ...op.body, ...(op.baseVersion ? { version: op.baseVersion } : {}) },
          },
          options,
        ),
      );
    case 'snapshot.create':
      return call(
        api.cycles[':id'].snapshots.$post(
          {
            param: { id: op.parentId ?? '' },
            json: {
              ...(op.body as { metricId: string; variantKey: string; date: string; units: number }),
              id: op.entityId,
            },
          },
          options,
        ),
      );
    case 'snapshot.replace':
      return call(
        api.cycles[':id'].snapshots[':snapshotId'].$put(
          {
            param: { id: op.parentId ?? '', snapshotId: op.entityId },
            json: { ...(op.body as { units: number }), version: op.baseVersion ?? 1 },
          },
          options,
        ),
      );
    case 'snapshot.delete':
      return call(
        api.cycles[':id'].snapshots[':snapshotId'].$delete(
          {
            param: { id: op.parentId ?? '', snapshotId: op.entityId },
            query: { version: String(op.baseVersion ?? 1) },
          },
          options,
        ),
      );
    case 'comment.create':
      return call(api.comments.$post({ json: { ...(op.body as CommentBody), id: op.entityId } }, options));
  }
}

export type CommentBody = Omit<Parameters<typeof api.comments.$post>[0]['json'], 'id'>;
/** A comment goes through the outbox: shown at once as pending, sent exactly once (its id makes replays harmless). */
export const queueComment = (body: CommentBody) =>
  write({ kind: 'comment.create', entityId: crypto.randomUUID(), body });

/** When a queued result write reached the server (the test screen re-reads its results and analysis then). */
const [resultsSentAt, setResultsSentAt] = createSignal(0);
export { resultsSentAt };

async function applied(op: Op, record: unknown) {
  if (op.kind.startsWith('snapshot.')) return void setResultsSentAt(Date.now());
  if (op.kind === 'comment.create') return;
  const h = record as Hypothesis;
  const here = (op.workspaceId ?? null) === (me()?.workspaceId ?? null);
  const cached = here ? hypothesesCache() : ((await kvGet<Hypothesis[]>(scoped('hypotheses', op.workspaceId))) ?? []);
  const next = [...cached.filter((x) => x.id !== h.id), h];
  if (here) setHypothesesCache(next);
  await kvSet(scoped('hypotheses', op.workspaceId), next);
}

export const outbox = new Outbox(idbStore, send, applied);

let opsReads = 0;
async function reloadOps() {
  const read = ++opsReads;
  const all = await outbox.list();
  // Reads of IndexedDB may finish out of order: an older, slower one must not show the ops as they were before.
  if (read !== opsReads) return;
  const ws = me()?.workspaceId ?? null;
  setAllOps(all);
  setOps(all.filter((op) => (op.workspaceId ?? null) === ws));
}

type OpInput = Omit<Parameters<Outbox['enqueue']>[0], 'workspaceId'>;

/** Queue a write into the workspace on screen, show it at once, and try to send it. */
export async function write(input: OpInput) {
  await enqueueHere(input);
  void sync();
}

/** Queues a write into the workspace on screen and shows it. */
async function enqueueHere(input: OpInput) {
  const ws = me()?.workspaceId;
  await outbox.enqueue({ ...input, ...(ws ? { workspaceId: ws } : {}) });
  await reloadOps();
}

/** A result snapshot goes through the outbox like any write: shown at once, sent (and retried) with its id. */
export function queueSnapshot(
  cycleId: string,
  {
    id,
    ...body
  }: { id?: string | undefined; metricId: string; variantKey: string; date: string; units: number } & Record<
    string,
    unknown
  >,
) {
  return write({ kind: 'snapshot.create', entityId: id ?? crypto.randomUUID(), parentId: cycleId, body });
}

/** Corrections of stored results go through the outbox too; resolves once the outbox has been flushed. */
export async function correctSnapshot(
  cycleId: string,
  snapshot: { id: string; version: number },
  numbers: { units: number } & Record<string, number | null>,
) {
  await enqueueHere({
    kind: 'snapshot.replace',
    entityId: snapshot.id,
    parentId: cycleId,
    body: numbers,
    baseVersion: snapshot.version,
  });
  await sync();
}
export async function deleteSnapshot(cycleId: string, snapshot: { id: string; version: number }) {
  await enqueueHere({
    kind: 'snapshot.delete',
    entityId: snapshot.id,
    parentId: cycleId,
    body: {},
    baseVersion: snapshot.version,
  });
  await sync();
}

export async function keepMine(seq: number) {
  await outbox.keepMine(seq);
  await reloadOps();
  void sync();
}

export async function takeTheirs(seq: number) {
  const op = await outbox.discard(seq);
  if (op?.current && op.kind === 'hypothesis.update') await applied(op, op.current);
  await reloadOps();
}

let retryDelay = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * A send that stopped while the device is online (a dropped connection, a timeout, a 5xx) is tried again in a few
 * seconds, backing off to the 30 s tick, rather than leaving the result unsent until then.
 */
function retrySoon(stopped: boolean) {
  clearTimeout(retryTimer);
  if (!stopped) {
    retryDelay = 0;
    return;
  }
  retryDelay = Math.min(30_000, retryDelay ? retryDelay * 2 : 2_000);
  retryTimer = setTimeout(() => navigator.onLine && void sync(), retryDelay);
}

let syncRun: Promise<void> | undefined;
let syncAgain: Promise<void> | undefined;
/**
 * Sends the outbox, then refreshes the local copy of the server's data. One sync at a time: calls made while one
 * runs share a single follow-up run, so a save does not fetch every list three times over, and the lists a screen
 * shows are not swapped under it by overlapping refreshes.
 */
export function sync(): Promise<void> {
  if (!syncRun) {
    syncRun = syncOnce().finally(() => {
      syncRun = undefined;
    });
    return syncRun;
  }
  syncAgain ??= syncRun.then(() => {
    syncAgain = undefined;
    return sync();
  });
  return syncAgain;
}

async function syncOnce(): Promise<void> {
  if (!me()) return;
  setSyncing(true);
  try {
    const flushed = await outbox.flush();
    retrySoon(flushed.stoppedOffline);
    await reloadOps();
    if (navigator.onLine) await refresh();
  } catch (err) {
    if (err instanceof HttpError && err.code === 'not_a_member') await leftWorkspace();
    else if (!(err instanceof NetworkError)) console.warn('sync failed', err);
  } finally {
    setSyncing(false);
  }
}

/** Pulls the lists the app shows offline and stores them in IndexedDB. */
export async function refresh(): Promise<void> {
  const ws = me()?.workspaceId;
  const [h, c, l, ch, m] = await Promise.all([
    call(api.hypotheses.$get({ query: { limit: '200', sort: 'score' } })),
    call(api.cycles.$get({ query: { limit: '200' } })),
    call(api.learnings.$get({ query: { limit: '200' } })),
    call(api.channels.$get({ query: {} })),
    call(api.metrics.$get({ query: {} })),
  ]);
  const at = new Date().toISOString();
  // Switched while the lists were on their way: they belong to the workspace they were asked for, not this one.
  if (me()?.workspaceId === ws) {
    batch(() => {
      setHypothesesCache(keepUnchanged(hypothesesCache(), h.items, sameValue));
      setCycles(keepUnchanged(cycles(), c.items));
      setLearnings(keepUnchanged(learnings(), l.items));
      setChannels(keepUnchanged(channels(), ch.items));
      setMetrics(keepUnchanged(metrics(), m.items));
      setLastSynced(at);
    });
  }
  // Stored for offline use in a task of its own: cloning five lists into IndexedDB in the task that renders them
  // made one long task of both on a slow phone.
  await new Promise((resolve) => setTimeout(resolve, 0));
  await Promise.all([
    kvSet(scoped('hypotheses', ws), h.items),
    kvSet(scoped('cycles', ws), c.items),
    kvSet(scoped('learnings', ws), l.items),
    kvSet(scoped('channels', ws), ch.items),
    kvSet(scoped('metrics', ws), m.items),
    kvSet(scoped('lastSynced', ws), at),
  ]);
}

export function upsertCycle(cycle: Cycle) {
  const next = [cycle, ...cycles().filter((c) => c.id !== cycle.id)];
  setCycles(next);
  void kvSet(scoped('cycles'), next);
}

/** Shows one workspace's last-synced data from IndexedDB (app start, and every switch). */
async function showCached(ws: string | undefined) {
  const [h, c, l, ch, m, at] = await Promise.all([
    kvGet<Hypothesis[]>(scoped('hypotheses', ws)),
    kvGet<Cycle[]>(scoped('cycles', ws)),
    kvGet<Learning[]>(scoped('learnings', ws)),
    kvGet<Channel[]>(scoped('channels', ws)),
    kvGet<Metric[]>(scoped('metrics', ws)),
    kvGet<string>(scoped('lastSynced', ws)),
  ]);
  batch(() => {
    setHypothesesCache(h ?? []);
    setCycles(c ?? []);
    setLearnings(l ?? []);
    setChannels(ch ?? []);
    setMetrics(m ?? []);
    setLastSynced(at ?? null);
  });
}

/** Sets who is signed in and in which workspace; a different workspace swaps the cached data on screen. */
async function useProfile(profile: Me | null) {
  const before = me()?.workspaceId;
  setMe(profile);
  actIn(profile?.workspaceId ?? null);
  if (profile?.workspaceId !== before) await showCached(profile?.workspaceId);
  await reloadOps();
}

let sessionCheck: Promise<Me> | undefined;
/** Who is signed in, asked once when the app starts: main.tsx asks before the first render, boot() takes the answer. */
export function checkSession(): Promise<Me> {
  if (!sessionCheck) {
    sessionCheck = call(auth.me.$get());
    sessionCheck.catch(() => {}); // answered in boot()
  }
  return sessionCheck;
}

let fromDevice: Promise<Me | undefined> | undefined;
/** App start, first half: the person and lists this device last saw, read from IndexedDB and shown at once. */
export function startFromDevice(): Promise<Me | undefined> {
  fromDevice ??= (async () => {
    const cachedMe = await kvGet<Me>('me');
    await adoptUnscopedOps(cachedMe?.workspaceId);
    if (cachedMe) await useProfile(cachedMe);
    else await reloadOps();
    return cachedMe;
  })();
  return fromDevice;
}

/** App start: show the cached data at once, then check the session and sync. */
export async function boot(): Promise<void> {
  const cachedMe = await startFromDevice();
  try {
    const fresh = await checkSession();
    await signedIn(fresh);
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) await signedOut();
    else if (err instanceof HttpError && err.code === 'not_a_member') await leftWorkspace();
    else if (!cachedMe) setMe(null);
  }
  window.addEventListener('online', () => {
    setOnline(true);
    void sync();
  });
  window.addEventListener('offline', () => setOnline(false));
  setInterval(() => navigator.onLine && void sync(), 30_000);
}

/** Writes queued before workspaces had their own outbox belong to the workspace that was signed in then. */
async function adoptUnscopedOps(ws: string | undefined) {
  if (!ws) return;
  for (const op of await outbox.list()) if (!op.workspaceId) await idbStore.put({ ...op, workspaceId: ws });
}

export async function signedIn(profile: Me) {
  await useProfile(profile);
  await Promise.all([kvSet('me', profile), kvSet(`ws:${profile.workspaceId}:me`, profile)]);
  void afterEarlyReads().then(sync);
}

export async function signedOut() {
  await useProfile(null);
  await kvSet('me', null);
}

/**
 * Switches this device to another of the person's workspaces. Online, the session moves too; offline, the app
 * opens the workspace from what it last synced (if it ever did). Nothing queued anywhere is dropped.
 */
export async function switchWorkspace(workspaceId: string): Promise<void> {
  if (navigator.onLine) {
    try {
      return await signedIn(await call(auth.switch.$post({ json: { workspaceId } })));
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
    }
  }
  const cached = await kvGet<Me>(`ws:${workspaceId}:me`);
  if (!cached) throw new Error('Connect once to open this workspace on this device');
  await useProfile(cached);
  await kvSet('me', cached);
}

/** The workspace on screen was left or its membership removed: go to another one, or sign out. */
async function leftWorkspace() {
  actIn(null);
  try {
    await signedIn(await call(auth.me.$get()));
  } catch {
    await signedOut();
  }
}

// ---- drafts ---------------------------------------------------------------------------------------------
export async function loadDraft<T>(key: string): Promise<T | undefined> {
  return (await (await db())?.get('drafts', scoped(key))) as T | undefined;
}
export async function saveDraft(key: string, value: unknown) {
  await (await db())?.put('drafts', structuredClone(value), scoped(key));
}
export async function dropDraft(key: string) {
  await (await db())?.delete('drafts', scoped(key));
}

export const channelName = (id: string | null | undefined) => channels().find((c) => c.id === id)?.name;
export const metricName = (id: string | null | undefined) => metrics().find((m) => m.id === id)?.name;

/** The metrics a test records: the rule's primary, the secondary ones and the guardrails, primary first. */
export function watchedMetrics(cycle: Cycle): Metric[] {
  const rule = cycle.decisionRule as { primaryMetricId?: string; guardrails?: { metricId: string }[] } | null;
  const ids = [
    ...new Set(
      [rule?.primaryMetricId, ...cycle.secondaryMetricIds, ...(rule?.guardrails ?? []).map((g) => g.metricId)].filter(
        (x): x is string => !!x,
      ),
    ),
  ];
  return ids.map((id) => metrics().find((m) => m.id === id)).filter((m): m is Metric => !!m);
}

export async function discardOp(seq: number) {
  await outbox.discard(seq);
  await reloadOps();
}
