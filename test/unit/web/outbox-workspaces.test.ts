/**
 * The outbox and caches are per workspace (web/src/data.ts on fake-indexeddb, the real typed client): a write
 * queued in one workspace is sent into that workspace (X-Hadi-Workspace) exactly once, even when another
 * workspace is on screen by then, and switching neither shows nor drops the other workspace's queue.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Data = typeof import('../../../web/src/data');
type Me = NonNullable<ReturnType<Data['me']>>;
type Sent = { path: string; workspace: string | null; id: unknown };

const profile = (workspaceId: string): Me =>
  ({
    memberId: `m-${workspaceId}`,
    workspaceId,
    workspace: workspaceId,
    role: 'member',
    tokenId: null,
  }) as unknown as Me;

let sent: Sent[];
let offline: boolean;

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  sent = [];
  offline = false;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (offline) throw new TypeError('Failed to fetch');
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const body = init?.body ? JSON.parse(String(init.body)) : {};
      sent.push({ path: url.pathname, workspace: new Headers(init?.headers).get('x-hadi-workspace'), id: body.id });
      return new Response(JSON.stringify({ ...body, version: 1 }), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function load(): Promise<Data> {
  vi.resetModules();
  return import('../../../web/src/data');
}

describe('per-workspace outbox', () => {
  it('sends a write queued offline in one workspace into that workspace, once, after switching to another', async () => {
    const data = await load();
    await data.signedIn(profile('client-a'));
    offline = true;
    await data.write({ kind: 'hypothesis.create', entityId: 'h-a', body: { title: 'Written in A' } });
    expect(data.ops().map((o) => o.workspaceId)).toEqual(['client-a']);

    // Switch to B (as the app does after auth/switch): A's write is neither shown nor dropped.
    await data.signedIn(profile('client-b'));
    expect(data.ops()).toEqual([]);
    expect(data.allOps().map((o) => o.entityId)).toEqual(['h-a']);
    expect(data.hypotheses().map((h) => h.title)).not.toContain('Written in A');
    await data.write({ kind: 'hypothesis.create', entityId: 'h-b', body: { title: 'Written in B' } });

    // Back online: each write goes to the workspace it was written in, exactly once.
    offline = false;
    await data.outbox.flush();
    await data.outbox.flush();
    expect(sent.filter((s) => s.path === '/api/hypotheses')).toEqual([
      { path: '/api/hypotheses', workspace: 'client-a', id: 'h-a' },
      { path: '/api/hypotheses', workspace: 'client-b', id: 'h-b' },
    ]);
    expect(await data.outbox.list()).toEqual([]);

    // A's cache got A's record; B's screen shows only B's.
    await data.signedIn(profile('client-a'));
    expect(data.hypotheses().map((h) => h.title)).toEqual(['Written in A']);
    await data.signedIn(profile('client-b'));
    expect(data.hypotheses().map((h) => h.title)).toEqual(['Written in B']);
  });

  it('survives a reload: the queue keeps each write’s workspace, and drafts are per workspace too', async () => {
    const before = await load();
    await before.signedIn(profile('client-a'));
    offline = true;
    await before.write({ kind: 'hypothesis.create', entityId: 'h1', body: { title: 'A idea' } });
    await before.saveDraft('new-hypothesis', { title: 'half-typed in A' });
    await before.signedIn(profile('client-b'));
    expect(await before.loadDraft('new-hypothesis')).toBeUndefined();

    const after = await load();
    expect((await after.outbox.list()).map((o) => [o.entityId, o.workspaceId])).toEqual([['h1', 'client-a']]);
    await after.signedIn(profile('client-a'));
    expect(await after.loadDraft('new-hypothesis')).toEqual({ title: 'half-typed in A' });
    // An edit made in another workspace never folds into this create (ids are per record, the check is explicit).
    await after.signedIn(profile('client-b'));
    await after.write({ kind: 'hypothesis.update', entityId: 'h1', body: { title: 'from B' } });
    const queued = await after.outbox.list();
    expect(queued.find((o) => o.kind === 'hypothesis.create')?.body).toEqual({ title: 'A idea' });
  });
});
