/**
 * The PWA's offline outbox, exercised the way the app runs it: web/src/data.ts's `write()` / `outbox` over
 * IndexedDB (fake-indexeddb, a spec-complete in-memory implementation, not a mock of idb) and its real sender
 * (the typed Hono client and `call()`), with `fetch` answered by a small in-test server that behaves like the
 * Worker: idempotent creates by client id, versioned PATCH that answers 409 with the current record.
 *
 * A "reload" is a fresh module graph (new Outbox, new IndexedDB connection) over the same IndexedDB factory.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Data = typeof import('../../../web/src/data');
type Rec = Record<string, unknown> & { id: string; version: number };
type Req = { method: string; path: string; query?: string | undefined; body: Record<string, unknown> | undefined };
/** offline: never reaches the server; lost: applied, but the answer never arrives; hang: no answer until aborted. */
type Fault = 'offline' | 'lost' | 'hang' | { status: number; message?: string };

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Answers the three write routes the outbox uses, like the Worker does. */
function fakeServer() {
  const requests: Req[] = [];
  const hypotheses = new Map<string, Rec>();
  const snapshots = new Map<string, Record<string, unknown>>();
  const faults: Fault[] = [];
  const gates: Promise<void>[] = [];

  function handle(req: Req): Response {
    const patch = req.path.match(/^\/api\/hypotheses\/([^/]+)$/);
    const snap = req.path.match(/^\/api\/cycles\/([^/]+)\/snapshots$/);
    if (req.method === 'POST' && req.path === '/api/hypotheses') {
      const id = String(req.body?.id);
      const existing = hypotheses.get(id);
      if (existing) return json(200, existing); // replay of a create whose answer was lost
      const rec: Rec = { ...req.body, id, version: 1 };
      hypotheses.set(id, rec);
      return json(201, rec);
    }
    if (req.method === 'PATCH' && patch) {
      const rec = hypotheses.get(patch[1]!);
      if (!rec) return json(404, { error: { code: 'not_found', message: 'Hypothesis not found' } });
      const { version, ...rest } = req.body ?? {};
      if (version !== undefined && version !== rec.version) {
        return json(409, {
          error: { code: 'version_conflict', message: 'Someone else changed this hypothesis', current: rec },
        });
      }
      const next: Rec = { ...rec, ...rest, version: rec.version + 1 };
      hypotheses.set(rec.id, next);
      return json(200, next);
    }
    const one = req.path.match(/^\/api\/cycles\/([^/]+)\/snapshots\/([^/]+)$/);
    if (req.method === 'PUT' && one) {
      const rec = snapshots.get(one[2]!) as Rec | undefined;
      if (!rec) return json(404, { error: { code: 'not_found', message: 'Snapshot not found' } });
      const { version, ...numbers } = req.body ?? {};
      if (version !== rec.version)
        return json(409, { error: { code: 'version_conflict', message: 'Corrected meanwhile', current: rec } });
      const next = { ...rec, ...numbers, version: rec.version + 1 };
      snapshots.set(rec.id, next);
      return json(200, next);
    }
    if (req.method === 'DELETE' && one) {
      const rec = snapshots.get(one[2]!) as Rec | undefined;
      if (!rec) return json(404, { error: { code: 'not_found', message: 'Snapshot not found' } });
      if (Number(new URLSearchParams(req.query).get('version')) !== rec.version)
        return json(409, { error: { code: 'version_conflict', message: 'Corrected meanwhile', current: rec } });
      snapshots.delete(rec.id);
      return new Response(null, { status: 204 });
    }
    if (req.method === 'POST' && snap) {
      const id = String(req.body?.id);
      // Another result for the same metric, variant and day: refused with the stored one, as the Worker does.
      const clash = [...snapshots.values()].find(
        (x) =>
          x.id !== id &&
          x.metricId === req.body?.metricId &&
          x.variantKey === req.body?.variantKey &&
          x.date === req.body?.date,
      );
      if (clash)
        return json(409, {
          error: { code: 'duplicate_result', message: 'A result for this day is already recorded', current: clash },
        });
      const rec = { ...req.body, cycleId: snap[1], version: 1 };
      const created = !snapshots.has(id);
      snapshots.set(id, rec);
      return json(created ? 201 : 200, rec);
    }
    return json(404, { error: { code: 'not_found', message: `No route ${req.method} ${req.path}` } });
  }

  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const req: Req = {
      method: (init?.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.search || undefined,
      body: init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined,
    };
    const gate = gates.shift();
    if (gate) await gate;
    const fault = faults.shift();
    if (fault === 'offline') throw new TypeError('Failed to fetch');
    if (fault === 'hang') {
      const signal = init?.signal;
      return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    }
    requests.push(req);
    if (fault === 'lost') {
      handle(req); // the server stored it, but the answer never arrived
      throw new TypeError('Failed to fetch');
    }
    if (fault)
      return json(fault.status, { error: { code: 'error', message: fault.message ?? `status ${fault.status}` } });
    return handle(req);
  });

  return {
    fetch,
    requests,
    hypotheses,
    snapshots,
    /** The next requests fail this way, in order. */
    fail: (...f: Fault[]) => faults.push(...f),
    /** The next request waits until the returned function is called. */
    hold() {
      let open!: () => void;
      gates.push(new Promise<void>((r) => (open = r)));
      return () => open();
    },
  };
}

let server: ReturnType<typeof fakeServer>;

/** A fresh page load of the app's data layer (new Outbox, new IndexedDB connection). */
async function load(): Promise<Data> {
  vi.resetModules();
  return import('../../../web/src/data');
}

/** What an IndexedDB inspector would show in the outbox store, read with the raw API. */
async function rawOutbox(): Promise<Record<string, unknown>[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open('hadi');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  try {
    return await new Promise((resolve, reject) => {
      const r = db.transaction('outbox').objectStore('outbox').getAll();
      r.onsuccess = () => resolve(r.result as Record<string, unknown>[]);
      r.onerror = () => reject(r.error);
    });
  } finally {
    db.close();
  }
}

beforeEach(() => {
  // Every test starts with an empty browser profile.
  vi.stubGlobal('indexedDB', new IDBFactory());
  server = fakeServer();
  vi.stubGlobal('fetch', server.fetch);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('enqueue and persistence', () => {
  it('stores a write in IndexedDB and shows it at once as pending', async () => {
    const data = await load();
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'Shorter checkout' } });

    expect(data.ops()).toHaveLength(1);
    expect(data.ops()[0]).toMatchObject({
      kind: 'hypothesis.create',
      entityId: 'h1',
      state: 'pending',
      body: { title: 'Shorter checkout' },
    });
    expect(data.hypotheses()).toEqual([
      expect.objectContaining({ id: 'h1', title: 'Shorter checkout', pending: true, version: 1 }),
    ]);
    expect(await rawOutbox()).toEqual([expect.objectContaining({ entityId: 'h1', state: 'pending' })]);
    expect(server.fetch).not.toHaveBeenCalled(); // signed out: nothing is sent until sync
  });

  it('survives a reload and is sent after it, in the original order', async () => {
    const before = await load();
    await before.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'One' } });
    await before.write({ kind: 'hypothesis.create', entityId: 'h2', body: { title: 'Two' } });
    await before.write({
      kind: 'snapshot.create',
      entityId: 's1',
      parentId: 'c1',
      body: { metricId: 'm', variantKey: 'control', date: '2026-11-01', units: 10 },
    });

    const after = await load();
    const queued = await after.outbox.list();
    expect(queued.map((o) => o.entityId)).toEqual(['h1', 'h2', 's1']);

    const result = await after.outbox.flush();
    expect(result).toEqual({ sent: 3, conflicts: 0, failed: 0, stoppedOffline: false });
    expect(server.requests.map((r) => `${r.method} ${r.path} ${String(r.body?.id)}`)).toEqual([
      'POST /api/hypotheses h1',
      'POST /api/hypotheses h2',
      'POST /api/cycles/c1/snapshots s1',
    ]);
    expect(await after.outbox.list()).toEqual([]);
    expect(await rawOutbox()).toEqual([]);
  });

  it('keeps sequence numbers increasing across a reload even if the clock goes back', async () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(1_800_000_000_000);
    const before = await load();
    await before.write({ kind: 'hypothesis.create', entityId: 'a', body: { title: 'a' } });
    await before.write({ kind: 'hypothesis.create', entityId: 'b', body: { title: 'b' } }); // same millisecond
    now.mockReturnValue(1_700_000_000_000); // clock set back between sessions
    const after = await load();
    await after.write({ kind: 'hypothesis.create', entityId: 'c', body: { title: 'c' } });

    const seqs = (await after.outbox.list()).map((o) => o.seq);
    expect(new Set(seqs).size).toBe(3);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect((await after.outbox.list()).map((o) => o.entityId)).toEqual(['a', 'b', 'c']);
    for (const s of seqs) expect(Number.isSafeInteger(s)).toBe(true);
  });
});

describe('folding edits into unsent writes', () => {
  it('an edit of an unsent create becomes part of it: one POST with the final values, no PATCH', async () => {
    const data = await load();
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'Draft', impact: 3 } });
    await data.write({ kind: 'hypothesis.update', entityId: 'h1', body: { title: 'Final', ease: 4 }, baseVersion: 1 });

    expect(data.ops()).toHaveLength(1);
    expect(data.ops()[0]).toMatchObject({ kind: 'hypothesis.create', body: { title: 'Final', impact: 3, ease: 4 } });
    expect(data.hypotheses()[0]).toMatchObject({ id: 'h1', title: 'Final', impact: 3, ease: 4, pending: true });

    await data.outbox.flush();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/hypotheses',
      body: { id: 'h1', title: 'Final', impact: 3, ease: 4 },
    });
    expect(server.hypotheses.get('h1')).toMatchObject({ title: 'Final', version: 1 });
  });

  it('the fold is persisted: after a reload there is still one write', async () => {
    const before = await load();
    await before.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'Draft' } });
    await before.write({ kind: 'hypothesis.update', entityId: 'h1', body: { title: 'Final' }, baseVersion: 1 });
    const after = await load();
    expect(await after.outbox.list()).toEqual([
      expect.objectContaining({ kind: 'hypothesis.create', body: { title: 'Final' } }),
    ]);
  });

  it('two edits of a synced record become one PATCH against the version first edited', async () => {
    const data = await load();
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'T' } });
    await data.outbox.flush();
    await data.write({ kind: 'hypothesis.update', entityId: 'h1', body: { impact: 5 }, baseVersion: 1 });
    await data.write({ kind: 'hypothesis.update', entityId: 'h1', body: { ease: 2 }, baseVersion: 1 });
    expect(data.ops()).toHaveLength(1);

    await data.outbox.flush();
    expect(server.requests.slice(1)).toEqual([
      { method: 'PATCH', path: '/api/hypotheses/h1', body: { impact: 5, ease: 2, version: 1 } },
    ]);
    expect(server.hypotheses.get('h1')).toMatchObject({ impact: 5, ease: 2, version: 2 });
  });

  it('does not fold other records or snapshots', async () => {
    const data = await load();
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'A' } });
    await data.write({ kind: 'hypothesis.create', entityId: 'h2', body: { title: 'B' } });
    await data.write({ kind: 'hypothesis.update', entityId: 'h2', body: { title: 'B2' }, baseVersion: 1 });
    await data.write({
      kind: 'snapshot.create',
      entityId: 's1',
      parentId: 'c1',
      body: { metricId: 'm', variantKey: 'control', date: '2026-11-01', units: 1 },
    });
    await data.write({
      kind: 'snapshot.create',
      entityId: 's2',
      parentId: 'c1',
      body: { metricId: 'm', variantKey: 'control', date: '2026-11-02', units: 2 },
    });
    expect(data.ops().map((o) => [o.kind, o.entityId, o.body.title ?? o.body.units])).toEqual([
      ['hypothesis.create', 'h1', 'A'],
      ['hypothesis.create', 'h2', 'B2'],
      ['snapshot.create', 's1', 1],
      ['snapshot.create', 's2', 2],
    ]);
  });

  it('an edit made while the create is on the wire is not lost', async () => {
    const data = await load();
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'Draft' } });
    const release = server.hold();
    const flushing = data.outbox.flush();
    await vi.waitFor(() => expect(server.fetch).toHaveBeenCalledTimes(1)); // the POST is in flight
    await data.write({ kind: 'hypothesis.update', entityId: 'h1', body: { title: 'Final' }, baseVersion: 1 });
    release();
    await flushing;

    // The POST carried the old body; the edit follows as a PATCH of just the changed field on version 1.
    expect(server.requests).toEqual([
      { method: 'POST', path: '/api/hypotheses', body: { id: 'h1', title: 'Draft' } },
      { method: 'PATCH', path: '/api/hypotheses/h1', body: { title: 'Final', version: 1 } },
    ]);
    expect(server.hypotheses.get('h1')).toMatchObject({ title: 'Final', version: 2 });
    expect(await data.outbox.list()).toEqual([]);
  });

  it('an edit made while an earlier edit is on the wire is sent on top of it, not as a conflict with itself', async () => {
    const data = await load();
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'T' } });
    await data.outbox.flush();
    await data.write({ kind: 'hypothesis.update', entityId: 'h1', body: { impact: 1 }, baseVersion: 1 });
    const release = server.hold();
    const flushing = data.outbox.flush();
    await vi.waitFor(() => expect(server.fetch).toHaveBeenCalledTimes(2));
    await data.write({ kind: 'hypothesis.update', entityId: 'h1', body: { ease: 5 }, baseVersion: 1 });
    release();
    await flushing;

    expect(server.requests.slice(1)).toEqual([
      { method: 'PATCH', path: '/api/hypotheses/h1', body: { impact: 1, version: 1 } },
      { method: 'PATCH', path: '/api/hypotheses/h1', body: { ease: 5, version: 2 } },
    ]);
    expect(server.hypotheses.get('h1')).toMatchObject({ impact: 1, ease: 5, version: 3 });
    expect(await data.outbox.list()).toEqual([]);
  });
});

describe('writes changed while on the wire', () => {
  it('an edit folded into a create that the server then rejects stays with it, marked failed', async () => {
    const data = await load();
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'x' } });
    const release = server.hold();
    server.fail({ status: 422, message: 'Title too short' });
    const flushing = data.outbox.flush();
    await vi.waitFor(() => expect(server.fetch).toHaveBeenCalledTimes(1));
    await data.write({ kind: 'hypothesis.update', entityId: 'h1', body: { title: 'A proper title' }, baseVersion: 1 });
    release();
    expect(await flushing).toMatchObject({ failed: 1 });
    expect(await data.outbox.list()).toEqual([
      expect.objectContaining({ state: 'failed', error: 'Title too short', body: { title: 'A proper title' } }),
    ]);
  });

  it('a later write edited or discarded while an earlier one is on the wire is sent as it is now', async () => {
    const data = await load();
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'First' } });
    await data.write({ kind: 'hypothesis.create', entityId: 'h2', body: { title: 'Second, draft' } });
    await data.write({ kind: 'hypothesis.create', entityId: 'h3', body: { title: 'Third' } });
    const h3 = (await data.outbox.list())[2]!;
    const release = server.hold();
    const flushing = data.outbox.flush();
    await vi.waitFor(() => expect(server.fetch).toHaveBeenCalledTimes(1));
    await data.write({ kind: 'hypothesis.update', entityId: 'h2', body: { title: 'Second' }, baseVersion: 1 });
    await data.discardOp(h3.seq);
    release();
    expect(await flushing).toEqual({ sent: 2, conflicts: 0, failed: 0, stoppedOffline: false });
    expect(server.requests.map((r) => [r.method, r.body?.id, r.body?.title])).toEqual([
      ['POST', 'h1', 'First'],
      ['POST', 'h2', 'Second'],
    ]);
  });

  it('a write discarded while on the wire and then rejected stays discarded', async () => {
    const data = await load();
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'x' } });
    const [op] = await data.outbox.list();
    const release = server.hold();
    server.fail({ status: 422 });
    const flushing = data.outbox.flush();
    await vi.waitFor(() => expect(server.fetch).toHaveBeenCalledTimes(1));
    await data.discardOp(op!.seq);
    release();
    expect(await flushing).toEqual({ sent: 0, conflicts: 0, failed: 0, stoppedOffline: false });
    expect(await data.outbox.list()).toEqual([]);
  });
});

describe('conflicts and failures', () => {
  async function syncedHypothesis(data: Data) {
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'Mine' } });
    await data.outbox.flush();
    // Someone else edits it on the server.
    server.hypotheses.set('h1', { ...server.hypotheses.get('h1')!, title: 'Theirs', version: 2 });
  }

  it('a 409 on an edit marks it as a conflict with the server copy, kept across a reload; later writes still go', async () => {
    const before = await load();
    await syncedHypothesis(before);
    await before.write({ kind: 'hypothesis.update', entityId: 'h1', body: { title: 'Mine, edited' }, baseVersion: 1 });
    await before.write({ kind: 'hypothesis.create', entityId: 'h2', body: { title: 'Next' } });

    const result = await before.outbox.flush();
    expect(result).toEqual({ sent: 1, conflicts: 1, failed: 0, stoppedOffline: false });
    expect(server.hypotheses.has('h2')).toBe(true);

    const after = await load();
    const [op] = await after.outbox.list();
    expect(op).toMatchObject({
      kind: 'hypothesis.update',
      state: 'conflict',
      error: 'Someone else changed this hypothesis',
      current: { title: 'Theirs', version: 2 },
    });

    // A conflict is not retried by itself.
    const requests = server.requests.length;
    await after.outbox.flush();
    expect(server.requests.length).toBe(requests);
  });

  it('"keep mine" re-sends my edit on top of the server version', async () => {
    const data = await load();
    await syncedHypothesis(data);
    await data.write({ kind: 'hypothesis.update', entityId: 'h1', body: { title: 'Mine, edited' }, baseVersion: 1 });
    await data.outbox.flush();
    const [op] = await data.outbox.list();

    await data.keepMine(op!.seq);
    const [again] = await data.outbox.list();
    expect(again).toMatchObject({ state: 'pending', baseVersion: 2 });
    expect(again).not.toHaveProperty('error');
    expect(again).not.toHaveProperty('current');

    await data.outbox.flush();
    expect(server.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: '/api/hypotheses/h1',
      body: { title: 'Mine, edited', version: 2 },
    });
    expect(server.hypotheses.get('h1')).toMatchObject({ title: 'Mine, edited', version: 3 });
    expect(await data.outbox.list()).toEqual([]);
  });

  it('"take theirs" drops my edit and shows the server copy', async () => {
    const data = await load();
    await syncedHypothesis(data);
    await data.write({ kind: 'hypothesis.update', entityId: 'h1', body: { title: 'Mine, edited' }, baseVersion: 1 });
    await data.outbox.flush();
    const [op] = await data.outbox.list();

    await data.takeTheirs(op!.seq);
    expect(await data.outbox.list()).toEqual([]);
    expect(data.hypotheses()).toEqual([expect.objectContaining({ id: 'h1', title: 'Theirs', version: 2 })]);
  });

  it('a rejected write (4xx) is marked failed with the server message and does not block the queue', async () => {
    const data = await load();
    await data.write({ kind: 'hypothesis.create', entityId: 'bad', body: { title: '' } });
    await data.write({ kind: 'hypothesis.create', entityId: 'good', body: { title: 'Fine' } });
    server.fail({ status: 422, message: 'Title is required' });

    expect(await data.outbox.flush()).toEqual({ sent: 1, conflicts: 0, failed: 1, stoppedOffline: false });
    expect(await data.outbox.list()).toEqual([
      expect.objectContaining({ entityId: 'bad', state: 'failed', error: 'Title is required' }),
    ]);
    expect(server.hypotheses.has('good')).toBe(true);

    // A 409 on a create is a failure, not an edit conflict.
    await data.write({ kind: 'hypothesis.create', entityId: 'dup', body: { title: 'Dup' } });
    server.fail({ status: 409, message: 'Already exists' });
    expect(await data.outbox.flush()).toMatchObject({ failed: 1, conflicts: 0 });

    const failed = (await data.outbox.list()).map((o) => o.seq);
    for (const seq of failed) await data.discardOp(seq);
    expect(await data.outbox.list()).toEqual([]);
    expect(data.ops()).toEqual([]);
  });

  it.each([
    ['offline', 'offline' as const],
    ['a 500', { status: 500 }],
    ['a 503', { status: 503 }],
    ['a 429', { status: 429 }],
    ['a 401 (session expired)', { status: 401 }],
  ])(
    'stops at %s, keeps the write and everything after it pending, and sends each once later',
    async (_label, fault) => {
      const data = await load();
      await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'One' } });
      await data.write({ kind: 'hypothesis.create', entityId: 'h2', body: { title: 'Two' } });
      server.fail(fault);

      expect(await data.outbox.flush()).toEqual({ sent: 0, conflicts: 0, failed: 0, stoppedOffline: true });
      expect(server.fetch).toHaveBeenCalledTimes(1); // h2 was not tried past the failure
      expect((await data.outbox.list()).map((o) => [o.entityId, o.state])).toEqual([
        ['h1', 'pending'],
        ['h2', 'pending'],
      ]);

      expect(await data.outbox.flush()).toEqual({ sent: 2, conflicts: 0, failed: 0, stoppedOffline: false });
      expect([...server.hypotheses.keys()]).toEqual(['h1', 'h2']);
    },
  );
});

describe('retry safety', () => {
  it('a create whose answer was lost is re-sent with the same client id and yields one record', async () => {
    const data = await load();
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'Once' } });
    server.fail('lost');
    expect(await data.outbox.flush()).toMatchObject({ sent: 0, stoppedOffline: true });
    expect(await data.outbox.list()).toHaveLength(1);

    expect(await data.outbox.flush()).toMatchObject({ sent: 1 });
    expect(server.requests.map((r) => r.body?.id)).toEqual(['h1', 'h1']);
    expect(server.hypotheses.size).toBe(1);
    expect(await data.outbox.list()).toEqual([]);
  });

  it('a snapshot whose answer was lost is re-sent with the same id (the server stores it once)', async () => {
    const data = await load();
    await data.write({
      kind: 'snapshot.create',
      entityId: 's1',
      parentId: 'c1',
      body: { metricId: 'm', variantKey: 'B', date: '2026-11-01', units: 5 },
    });
    server.fail('lost');
    await data.outbox.flush();
    await data.outbox.flush();
    expect(server.requests.map((r) => r.body?.id)).toEqual(['s1', 's1']);
    expect(server.snapshots.size).toBe(1);
  });

  it('a correction whose answer was lost is settled on its retry, not shown as a conflict with itself', async () => {
    const data = await load();
    const day = { metricId: 'm', variantKey: 'b', date: '2026-11-01' };
    await data.write({ kind: 'snapshot.create', entityId: 's1', parentId: 'c1', body: { ...day, units: 100 } });
    await data.outbox.flush();
    await data.correctSnapshot('c1', { id: 's1', version: 1 }, { units: 120, conversions: 7 });
    expect(server.snapshots.get('s1')).toMatchObject({ units: 100, version: 1 }); // not sent yet: see below
    server.fail('lost');
    expect(await data.outbox.flush()).toMatchObject({ sent: 0, stoppedOffline: true });
    expect(server.snapshots.get('s1')).toMatchObject({ units: 120, conversions: 7, version: 2 });

    // The retry is answered "changed since version 1" with my own numbers: that is my correction, landed.
    expect(await data.outbox.flush()).toMatchObject({ sent: 1, conflicts: 0, failed: 0 });
    expect(server.requests.slice(-2).map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /api/cycles/c1/snapshots/s1',
      'PUT /api/cycles/c1/snapshots/s1',
    ]);
    expect(await data.outbox.list()).toEqual([]);
  });

  it('an edit whose answer was lost is settled on its retry, and the cache gets the server record', async () => {
    const data = await load();
    data.setMe({ memberId: 'u1', workspaceId: 'w1', role: 'member' } as unknown as NonNullable<ReturnType<Data['me']>>);
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'T' } });
    await data.sync();
    server.fail('lost');
    await data.write({ kind: 'hypothesis.update', entityId: 'h1', body: { impact: 4 }, baseVersion: 1 });
    await vi.waitFor(() => expect(data.syncing()).toBe(false)); // the sync the write started
    expect(data.ops()).toHaveLength(1);
    await data.sync();
    expect(data.ops()).toEqual([]);
    expect(data.hypotheses()).toEqual([expect.objectContaining({ id: 'h1', impact: 4, version: 2 })]);
  });

  it('an edit someone else made first stays a conflict even if one field happens to match', async () => {
    const data = await load();
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'T' } });
    await data.outbox.flush();
    server.hypotheses.set('h1', { ...server.hypotheses.get('h1')!, impact: 4, ease: 2, version: 3 });
    await data.outbox.enqueue({ kind: 'hypothesis.update', entityId: 'h1', body: { impact: 4 }, baseVersion: 1 });
    expect(await data.outbox.flush()).toMatchObject({ sent: 0, conflicts: 1 });
  });

  it('a delete whose answer was lost is settled on its retry (the result is gone either way)', async () => {
    const data = await load();
    const day = { metricId: 'm', variantKey: 'b', date: '2026-11-01' };
    await data.write({ kind: 'snapshot.create', entityId: 's1', parentId: 'c1', body: { ...day, units: 100 } });
    await data.outbox.flush();
    await data.deleteSnapshot('c1', { id: 's1', version: 1 }); // queued (nobody is signed in here to send it)
    server.fail('lost');
    expect(await data.outbox.flush()).toMatchObject({ sent: 0, stoppedOffline: true });
    expect(server.snapshots.has('s1')).toBe(false);
    expect(await data.outbox.list()).toHaveLength(1);
    expect(await data.outbox.flush()).toMatchObject({ sent: 1, failed: 0 });
    expect(await data.outbox.list()).toEqual([]);
  });

  it('a request that is never answered is given up after a timeout, so the queue is not held until a reload', async () => {
    const data = await load();
    const timeout = new AbortController();
    const asked = vi.spyOn(AbortSignal, 'timeout').mockReturnValue(timeout.signal);
    await data.outbox.enqueue({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'Stuck' } });
    server.fail('hang');
    const flushing = data.outbox.flush();
    await vi.waitFor(() => expect(server.fetch).toHaveBeenCalledTimes(1));
    expect(asked).toHaveBeenCalledWith(30_000);
    timeout.abort(new DOMException('The operation timed out.', 'TimeoutError'));
    expect(await flushing).toMatchObject({ sent: 0, stoppedOffline: true });
    asked.mockRestore();
    expect(await data.outbox.flush()).toMatchObject({ sent: 1 });
    expect(server.hypotheses.get('h1')).toMatchObject({ title: 'Stuck' });
  });

  it('flushes asked for at the same time send each write once, and writes queued meanwhile are sent too', async () => {
    const data = await load();
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'One' } });
    await data.write({ kind: 'hypothesis.create', entityId: 'h2', body: { title: 'Two' } });
    const release = server.hold();
    const first = data.outbox.flush();
    const second = data.outbox.flush();
    await vi.waitFor(() => expect(server.fetch).toHaveBeenCalledTimes(1));
    await data.write({ kind: 'hypothesis.create', entityId: 'h3', body: { title: 'Three' } });
    const third = data.outbox.flush();
    release();
    const results = await Promise.all([first, second, third]);

    expect(results[0]).toBe(results[1]);
    expect(results[0]).toEqual({ sent: 3, conflicts: 0, failed: 0, stoppedOffline: false });
    expect(server.requests.map((r) => r.body?.id)).toEqual(['h1', 'h2', 'h3']);
    expect(await data.outbox.list()).toEqual([]);
  });

  it('applies the server record to the local cache and stores it for the next offline start', async () => {
    const before = await load();
    before.setMe({ memberId: 'u1', workspaceId: 'w1', role: 'member' } as unknown as NonNullable<
      ReturnType<Data['me']>
    >);
    await before.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'Cached' } });
    await before.sync(); // flush, then reload the visible queue (Node's navigator has no onLine, so no refresh)
    expect(before.ops()).toEqual([]);
    expect(before.hypotheses()).toEqual([expect.objectContaining({ id: 'h1', title: 'Cached', version: 1 })]);
    expect(before.hypotheses()[0]).not.toHaveProperty('pending');

    // The kv store holds the synced list, under its workspace; read it back through a fresh connection.
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open('hadi');
      r.onsuccess = () => resolve(r.result);
    });
    const cached = await new Promise<unknown>((resolve) => {
      const r = db.transaction('kv').objectStore('kv').get('ws:w1:hypotheses');
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    expect(cached).toEqual([expect.objectContaining({ id: 'h1', title: 'Cached' })]);
  });
});

describe('one sync at a time', () => {
  it('syncs asked for while one runs share a single follow-up run, which sends what was queued meanwhile', async () => {
    vi.stubGlobal('navigator', { onLine: true }); // online, so each run also refreshes the lists
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // which the fake server does not have
    const data = await load();
    data.setMe({ memberId: 'u1', workspaceId: 'w1', role: 'member' } as unknown as NonNullable<ReturnType<Data['me']>>);
    const release = server.hold();
    await data.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'One' } }); // sync 1, held
    await data.write({ kind: 'hypothesis.create', entityId: 'h2', body: { title: 'Two' } });
    const asked = [data.sync(), data.sync()];
    release();
    await Promise.all(asked);

    const sent = server.requests.map((r) => `${r.method} ${r.path}${r.method === 'POST' ? ` ${r.body?.id}` : ''}`);
    expect(sent.filter((r) => r.startsWith('POST'))).toEqual(['POST /api/hypotheses h1', 'POST /api/hypotheses h2']);
    expect(sent.filter((r) => r === 'GET /api/hypotheses')).toHaveLength(2); // not four: one per run
    expect(data.ops()).toEqual([]);
  });
});

describe('drafts', () => {
  it('are kept in IndexedDB across a reload until dropped', async () => {
    const before = await load();
    await before.saveDraft('hypothesis:new', { title: 'Half-typed', tags: ['a'] });
    const after = await load();
    expect(await after.loadDraft('hypothesis:new')).toEqual({ title: 'Half-typed', tags: ['a'] });
    await after.dropDraft('hypothesis:new');
    expect(await after.loadDraft('hypothesis:new')).toBeUndefined();
  });
});

// Issue 8 (#4): a result typed for a day that already has one is no dead end.
describe('a result for a day that already has one', () => {
  const day = { metricId: 'm', variantKey: 'b', date: '2026-11-01' };
  it('comes back as a conflict with the stored result, and "replace with mine" corrects it with its version', async () => {
    const data = await load();
    await data.write({
      kind: 'snapshot.create',
      entityId: 's1',
      parentId: 'c1',
      body: { ...day, units: 100, conversions: 5 },
    });
    await data.outbox.flush();
    await data.write({
      kind: 'snapshot.create',
      entityId: 's2',
      parentId: 'c1',
      body: { ...day, units: 100, conversions: 9 },
    });
    const result = await data.outbox.flush();
    expect(result).toMatchObject({ sent: 0, conflicts: 1, failed: 0 });
    const [op] = await data.outbox.list();
    expect(op).toMatchObject({ state: 'conflict', kind: 'snapshot.create', current: { id: 's1', conversions: 5 } });

    await data.outbox.keepMine(op!.seq);
    expect(await data.outbox.list()).toEqual([
      expect.objectContaining({
        kind: 'snapshot.replace',
        entityId: 's1',
        baseVersion: 1,
        state: 'pending',
        body: { units: 100, conversions: 9 },
      }),
    ]);
    expect(await data.outbox.flush()).toMatchObject({ sent: 1, conflicts: 0 });
    expect(server.requests.at(-1)).toMatchObject({
      method: 'PUT',
      path: '/api/cycles/c1/snapshots/s1',
      body: { units: 100, conversions: 9, version: 1 },
    });
    expect(server.snapshots.get('s1')).toMatchObject({ conversions: 9, version: 2 });
    expect(await data.outbox.list()).toEqual([]);
  });

  it('a correction of a version someone else corrected first is a conflict, not a silent overwrite', async () => {
    const data = await load();
    await data.write({
      kind: 'snapshot.create',
      entityId: 's1',
      parentId: 'c1',
      body: { ...day, units: 100, conversions: 5 },
    });
    await data.outbox.flush();
    server.snapshots.set('s1', { ...server.snapshots.get('s1'), conversions: 6, version: 2 });
    await data.outbox.enqueue({
      kind: 'snapshot.replace',
      entityId: 's1',
      parentId: 'c1',
      body: { units: 100, conversions: 7 },
      baseVersion: 1,
    });
    expect(await data.outbox.flush()).toMatchObject({ conflicts: 1 });
    const [op] = await data.outbox.list();
    expect(op).toMatchObject({ state: 'conflict', current: { version: 2, conversions: 6 } });
    await data.outbox.keepMine(op!.seq);
    await data.outbox.flush();
    expect(server.snapshots.get('s1')).toMatchObject({ conversions: 7, version: 3 });
  });
});
