import { env } from 'cloudflare:test';
import { count, eq, inArray, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { apiTokens, members, rateLimits, sessions, users, workspaces } from '../../db/schema';
import {
  BACKUP_TABLES,
  EXCLUDED_TABLES,
  exportWorkspace,
  importWorkspace,
  type BackupDocument,
} from '../../worker/backup';
import { SCOPED_TABLES, tableName } from '../../worker/backup/tables';
import { createDb, type Db } from '../../worker/db';
import { ApiError } from '../../worker/http/errors';
import { anonymous, Client, cookieFrom, createTeam, PASSWORD, type Team } from './support/client';
import { catalog, draftCycle, winningResults } from './support/fixtures';

const db = () => createDb(env.DB);
/** What goes into and comes out of the file: plain JSON, no Dates or undefined. */
const viaFile = (doc: BackupDocument): BackupDocument => JSON.parse(JSON.stringify(doc));

/** Every table in db/schema.ts, by SQL name. */
const ALL_TABLES = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));

async function rowCounts(database: Db) {
  const counts: Record<string, number> = {};
  for (const table of ALL_TABLES) counts[tableName(table)] = (await database.select({ n: count() }).from(table))[0]!.n;
  return counts;
}

/**
 * Why delete instead of a second database: the api project gives each test file one D1 (isolated storage),
 * and adding a second binding would mean changing the shared wrangler/vitest config. This file creates exactly
 * one workspace, so once its rows are gone the database is empty, and the test asserts that (every table 0)
 * before restoring. Children are deleted before parents because D1 enforces foreign keys.
 */
async function wipeWorkspace(database: Db, workspaceId: string) {
  const memberRows = await database
    .select({ id: members.id, userId: members.userId })
    .from(members)
    .where(eq(members.workspaceId, workspaceId));
  if (memberRows.length)
    await database.delete(sessions).where(
      inArray(
        sessions.memberId,
        memberRows.map((m) => m.id),
      ),
    );
  for (const table of [...SCOPED_TABLES].reverse())
    await database.delete(table).where(eq(table.workspaceId, workspaceId));
  if (memberRows.length)
    await database.delete(users).where(
      inArray(
        users.id,
        memberRows.map((m) => m.userId),
      ),
    );
  await database.delete(workspaces).where(eq(workspaces.id, workspaceId));
  await database.delete(rateLimits);
}

async function expectApiError(promise: Promise<unknown>, status: number) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'expected the import to be refused').toBeInstanceOf(ApiError);
  expect((err as ApiError).status).toBe(status);
  return err as ApiError;
}

/** A workspace that touches every backed-up table through the real HTTP API. */
async function buildRealisticWorkspace(team: Team) {
  const { metric } = await catalog(team.member);
  const objective = await team.lead.post('/api/objectives', {
    title: 'Lower blended CAC in Q3',
    primaryMetricId: metric('CPA'),
    secondaryMetricIds: [metric('ROAS')],
    baseline: 42.5,
    target: 35,
    guardrails: { cacMax: 50, roasFloor: 2.1 },
    budgetEnvelope: 25000,
    approvalThreshold: 10000,
  });
  expect(objective.status, JSON.stringify(objective.body)).toBe(201);
  // Money layer (issue 11): the objective's funnel with a saved scenario.
  const funnel = { traffic: 40000, spend: 20000, stages: [{ name: 'sale', rate: 0.02 }], value: 90 };
  const scenarios = [{ id: 'scale', name: 'Scale', changes: [{ target: 'spend', relative: 0.2 }] }];
  expect(
    (await team.lead.request('PUT', `/api/funnels/${objective.body.id}`, { model: funnel, scenarios })).status,
  ).toBe(201);
  await team.member.post('/api/hypotheses', {
    title: 'UGC video for cart abandoners',
    impact: 7,
    confidence: 5,
    ease: 4,
    tags: ['video', 'ugc'],
    objectiveId: objective.body.id,
  });
  const { cycle } = await draftCycle(team, { objectiveId: objective.body.id });
  expect((await team.lead.post(`/api/cycles/${cycle.id}/launch`, { version: 1 })).status).toBe(200);
  expect((await team.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric))).status).toBe(201);
  // A discussion with a mention (comments and inbox_items).
  const mention = { targetType: 'cycle', targetId: cycle.id, body: '@leadperson shall we close it?' };
  expect((await team.member.post('/api/comments', mention)).status).toBe(201);
  const closed = await team.lead.post(`/api/cycles/${cycle.id}/close`, {
    decision: 'ship',
    learning: {
      summary: 'Free-shipping banner lifted conversion ~40% at flat CPA',
      tags: ['shipping'],
      nextSteps: 'Roll out to all search traffic',
    },
    followUps: [{ title: 'Free-shipping banner on social landing pages', lever: 'offer' }],
  });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  // Operating rhythm: an insight citing the closed cycle, and a weekly review with a narrative.
  const insight = await team.lead.post('/api/insights', {
    title: 'Shipping cost is the top objection',
    citations: [{ cycleId: cycle.id, stance: 'supports' }],
  });
  expect(insight.status, JSON.stringify(insight.body)).toBe(201);
  const review = await team.lead.post('/api/reviews', {});
  expect(review.status, JSON.stringify(review.body)).toBe(201);
  expect((await team.lead.patch(`/api/reviews/${review.body.id}`, { narrative: 'Ship it', version: 1 })).status).toBe(
    200,
  );
  // A pending invite keeps its invite-token hash and a user with no password yet.
  expect(
    (
      await team.admin.post('/api/members', {
        email: `pending-${Date.now()}@example.com`,
        name: 'Pending Person',
        role: 'viewer',
      })
    ).status,
  ).toBe(201);
  const token = await team.admin.post('/api/tokens', { name: 'Looker sync', role: 'viewer' });
  expect(token.status).toBe(201);
  const revoked = await team.admin.post('/api/tokens', { name: 'Old script', role: 'member' });
  expect((await team.admin.delete(`/api/tokens/${revoked.body.id}`)).status).toBe(204);
  return { token: token.body.token as string, revokedToken: revoked.body.token as string, cycleId: cycle.id as string };
}

describe('backup and restore of a workspace', () => {
  let team: Team;
  let original: BackupDocument;
  let secrets: Awaited<ReturnType<typeof buildRealisticWorkspace>>;
  let adminEmail: string;

  beforeAll(async () => {
    team = await createTeam('Backup Co');
    secrets = await buildRealisticWorkspace(team);
    original = viaFile(await exportWorkspace(db(), team.workspaceId));
    const adminMember = original.tables.members!.find((m) => m.id === team.ids.admin)!;
    adminEmail = original.tables.users!.find((u) => u.id === adminMember.userId)!.email as string;
  });

  it('decides about every table in db/schema.ts: backed up or excluded for a stated reason', () => {
    const decided = [...BACKUP_TABLES.map(tableName), ...Object.keys(EXCLUDED_TABLES)].sort();
    expect(decided).toEqual(ALL_TABLES.map(tableName).sort());
  });

  it('exports every workspace table, sorted by id, with the secrets a restore needs and no sessions', () => {
    expect(original).toMatchObject({
      format: 'hadi-backup',
      version: 1,
      workspace: { id: team.workspaceId, name: 'Backup Co' },
    });
    expect(Object.keys(original.tables).sort()).toEqual(BACKUP_TABLES.map(tableName).sort());
    for (const [name, rows] of Object.entries(original.tables)) {
      expect(rows.length, `${name} should have rows in the realistic workspace`).toBeGreaterThan(0);
      const ids = rows.map((r) => r.id as string);
      expect(ids, `${name} sorted by id`).toEqual([...ids].sort());
    }
    expect(original.tables.users).toHaveLength(5); // admin, viewer, member, lead, the pending invitee
    expect(original.tables.users!.find((u) => u.email === adminEmail)).toMatchObject({
      passwordHash: expect.any(String),
      passwordSalt: expect.any(String),
    });
    expect(original.tables.api_tokens!.every((t) => typeof t.tokenHash === 'string')).toBe(true);
    expect(original.tables.learnings![0]).toMatchObject({
      decision: 'ship',
      isOverride: false,
      evidence: { verdict: { decision: 'ship' } },
    });
    expect(original.tables.snapshots).toHaveLength(4);
    expect(JSON.stringify(original)).not.toContain(secrets.token); // only the hash travels
    expect(original.tables).not.toHaveProperty('sessions');
  });

  it('reads in pages without gaps or repeats (page size 2 gives the same document as the default)', async () => {
    const paged = viaFile(await exportWorkspace(db(), team.workspaceId, { pageSize: 2 }));
    expect(paged.tables).toEqual(original.tables);
  });

  it('refuses to import into a database that already has the workspace, and changes nothing', async () => {
    const before = await rowCounts(db());
    const err = await expectApiError(importWorkspace(db(), original), 409);
    expect(err.message).toMatch(/already has workspace "Backup Co".*empty database/);
    expect(await rowCounts(db())).toEqual(before);
  });

  it('refuses a backup whose users already exist here as other accounts, even under a new workspace id', async () => {
    const before = await rowCounts(db());
    const renamed: BackupDocument = JSON.parse(
      JSON.stringify(original).replaceAll(team.workspaceId, crypto.randomUUID()),
    );
    // 120 unknown users first: the clash is found in a later chunk of the lookup (D1's 100-parameter limit).
    const strangers = Array.from({ length: 120 }, (_, i) => ({
      ...renamed.tables.users![0]!,
      id: `stranger-${i}`,
      email: `stranger-${i}@example.com`,
    }));
    // An edited backup that keeps the emails but not the accounts (another password hash) would take them over.
    for (const user of renamed.tables.users!) user.passwordHash = 'f'.repeat(64);
    renamed.tables.users!.unshift(...strangers);
    const err = await expectApiError(importWorkspace(db(), renamed), 409);
    expect(err.message).toMatch(/already has a user .*@example\.com.*one sign-in across all workspaces/);
    expect(await rowCounts(db())).toEqual(before);
  });

  it('refuses malformed documents with a 400 naming the field', async () => {
    const broken = viaFile(original);
    delete broken.tables.cycles![0]!.name;
    const missing = await expectApiError(importWorkspace(db(), broken), 400);
    expect(missing.message).toContain('tables.cycles.0.name');
    expect(missing.extra.fields).toHaveProperty(['tables.cycles.0.name']);

    const future = { ...viaFile(original), version: 2 };
    expect((await expectApiError(importWorkspace(db(), future), 400)).message).toMatch(/^Invalid version: .*version 1/);
    expect((await expectApiError(importWorkspace(db(), { hello: 'world' }), 400)).message).toMatch(
      /^Invalid format: not a Hadi backup/,
    );

    const wrongType = viaFile(original);
    wrongType.tables.snapshots![1]!.units = '6000';
    expect((await expectApiError(importWorkspace(db(), wrongType), 400)).extra.fields).toHaveProperty([
      'tables.snapshots.1.units',
    ]);

    const unknownColumn = viaFile(original);
    unknownColumn.tables.hypotheses![0]!.colour = 'red';
    expect((await expectApiError(importWorkspace(db(), unknownColumn), 400)).message).toContain('tables.hypotheses.0');
  });

  it('refuses rows that point outside the backup (no grafting onto other workspaces or users)', async () => {
    const foreign = viaFile(original);
    foreign.tables.channels![2]!.workspaceId = 'someone-elses-workspace';
    expect((await expectApiError(importWorkspace(db(), foreign), 400)).extra.fields).toHaveProperty([
      'tables.channels.2.workspaceId',
    ]);

    const dangling = viaFile(original);
    dangling.tables.users = dangling.tables.users!.filter((u) => u.email !== adminEmail);
    const err = await expectApiError(importWorkspace(db(), dangling), 400);
    expect(err.message).toMatch(
      /^Invalid tables\.members\.\d+\.userId: points at a users row that is not in the backup/,
    );
  });

  it('restores into an empty database losslessly: same export, working logins and tokens, refuses a second import', async () => {
    await wipeWorkspace(db(), team.workspaceId);
    const emptied = await rowCounts(db());
    expect(
      Object.values(emptied).every((n) => n === 0),
      JSON.stringify(emptied),
    ).toBe(true);
    expect((await new Client({ token: secrets.token }).get('/api/hypotheses')).status).toBe(401);

    // All or nothing: a bad row at the very end (a duplicate audit id) rolls back everything inserted before it.
    const duplicate = viaFile(original);
    duplicate.tables.audit_entries!.push({ ...duplicate.tables.audit_entries![0]! });
    expect((await expectApiError(importWorkspace(db(), duplicate), 409)).message).toMatch(
      /constraint failed.*nothing was changed/,
    );
    expect(await rowCounts(db())).toEqual(emptied);
    // Same in small batches: earlier batches commit, so the failure must delete what they wrote.
    expect((await expectApiError(importWorkspace(db(), duplicate, { statementsPerBatch: 3 }), 409)).code).toBe(
      'already_exists',
    );
    expect(await rowCounts(db())).toEqual(emptied);

    const result = await importWorkspace(db(), original);
    expect(result.batches).toBe(1);
    expect(result.counts).toEqual({
      workspaces: 1,
      ...Object.fromEntries(Object.entries(original.tables).map(([name, rows]) => [name, rows.length])),
    });

    // Compare before anything signs in, so the comparison sees only what the import wrote.
    const restored = viaFile(await exportWorkspace(db(), team.workspaceId));
    expect(restored.workspace).toEqual(original.workspace);
    expect(restored.tables).toEqual(original.tables);

    const again = await expectApiError(importWorkspace(db(), original), 409);
    expect(again.code).toBe('already_exists');
    expect(viaFile(await exportWorkspace(db(), team.workspaceId)).tables).toEqual(original.tables);

    // The restored admin signs in through the Worker with the original password and sees the restored work.
    const login = await anonymous.post('/api/auth/login', { email: adminEmail, password: PASSWORD });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const admin = new Client({ cookie: cookieFrom(login) });
    const learnings = await admin.get('/api/learnings');
    expect(learnings.body.items.map((l: { cycleId: string }) => l.cycleId)).toEqual([secrets.cycleId]);
    expect(
      (await admin.get(`/api/audit?entityId=${secrets.cycleId}`)).body.items
        .map((a: { action: string }) => a.action)
        .sort(),
    ).toEqual(['close', 'create', 'launch']);
    expect((await anonymous.post('/api/auth/login', { email: adminEmail, password: 'wrong password' })).status).toBe(
      401,
    );

    // The integration token still works, and the revoked one stays revoked.
    const viaToken = await new Client({ token: secrets.token }).get('/api/hypotheses?limit=200');
    expect(viaToken.status).toBe(200);
    expect(viaToken.body.items.length).toBe(original.tables.hypotheses!.length);
    expect((await new Client({ token: secrets.revokedToken }).get('/api/hypotheses')).status).toBe(401);
    expect((await db().select({ n: count() }).from(apiTokens))[0]!.n).toBe(2);
  });

  it('restores just as losslessly when a big workspace is split into several batches', async () => {
    await wipeWorkspace(db(), team.workspaceId);
    const result = await importWorkspace(db(), original, { statementsPerBatch: 2 });
    expect(result.batches).toBeGreaterThan(3);
    expect(viaFile(await exportWorkspace(db(), team.workspaceId)).tables).toEqual(original.tables);
    expect((await anonymous.post('/api/auth/login', { email: adminEmail, password: PASSWORD })).status).toBe(200);
  });
});
