/**
 * The offline outbox: every write is queued here first (with its client-generated id), applied optimistically
 * by the app, and sent in order when the network allows. Pure logic over an injectable store (IndexedDB in the
 * app, see data.ts); tested through data.ts on fake-indexeddb in test/unit/web/outbox.test.ts.
 */
export type OpKind =
  | 'hypothesis.create'
  | 'hypothesis.update'
  | 'snapshot.create'
  /** A correction of a stored result: entityId is the snapshot, baseVersion the version corrected. */
  | 'snapshot.replace'
  | 'snapshot.delete'
  | 'comment.create';
export type OpState = 'pending' | 'conflict' | 'failed';

export type Op = {
  seq: number;
  kind: OpKind;
  /** The record the op creates or edits (client UUID for creates). */
  entityId: string;
  /** For snapshots: the cycle they belong to. */
  parentId?: string;
  /** The workspace it was written in: it is sent there and nowhere else, whatever is on screen by then. */
  workspaceId?: string;
  body: Record<string, unknown>;
  /** For updates: the version the user edited. */
  baseVersion?: number;
  state: OpState;
  error?: string;
  /** For conflicts: the server's current record. */
  current?: Record<string, unknown>;
  createdAt: number;
};

export interface OpStore {
  all(): Promise<Op[]>;
  put(op: Op): Promise<void>;
  delete(seq: number): Promise<void>;
}

/** Sends one op; resolves with the server's record, rejects with an error that has `status` for HTTP answers. */
export type Sender = (op: Op) => Promise<unknown>;

export type FlushResult = { sent: number; conflicts: number; failed: number; stoppedOffline: boolean };

/** A 409 the user can settle from the app (their edit vs the stored record), rather than a refusal. */
const resolvable = (op: Op, err: unknown) => {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (op.kind === 'hypothesis.update') return true;
  if (op.kind === 'snapshot.create') return code === 'duplicate_result';
  return op.kind !== 'hypothesis.create' && code === 'version_conflict'; // a closed cycle's refusal stays a refusal
};

const currentOf = (err: unknown): Record<string, unknown> | undefined =>
  typeof err === 'object' && err !== null ? (err as { current?: Record<string, unknown> }).current : undefined;

/**
 * A retry of a write the server had already applied, its answer lost on the way back (a dropped connection, a
 * timeout): the record was changed once since the version edited and now says what the edit says, or the record
 * to delete is gone. Settled as sent rather than shown as a conflict with itself.
 */
export const landedBefore = (op: Op, status: number, err: unknown): boolean => {
  if (op.kind === 'snapshot.delete') return status === 404;
  if (status !== 409 || (op.kind !== 'snapshot.replace' && op.kind !== 'hypothesis.update')) return false;
  const current = currentOf(err);
  if (!current || op.baseVersion === undefined || current.version !== op.baseVersion + 1) return false;
  return Object.entries(op.body).every(([k, v]) => JSON.stringify(current[k] ?? null) === JSON.stringify(v ?? null));
};

const statusOf = (err: unknown): number | undefined =>
  typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number'
    ? (err as { status: number }).status
    : undefined;

export class Outbox {
  private lastSeq = 0;
  private running: Promise<FlushResult> | null = null;

  constructor(
    private readonly store: OpStore,
    private readonly send: Sender,
    private readonly onApplied: (op: Op, result: unknown) => void | Promise<void> = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<Op[]> {
    return (await this.store.all()).sort((a, b) => a.seq - b.seq);
  }

  private nextSeq(ops: Op[]) {
    const max = ops.reduce((m, op) => Math.max(m, op.seq), this.lastSeq);
    this.lastSeq = Math.max(max + 1, this.now() * 1000);
    return this.lastSeq;
  }

  /**
   * Queues a write. An edit of a record whose create (or earlier edit) has not been sent yet folds into it,
   * so the server sees one create with the final values instead of a create and a stale edit.
   */
  enqueue(input: Omit<Op, 'seq' | 'state' | 'createdAt'>): Promise<Op> {
    return this.exclusive(async () => {
      const ops = await this.list();
      if (input.kind === 'hypothesis.update') {
        const target = ops.find(
          (op) =>
            op.state === 'pending' &&
            op.entityId === input.entityId &&
            op.workspaceId === input.workspaceId &&
            (op.kind === 'hypothesis.create' || op.kind === 'hypothesis.update'),
        );
        if (target) {
          const folded: Op = { ...target, body: { ...target.body, ...input.body } };
          await this.store.put(folded);
          return folded;
        }
      }
      const op: Op = { ...input, seq: this.nextSeq(ops), state: 'pending', createdAt: this.now() };
      await this.store.put(op);
      return op;
    });
  }

  /**
   * Read-modify-write steps on the store run one at a time, so an edit folded into an op that is on the wire
   * cannot be deleted (or overwritten) by the flush that sent the op's older body.
   */
  private lock: Promise<unknown> = Promise.resolve();
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => {});
    return run;
  }

  private again = false;

  /**
   * Sends pending ops in order; stops at the first network failure (they stay queued). One flush at a time:
   * a flush asked for while one runs makes it go round once more, so ops queued meanwhile are not left behind.
   */
  flush(): Promise<FlushResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const total: FlushResult = { sent: 0, conflicts: 0, failed: 0, stoppedOffline: false };
      do {
        this.again = false;
        const r = await this.doFlush();
        total.sent += r.sent;
        total.conflicts += r.conflicts;
        total.failed += r.failed;
        total.stoppedOffline = r.stoppedOffline;
        if (r.stoppedOffline) break;
      } while (this.again);
      return total;
    })().finally(() => (this.running = null));
    return this.running;
  }

  private async doFlush(): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, conflicts: 0, failed: 0, stoppedOffline: false };
    for (const listed of await this.list()) {
      if (listed.state !== 'pending') continue;
      // Read it again: an earlier send in this pass may have taken a while, and the op been edited or discarded meanwhile.
      const op = await this.find(listed.seq);
      if (op?.state !== 'pending') continue;
      let record: unknown;
      try {
        record = await this.send(op);
      } catch (err) {
        const status = statusOf(err);
        const message = err instanceof Error ? err.message : String(err);
        if (status === undefined || status === 401 || status === 429 || status >= 500) {
          result.stoppedOffline = true;
          break;
        }
        if (landedBefore(op, status, err)) {
          await this.settled(op, currentOf(err) ?? null);
          result.sent++;
          continue;
        }
        const marked = await this.exclusive(async () => {
          // Keep an edit folded in while the op was on the wire; a write discarded meanwhile stays discarded.
          const stored = await this.find(op.seq);
          if (!stored) return false;
          if (status === 409 && resolvable(op, err)) {
            const current = currentOf(err);
            await this.store.put({ ...stored, state: 'conflict', error: message, ...(current ? { current } : {}) });
          } else {
            await this.store.put({ ...stored, state: 'failed', error: message });
          }
          return true;
        });
        if (marked && status === 409 && resolvable(op, err)) result.conflicts++;
        else if (marked) result.failed++;
        continue;
      }
      await this.settled(op, record);
      result.sent++;
    }
    return result;
  }

  /** The server applied the op: drop it (or keep what was edited while it was on the wire) and apply its record. */
  private async settled(op: Op, record: unknown) {
    await this.exclusive(async () => {
      const stored = await this.find(op.seq);
      const edited =
        stored && op.kind.startsWith('hypothesis.')
          ? Object.entries(stored.body).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(op.body[k]))
          : [];
      if (stored && edited.length > 0) {
        // Edited while on the wire: what was sent is applied; the fields changed since go next, as an edit of the version just written.
        const version = (record as { version?: unknown } | null | undefined)?.version;
        await this.store.put({
          ...stored,
          kind: 'hypothesis.update',
          body: Object.fromEntries(edited),
          ...(typeof version === 'number' ? { baseVersion: version } : {}),
        });
        this.again = true;
      } else {
        await this.store.delete(op.seq);
      }
    });
    await this.onApplied(op, record);
  }

  /**
   * Conflict resolution "keep mine": re-apply my edit on top of the server's current version. For a result typed
   * for a day that already has one, that is "replace with mine": a correction of the stored snapshot.
   */
  keepMine(seq: number): Promise<void> {
    return this.exclusive(async () => {
      const op = await this.find(seq);
      if (!op) return;
      if (op.kind === 'snapshot.create' && typeof op.current?.id === 'string') {
        const { error: _e, current, ...rest } = op;
        const { metricId: _m, variantKey: _v, date: _d, ...numbers } = op.body;
        await this.store.put({
          ...rest,
          kind: 'snapshot.replace',
          entityId: current.id as string,
          body: numbers,
          state: 'pending',
          baseVersion: typeof current.version === 'number' ? current.version : 1,
        });
        return;
      }
      const version = typeof op.current?.version === 'number' ? op.current.version : op.baseVersion;
      const { error: _e, current: _c, ...rest } = op;
      await this.store.put({ ...rest, state: 'pending', ...(version !== undefined ? { baseVersion: version } : {}) });
    });
  }

  /** Conflict resolution "take theirs" (or discarding a failed write): drop my op. */
  discard(seq: number): Promise<Op | undefined> {
    return this.exclusive(async () => {
      const op = await this.find(seq);
      await this.store.delete(seq);
      return op;
    });
  }

  private async find(seq: number): Promise<Op | undefined> {
    return (await this.store.all()).find((o) => o.seq === seq);
  }
}

/** An in-memory store (tests, and the fallback when IndexedDB is unavailable). */
export class MemoryStore implements OpStore {
  private readonly ops = new Map<number, Op>();
  async all() {
    return [...this.ops.values()].map((op) => structuredClone(op));
  }
  async put(op: Op) {
    this.ops.set(op.seq, structuredClone(op));
  }
  async delete(seq: number) {
    this.ops.delete(seq);
  }
}
