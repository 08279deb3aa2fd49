import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, Client, cookieFrom, createTeam, PASSWORD, uniqueEmail, type Team } from '../support/client';
import { draftCycle, winningResults } from '../support/fixtures';

const count = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>())!.n;
const statuses = (results: { status: number }[]) => results.map((r) => r.status).sort();

describe('concurrent edits', () => {
  let team: Team;
  let secondLead: Client;
  beforeAll(async () => {
    team = await createTeam('Race Co');
    const invite = await team.admin.post('/api/members', {
      email: uniqueEmail('lead2'),
      name: 'Second lead',
      role: 'lead',
    });
    secondLead = new Client({
      cookie: cookieFrom(
        await anonymous.post('/api/auth/accept-invite', { token: invite.body.inviteToken, password: PASSWORD }),
      ),
    });
  });

  it('two clients editing the same hypothesis version: exactly one wins, the other gets 409 with the current record', async () => {
    for (let round = 0; round < 5; round++) {
      const h = (await team.member.post('/api/hypotheses', { title: `Race ${round}` })).body;
      const results = await Promise.all([
        team.member.patch(`/api/hypotheses/${h.id}`, { title: 'member wins', version: h.version }),
        team.lead.patch(`/api/hypotheses/${h.id}`, { title: 'lead wins', version: h.version }),
      ]);
      expect(statuses(results)).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200)!;
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body.error.code).toBe('version_conflict');
      expect(loser.body.error.current).toMatchObject({ id: h.id, version: 2, title: winner.body.title });
      const row = await env.DB.prepare('SELECT title, version FROM hypotheses WHERE id = ?').bind(h.id).first<any>();
      expect(row).toEqual({ title: winner.body.title, version: 2 });
      expect(
        await count("SELECT count(*) AS n FROM audit_entries WHERE entity_id = ? AND action = 'update'", h.id),
      ).toBe(1);
    }
  });

  it('two clients editing the same draft cycle (If-Match): one wins, one 409 with current', async () => {
    const { cycle } = await draftCycle(team);
    const results = await Promise.all([
      team.member.patch(`/api/cycles/${cycle.id}`, { budget: 100 }, { 'if-match': String(cycle.version) }),
      team.lead.patch(`/api/cycles/${cycle.id}`, { budget: 999 }, { 'if-match': `"${cycle.version}"` }),
    ]);
    expect(statuses(results)).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error.current).toMatchObject({ id: cycle.id, version: cycle.version + 1 });
    const row = await env.DB.prepare('SELECT budget, version FROM cycles WHERE id = ?').bind(cycle.id).first<any>();
    expect(row.budget).toBe(results.find((r) => r.status === 200)!.body.budget);
  });

  it('two leads closing the same cycle at once: one wins, one 409, exactly one learning and one close audit', async () => {
    for (let round = 0; round < 3; round++) {
      const { cycle, metric } = await draftCycle(team);
      await team.lead.post(`/api/cycles/${cycle.id}/launch`, {});
      await team.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric));
      const body = (summary: string) => ({
        decision: 'ship',
        overrideReason: 'race',
        learning: { summary },
        followUps: [{ title: `follow-up by ${summary}` }],
      });
      const results = await Promise.all([
        team.lead.post(`/api/cycles/${cycle.id}/close`, body('lead one')),
        secondLead.post(`/api/cycles/${cycle.id}/close`, body('lead two')),
      ]);
      expect(statuses(results)).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body.error.current).toMatchObject({ id: cycle.id, status: 'closed' });
      expect(await count('SELECT count(*) AS n FROM learnings WHERE cycle_id = ?', cycle.id)).toBe(1);
      expect(
        await count("SELECT count(*) AS n FROM audit_entries WHERE entity_id = ? AND action = 'close'", cycle.id),
      ).toBe(1);
      expect(await count('SELECT count(*) AS n FROM hypotheses WHERE parent_cycle_id = ?', cycle.id)).toBe(1); // nothing half-written by the loser
      const winner = results.find((r) => r.status === 200)!;
      const learning = await env.DB.prepare('SELECT summary FROM learnings WHERE cycle_id = ?')
        .bind(cycle.id)
        .first<any>();
      expect(learning.summary).toBe(winner.body.learning.summary);
    }
  });

  it('launch racing abort on the same draft: one wins, the other is refused, the state is consistent', async () => {
    const { cycle, hypothesis } = await draftCycle(team);
    const results = await Promise.all([
      team.lead.post(`/api/cycles/${cycle.id}/launch`, {}),
      secondLead.post(`/api/cycles/${cycle.id}/abort`, { reason: 'changed our mind' }),
    ]);
    expect(statuses(results)).toEqual([200, 409]);
    const row = await env.DB.prepare('SELECT status FROM cycles WHERE id = ?').bind(cycle.id).first<any>();
    const h = await env.DB.prepare('SELECT status FROM hypotheses WHERE id = ?').bind(hypothesis.id).first<any>();
    expect(h.status).toBe(row.status === 'running' ? 'testing' : 'backlog');
  });
});

describe('offline replays', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Sync Co');
  });

  it('concurrent identical creates make one record (one 201, the rest 200 with the same record)', async () => {
    const id = crypto.randomUUID();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => team.member.post('/api/hypotheses', { id, title: 'Sent five times' })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(4);
    for (const r of results) expect(r.body).toMatchObject({ id, version: 1 });
    expect(await count('SELECT count(*) AS n FROM hypotheses WHERE id = ?', id)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM audit_entries WHERE entity_id = ? AND action = 'create'", id)).toBe(
      1,
    );
  });

  it('a reordered queue (update before replayed create, creates out of order) never duplicates or rolls back', async () => {
    const [a, b, c] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    expect((await team.member.post('/api/hypotheses', { id: a, title: 'A' })).status).toBe(201);
    expect((await team.member.patch(`/api/hypotheses/${a}`, { title: 'A edited', version: 1 })).status).toBe(200);
    // the queue is flushed again, out of order
    expect((await team.member.post('/api/hypotheses', { id: c, title: 'C' })).status).toBe(201);
    const replayA = await team.member.post('/api/hypotheses', { id: a, title: 'A' });
    expect(replayA.status).toBe(200);
    expect(replayA.body).toMatchObject({ title: 'A edited', version: 2 }); // the replay does not overwrite the edit
    expect((await team.member.post('/api/hypotheses', { id: b, title: 'B' })).status).toBe(201);
    expect((await team.member.patch(`/api/hypotheses/${a}`, { title: 'A edited', version: 1 })).status).toBe(409); // replayed edit
    expect((await team.member.post('/api/hypotheses', { id: c, title: 'C' })).status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM hypotheses WHERE id IN (?, ?, ?)', a, b, c)).toBe(3);
  });

  it('replayed snapshots with the same ids, even concurrently, are stored once', async () => {
    const { cycle, metric } = await draftCycle(team);
    await team.lead.post(`/api/cycles/${cycle.id}/launch`, {});
    const body = winningResults(metric);
    const withIds = { snapshots: body.snapshots.map((s) => ({ ...s, id: crypto.randomUUID() })) };
    const results = await Promise.all([
      team.member.post(`/api/cycles/${cycle.id}/snapshots`, withIds),
      team.member.post(`/api/cycles/${cycle.id}/snapshots`, withIds),
    ]);
    expect(statuses(results)).toEqual([200, 201]); // was a 500 (UNIQUE constraint) before the fix in worker/cycles/snapshots.ts
    expect(await count('SELECT count(*) AS n FROM snapshots WHERE cycle_id = ?', cycle.id)).toBe(4);
    expect((await team.member.post(`/api/cycles/${cycle.id}/snapshots`, withIds)).status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM snapshots WHERE cycle_id = ?', cycle.id)).toBe(4);
  });

  it('a deleted hypothesis is never resurrected by a replayed create (410) or update (404)', async () => {
    const id = crypto.randomUUID();
    await team.member.post('/api/hypotheses', { id, title: 'Doomed' });
    expect((await team.member.delete(`/api/hypotheses/${id}`)).status).toBe(204);
    const before = await env.DB.prepare('SELECT * FROM hypotheses WHERE id = ?').bind(id).first();
    const replays = await Promise.all([
      team.member.post('/api/hypotheses', { id, title: 'Doomed' }),
      team.member.post('/api/hypotheses', { id, title: 'Doomed again' }),
      team.member.patch(`/api/hypotheses/${id}`, { title: 'Back', version: 1 }),
      team.member.patch(`/api/hypotheses/${id}`, { title: 'Back', version: 2 }),
      team.member.delete(`/api/hypotheses/${id}`),
    ]);
    expect(replays.map((r) => r.status)).toEqual([410, 410, 404, 404, 404]);
    expect(replays[0]!.body.error.code).toBe('gone');
    expect(await env.DB.prepare('SELECT * FROM hypotheses WHERE id = ?').bind(id).first()).toEqual(before);
    expect((await team.member.get(`/api/hypotheses/${id}`)).status).toBe(404);
    const list = await team.member.get('/api/hypotheses?limit=200');
    expect(list.body.items.map((h: { id: string }) => h.id)).not.toContain(id);
  });
});
