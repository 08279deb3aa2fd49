import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../db/schema';
import { D1Connection } from './d1/connection';

/** Drizzle over a metered connection (a bare binding, or a D1 Sessions API session for read replicas). */
export const createDb = (d1: D1Database | D1DatabaseSession | D1Connection) => {
  const connection = d1 instanceof D1Connection ? d1 : new D1Connection(d1);
  return drizzle(connection as unknown as D1Database, { schema }) as unknown as DrizzleDb & { $client: D1Connection };
};
type DrizzleDb = ReturnType<typeof drizzle<typeof schema>>;
export type Db = ReturnType<typeof createDb>;

export const nowIso = () => new Date().toISOString();
export const newId = () => crypto.randomUUID();
