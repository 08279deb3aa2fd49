/**
 * Wraps a D1 binding to record every statement a piece of code runs (SQL and bound values), so a test can
 * count them and replay each with `.all()` to read D1's `meta.rows_read` and the query plan: the evidence
 * that a list or analysis is a few indexed queries, not N+1.
 */
export function recordingD1(d1: D1Database) {
  const statements: { sql: string; params: unknown[] }[] = [];
  const wrap = (statement: D1PreparedStatement, sql: string, params: unknown[]): D1PreparedStatement =>
    new Proxy(statement, {
      get(target, prop) {
        if (prop === 'bind') return (...args: unknown[]) => wrap(target.bind(...args), sql, args);
        if (['all', 'raw', 'first', 'run'].includes(prop as string)) statements.push({ sql, params });
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const db = new Proxy(d1, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql, []);
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, statements };
}

/** Rows D1 reports reading for each recorded statement, and SQLite's plan for it. */
export async function costOf(d1: D1Database, statements: { sql: string; params: unknown[] }[]) {
  let rowsRead = 0;
  const plans: string[] = [];
  for (const { sql, params } of statements) {
    const result = await d1
      .prepare(sql)
      .bind(...params)
      .all();
    rowsRead += result.meta.rows_read ?? 0;
    const plan = await d1
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    plans.push(plan.results.map((r) => r.detail).join(' | '));
  }
  return { rowsRead, plans };
}
