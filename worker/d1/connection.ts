import { hasUniqueColumns, withPositionalNames } from './select-columns';

/** What one request asked of D1: round trips, statements, and rows read and written as D1's `meta` reports them. */
export type D1Usage = { roundTrips: number; statements: number; rowsRead: number; rowsWritten: number };

/**
 * A check that rides along with the request's first read instead of costing a round trip of its own
 * (speculative authentication: see worker/auth/speculation.ts). `accept` throws when its rows don't confirm.
 */
export type RideAlong = { statement: Statement; accept(rows: Record<string, unknown>[]): void };

/** A SELECT, or a WITH … SELECT (a CTE that writes names INSERT, UPDATE, DELETE or REPLACE somewhere). */
const isRead = (sql: string) =>
  /^\s*select\s/i.test(sql) || (/^\s*with\s/i.test(sql) && !/\b(insert|update|delete|replace)\b/i.test(sql));

type PendingRead = {
  statements: Statement[];
  resolve(results: D1Result[]): void;
  reject(err: unknown): void;
};

/**
 * The D1 binding (or a D1 Sessions API session) as drizzle sees it, counting what it costs and letting one
 * pending check share the first read's round trip. Writes never run before that check has passed.
 */
export class D1Connection {
  readonly usage: D1Usage = { roundTrips: 0, statements: 0, rowsRead: 0, rowsWritten: 0 };
  private rider: RideAlong | null = null;

  constructor(private readonly d1: D1Database | D1DatabaseSession) {}

  prepare(sql: string): Statement {
    return new Statement(this, this.d1.prepare(sql), sql);
  }

  /** The Sessions API bookmark after this request's queries (null on a plain binding or before any query). */
  bookmark(): string | null {
    return 'getBookmark' in this.d1 ? this.d1.getBookmark() : null;
  }

  rideAlong(rider: RideAlong) {
    this.rider = rider;
  }

  /** Runs a pending check on its own (a request that wrote first, or never read). */
  async settle() {
    const rider = this.rider;
    if (!rider) return;
    this.rider = null;
    const [result] = await this.send([rider.statement]);
    rider.accept(result!.results as Record<string, unknown>[]);
  }

  async batch(statements: Statement[]): Promise<D1Result[]> {
    return this.execute(statements);
  }

  /**
   * Rows come back as objects; `Statement.raw` sends only SELECTs whose column names are unique. Reads issued
   * together (`Promise.all`) wait one macrotask and leave as one batch: one round trip, one consistent snapshot.
   */
  async execute(statements: Statement[]): Promise<D1Result[]> {
    if (!statements.every((s) => isRead(s.sql))) {
      await this.flushReads();
      await this.settle();
      return this.send(statements);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ statements, resolve, reject });
      this.flushing ??= new Promise<void>((done) => setTimeout(done, 0)).then(() => this.flushReads());
    });
  }

  private pending: PendingRead[] = [];
  private flushing: Promise<void> | null = null;

  /** Sends every queued read in one batch, with the pending check (if any) riding in front of them. */
  private async flushReads() {
    const queued = this.pending;
    this.pending = [];
    this.flushing = null;
    if (queued.length === 0) return;
    const rider = this.rider;
    this.rider = null;
    const statements = queued.flatMap((q) => q.statements);
    try {
      const results = await this.send(rider ? [rider.statement, ...statements] : statements);
      if (rider) rider.accept(results.shift()!.results as Record<string, unknown>[]);
      let at = 0;
      for (const q of queued) {
        q.resolve(results.slice(at, at + q.statements.length));
        at += q.statements.length;
      }
    } catch (err) {
      for (const q of queued) q.reject(err);
    }
  }

  /** `raw()` keeps column order even when names repeat, but D1 then reports no meta: counted, rows unknown. */
  async rawUnmetered(statement: Statement): Promise<unknown[][]> {
    await this.settle();
    this.usage.roundTrips++;
    this.usage.statements++;
    return statement.inner.raw();
  }

  private async send(statements: Statement[]): Promise<D1Result[]> {
    const inner = statements.map((s) => s.inner);
    const results = inner.length === 1 ? [await inner[0]!.all()] : await this.d1.batch(inner);
    this.usage.roundTrips++;
    this.usage.statements += statements.length;
    for (const { meta } of results) {
      this.usage.rowsRead += meta.rows_read ?? 0;
      this.usage.rowsWritten += meta.rows_written ?? 0;
    }
    return results;
  }
}

/** A prepared statement that runs through its connection (so reads can share a round trip and are metered). */
export class Statement {
  constructor(
    private readonly connection: D1Connection,
    readonly inner: D1PreparedStatement,
    readonly sql: string,
    private readonly values: unknown[] = [],
  ) {}

  bind(...values: unknown[]): Statement {
    return new Statement(this.connection, this.inner.bind(...values), this.sql, values);
  }

  async all<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    const [result] = await this.connection.execute([this]);
    return result as D1Result<T>;
  }

  async run<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    const [result] = await this.connection.execute([this]);
    return result as D1Result<T>;
  }

  async first<T = Record<string, unknown>>(column?: string): Promise<T | null> {
    const [result] = await this.connection.execute([this]);
    const row = (result!.results[0] ?? null) as Record<string, unknown> | null;
    return (column ? (row?.[column] ?? null) : row) as T | null;
  }

  async raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<T[]> {
    if (options?.columnNames) {
      await this.connection.settle();
      return this.inner.raw({ columnNames: true }) as Promise<T[]>;
    }
    // Repeated names (joins) would collapse in objects: the same SELECT with its columns renamed by position.
    // The SQL is read once here (the hot path); only a statement with unique names goes through objects.
    const sql = hasUniqueColumns(this.sql) ? this.sql : withPositionalNames(this.sql);
    if (sql === null || (sql !== this.sql && !hasUniqueColumns(sql))) {
      return this.connection.rawUnmetered(this) as Promise<T[]>;
    }
    const statement = sql === this.sql ? this : this.connection.prepare(sql).bind(...this.values);
    const [result] = await this.connection.execute([statement]);
    return (result!.results as Record<string, unknown>[]).map((row) => Object.values(row)) as T[];
  }
}
