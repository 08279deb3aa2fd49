import { env } from 'cloudflare:test';
import { count, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { rateLimits, sessions, users, workspaces } from '../../db/schema';
import { exportWorkspace, importWorkspace, type BackupDocument } from '../../worker/backup';
import { SCOPED_TABLES, tableName } from '../../worker/backup/tables';
import { createDb } from '../../worker/db';
import type { ApiError } from '../../worker/http/errors';
import { anonymous, Client, cookieFrom, createTeam, login, PASSWORD } from './support/client';

const db = () => createDb(env.DB);
const viaFile = (doc: BackupDocument): BackupDocument => JSON.parse(JSON.stringify(doc));
const ALL_TABLES = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));

/** This file's D1 holds only what the test made, so emptying every table (children first) gives an empty database. */
async function wipeAll() {
  const d = db();
  await d.delete(sessions);
  for (const table of [...SCOPED_TABLES].reverse()) await d.delete(table);
  await d.delete(users);
  await d.delete(workspaces);
  await d.delete(rateLimits);
  for (const table of ALL_TABLES) expect((await d.select({ n: count() }).from(table))[0]!.n, tableName(table)).toBe(0);
}

describe('backup and restore when a person belongs to several workspaces', () => {
  it('exports each workspace on its own and restores both, sharing the one account, losslessly', async () => {
    const a = await createTeam('Client A');
    const leadEmail = (await a.lead.get('/api/auth/me')).body.email as string;
    const lead = await login(leadEmail, PASSWORD);
    const b = (await lead.post('/api/workspaces', { name: 'Client B', currency: 'USD' })).body;
    const inB = new Client({ cookie: cookieFrom(await lead.post('/api/auth/switch', { workspaceId: b.id })) });
    expect((await inB.post('/api/hypotheses', { title: 'Only in B' })).status).toBe(201);
    expect((await a.member.post('/api/hypotheses', { title: 'Only in A' })).status).toBe(201);

    const docA = viaFile(await exportWorkspace(db(), a.workspaceId));
    const docB = viaFile(await exportWorkspace(db(), b.id));
    // Each file holds its own workspace only; the shared person travels in both.
    expect(docB.tables.hypotheses!.map((h) => h.title)).toEqual(['Only in B']);
    expect(docA.tables.hypotheses!.map((h) => h.title)).toEqual(['Only in A']);
    expect(docB.tables.users!.map((u) => u.email)).toEqual([leadEmail]);
    expect(docA.tables.users!.map((u) => u.email)).toContain(leadEmail);
    expect(JSON.stringify(docA)).not.toContain(b.id);

    await wipeAll();
    const first = await importWorkspace(db(), docA);
    expect(first.counts.users).toBe(docA.tables.users!.length);
    const second = await importWorkspace(db(), docB);
    expect(second.counts.users, 'the shared account is reused, not duplicated').toBe(0);
    expect((await db().select({ n: count() }).from(users))[0]!.n).toBe(docA.tables.users!.length);

    expect(viaFile(await exportWorkspace(db(), a.workspaceId)).tables).toEqual(docA.tables);
    expect(viaFile(await exportWorkspace(db(), b.id)).tables).toEqual(docB.tables);
    expect(viaFile(await exportWorkspace(db(), b.id)).workspace).toEqual(docB.workspace);

    // One sign-in runs both again.
    const res = await anonymous.post('/api/auth/login', { email: leadEmail, password: PASSWORD, workspaceId: b.id });
    expect(res.status).toBe(200);
    const person = new Client({ cookie: cookieFrom(res) });
    expect((await person.get('/api/workspaces')).body.items.map((w: { name: string }) => w.name)).toEqual([
      'Client A',
      'Client B',
    ]);
    expect((await person.get('/api/hypotheses')).body.items.map((h: { title: string }) => h.title)).toEqual([
      'Only in B',
    ]);

    // Re-importing B is still refused (the workspace exists), and so is a B whose copy of the account differs.
    const again = await importWorkspace(db(), docB).catch((e: unknown) => e);
    expect((again as ApiError).status).toBe(409);
    const forged = viaFile(docB);
    forged.workspace.id = crypto.randomUUID();
    for (const t of Object.values(forged.tables))
      for (const row of t) if ('workspaceId' in row) row.workspaceId = forged.workspace.id;
    forged.tables.users![0]!.passwordHash = 'f'.repeat(64);
    const grafted = await importWorkspace(db(), forged).catch((e: unknown) => e);
    expect((grafted as ApiError).status).toBe(409);
    expect((grafted as ApiError).message).toContain(leadEmail);
  });
});
