import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../worker/app';
import { MATRIX, rowKey, type Expect } from './matrix';
import { createWorld, MATRIX_ROLES, type World } from './world';

const normalise = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

/** Method + path of every endpoint the app serves (middleware is registered as method ALL). */
export function appEndpoints() {
  const seen = new Set<string>();
  for (const r of createApp().routes) if (r.method !== 'ALL') seen.add(`${r.method} ${normalise(r.path)}`);
  return [...seen].sort();
}

const mounted = new Set(appEndpoints());
const matches = (expected: Expect, status: number) =>
  expected === 'ok' ? status >= 200 && status < 300 : status === expected;

describe('authorisation matrix', () => {
  let world: World;
  let checked = 0;
  beforeAll(async () => {
    world = await createWorld();
  }, 60_000);
  afterAll(() => {
    console.log(
      `[authz] ${checked} endpoint×role checks across ${new Set(MATRIX.map(rowKey)).size} endpoints and ${MATRIX_ROLES.length} roles; ${mounted.size} routes mounted`,
    );
  });

  it('has a row for every route the app serves (a new endpoint without a row fails here)', () => {
    const rows = new Set(MATRIX.map(rowKey));
    const missing = [...mounted].filter((route) => !rows.has(route));
    expect(missing, 'routes without a matrix row').toEqual([]);
  });

  for (const row of MATRIX) {
    const name = `${rowKey(row)}${row.variant ? ` (${row.variant})` : ''}`;
    it.skipIf(!mounted.has(rowKey(row)))(name, async () => {
      const failures: string[] = [];
      for (const role of MATRIX_ROLES) {
        const call = await row.request(world, role);
        const client = call.client ?? world.clientOf(role);
        const res = await client.request(row.method, call.path, call.body);
        checked++;
        const expected = row.expect[role];
        const pass = matches(expected, res.status) || (row.authzOnly && expected === 'ok' && res.status === 400);
        if (!pass)
          failures.push(`${role}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        if (res.status >= 400) expect(res.body?.error?.code, `${role} error shape`).toEqual(expect.any(String));
        // No existence leak: another workspace's ids answer exactly like unknown ids.
        if (role === 'otherWorkspace' && res.status === 404)
          expect(JSON.stringify(res.body)).not.toContain(world.ours.workspaceId);
      }
      expect(failures).toEqual([]);
    });
  }

  it('answers a random id exactly like another workspace’s id (404, same code)', async () => {
    const id = crypto.randomUUID();
    for (const path of [
      `/api/hypotheses/${id}`,
      `/api/cycles/${id}`,
      `/api/objectives/${id}`,
      `/api/learnings/${id}`,
      `/api/channels/${id}`,
    ]) {
      const res = await world.ours.admin.get(path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });
});
