import { openDB, type IDBPDatabase } from 'idb';
import { createSignal } from 'solid-js';
import {
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
} from './api';
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

async function kvGet<T>(key: string): Promise<T | undefined> {
  return (await (await db())?.get('kv', key)) as T | undefined;
}
async function kvSet(key: string, value: unknown) {
  await (await db())?.put('kv', structuredClone(value), key);
}

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
export const [ops, setOps] = createSignal<Op[]>([]);
export const [online, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine);
export const [syncing, setSyncing] = createSignal(false);
export const [lastSynced, setLastSynced] = createSignal<string | null>(null);

/** Hypotheses as the user should see them: server copy plus queued creates and edits. */
export function hypotheses(): (Hypothesis & { pending?: boolean; conflict?: boolean })[] {
  const byId = new Map<string, Hypothesis & { pending?: boolean; conflict?: boolean }>(
    hypothesesCache().map((h) => [h.id, h]),
  );
  for (const op of ops()) {
    if (op.kind === 'hypothesis.create') {
      byId.set(op.entityId, { ...localHypothesis(op.entityId), ...(op.body as Partial<Hypothesis>), pending: true });
    } else if (op.kind === 'hypothesis.update') {
      const base = byId.get(op.entityId);
      if (base)
        byId.set(op.entityId, {
          ...base,
          ...(op.body as Partial<Hypothesis>),
          pending: op.state === 'pending',
          conflict: op.state === 'conflict',
        });
    }
  }
  return [...byId.values()].map((h) => ({ ...h, iceScore: ice(h) }));
}

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
async function send(op: Op): Promise<unknown> {
  switch (op.kind) {
    case 'hypothesis.create':
      return call(api.hypotheses.$post({ json: { ...(op.body as { title: string }), id: op.entityId } }));
    case 'hypothesis.update':
      return call(
        api.hypotheses[':id'].$patch({
          param: { id: op.entityId },
          json: { ...op.body, ...(op.baseVersion ? { version: op.baseVersion } : {}) },
        }),
      );
    case 'snapshot.create':
      return call(
        api.cycles[':id'].snapshots.$post({
          param: { id: op.parentId ?? '' },
          json: {
            ...(op.body as { metricId: string; variantKey: string; date: string; units: number }),
            id: op.entityId,
          },
        }),
      );
    case 'comment.create':
      return call(api.comments.$post({ json: { ...(op.body as CommentBody), id: op.entityId } }));
  }
}

export type CommentBody = Omit<Parameters<typeof api.comments.$post>[0]['json'], 'id'>;
/** A comment goes through the outbox: shown at once as pending, sent exactly once (its id makes replays harmless). */
export const queueComment = (body: CommentBody) =>
  write({ kind: 'comment.create', entityId: crypto.randomUUID(), body });

async function applied(op: Op, record: unknown) {
  if (op.kind === 'snapshot.create' || op.kind === 'comment.create') return;
  const h = record as Hypothesis;
  const next = [...hypothesesCache().filter((x) => x.id !== h.id), h];
  setHypothesesCache(next);
  await kvSet('hypotheses', next);
}

export const outbox = new Outbox(idbStore, send, applied);

async function reloadOps() {
  setOps(await outbox.list());
}

/** Queue a write, show it at once, and try to send it. */
export async function write(input: Parameters<Outbox['enqueue']>[0]) {
  await outbox.enqueue(input);
  await reloadOps();
  void sync();
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

/** Sends the outbox, then refreshes the local copy of the server's data. */
export async function sync(): Promise<void> {
  if (!me()) return;
  setSyncing(true);
  try {
    await outbox.flush();
    await reloadOps();
    if (navigator.onLine) await refresh();
  } catch (err) {
    if (!(err instanceof NetworkError)) console.warn('sync failed', err);
  } finally {
    setSyncing(false);
  }
}

/** Pulls the lists the app shows offline and stores them in IndexedDB. */
export async function refresh(): Promise<void> {
  const [h, c, l, ch, m] = await Promise.all([
    call(api.hypotheses.$get({ query: { limit: '200', sort: 'score' } })),
    call(api.cycles.$get({ query: { limit: '200' } })),
    call(api.learnings.$get({ query: { limit: '200' } })),
    call(api.channels.$get({ query: {} })),
    call(api.metrics.$get({ query: {} })),
  ]);
  setHypothesesCache(h.items);
  setCycles(c.items);
  setLearnings(l.items);
  setChannels(ch.items);
  setMetrics(m.items);
  const at = new Date().toISOString();
  setLastSynced(at);
  await Promise.all([
    kvSet('hypotheses', h.items),
    kvSet('cycles', c.items),
    kvSet('learnings', l.items),
    kvSet('channels', ch.items),
    kvSet('metrics', m.items),
    kvSet('lastSynced', at),
  ]);
}

export function upsertCycle(cycle: Cycle) {
  const next = [cycle, ...cycles().filter((c) => c.id !== cycle.id)];
  setCycles(next);
  void kvSet('cycles', next);
}

/** App start: show the cached data at once, then check the session and sync. */
export async function boot(): Promise<void> {
  const [cachedMe, h, c, l, ch, m, at] = await Promise.all([
    kvGet<Me>('me'),
    kvGet<Hypothesis[]>('hypotheses'),
    kvGet<Cycle[]>('cycles'),
    kvGet<Learning[]>('learnings'),
    kvGet<Channel[]>('channels'),
    kvGet<Metric[]>('metrics'),
    kvGet<string>('lastSynced'),
  ]);
  setHypothesesCache(h ?? []);
  setCycles(c ?? []);
  setLearnings(l ?? []);
  setChannels(ch ?? []);
  setMetrics(m ?? []);
  setLastSynced(at ?? null);
  await reloadOps();
  if (cachedMe) setMe(cachedMe);
  try {
    const fresh = await call(auth.me.$get());
    await signedIn(fresh);
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) await signedOut();
    else if (!cachedMe) setMe(null);
  }
  window.addEventListener('online', () => {
    setOnline(true);
    void sync();
  });
  window.addEventListener('offline', () => setOnline(false));
  setInterval(() => navigator.onLine && void sync(), 30_000);
}

export async function signedIn(profile: Me) {
  setMe(profile);
  await kvSet('me', profile);
  void sync();
}

export async function signedOut() {
  setMe(null);
  await kvSet('me', null);
}

// ---- drafts ---------------------------------------------------------------------------------------------
export async function loadDraft<T>(key: string): Promise<T | undefined> {
  return (await (await db())?.get('drafts', key)) as T | undefined;
}
export async function saveDraft(key: string, value: unknown) {
  await (await db())?.put('drafts', structuredClone(value), key);
}
export async function dropDraft(key: string) {
  await (await db())?.delete('drafts', key);
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
