import { drizzle } from 'drizzle-orm/d1';
import { D1Connection } from './d1/connection';

/**
 * Drizzle over a metered connection (a bare binding, or a D1 Sessions API session for read replicas). No schema is
 * passed: Hadi uses the query builder, not `db.query`, and a schema makes every request re-derive the relational
 * config of all tables (an eighth of a bare request's CPU, measured with the inspector under load).
 */
export const createDb = (d1: D1Database | D1DatabaseSession | D1Connection) => {
  const connection = d1 instanceof D1Connection ? d1 : new D1Connection(d1);
  return drizzle(connection as unknown as D1Database) as unknown as DrizzleDb & { $client: D1Connection };
};
type DrizzleDb = ReturnType<typeof drizzle>;
export type Db = ReturnType<typeof createDb>;

export const nowIso = () => new Date().toISOString();
export const newId = () => crypto.randomUUID();
