import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Team } from './support/client';
import { draftCycle } from './support/fixtures';

const post = (team: Team, role: keyof Omit<Team, 'workspaceId' | 'ids'>, body: Record<string, unknown>) =>
  team[role].post('/api/comments', body);

/** The handle the API derives from a member's name (see worker/comments/mentions.ts): "lead person" → @leadperson. */
describe('comments, mentions and the inbox', () => {
  let team: Team;
  let other: Team;
  let hypothesisId: string;
  let cycleId: string;
  beforeAll(async () => {
    team = await createTeam('Talk Co');
    other = await createTeam('Elsewhere');
    const { hypothesis, cycle } = await draftCycle(team);
    hypothesisId = hypothesis.id;
    cycleId = cycle.id;
  });

  it('lets every role comment (viewers ask questions), stores text as given and lists the thread oldest first', async () => {
    const first = await post(team, 'viewer', {
      targetType: 'cycle',
      targetId: cycleId,
      body: 'Why <b>this</b> budget?',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ body: 'Why <b>this</b> budget?', authorName: 'viewer person', version: 1 });
    const second = await post(team, 'lead', { targetType: 'cycle', targetId: cycleId, body: 'Because CPA is low' });
    expect(second.status).toBe(201);
    const thread = await team.member.get(`/api/comments?targetType=cycle&targetId=${cycleId}`);
    expect(thread.status).toBe(200);
    expect(thread.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.id, second.body.id]);
  });

  it('refuses unknown target types, other workspaces’ records, empty and over-long bodies with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ targetType: 'learning', targetId: hypothesisId, body: 'x' }, 'targetType'],
      [{ targetType: 'hypothesis', targetId: hypothesisId, body: '   ' }, 'body'],
      [{ targetType: 'hypothesis', targetId: hypothesisId, body: 'x'.repeat(2001) }, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await post(team, 'member', body);
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toHaveProperty(field);
    }
    const theirs = await other.member.post('/api/comments', {
      targetType: 'hypothesis',
      targetId: hypothesisId,
      body: 'hi',
    });
    expect(theirs.status).toBe(400);
    expect(theirs.body.error.fields).toHaveProperty('targetId');
    const list = await other.admin.get(`/api/comments?targetType=hypothesis&targetId=${hypothesisId}`);
    expect(list.status).toBe(400);
  });

  it('stores a replayed create (same client id) once, with one audit entry and one inbox notice', async () => {
    const id = crypto.randomUUID();
    const body = { id, targetType: 'hypothesis', targetId: hypothesisId, body: 'Ping @leadperson' };
    const a = await post(team, 'member', body);
    const b = await post(team, 'member', body);
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body.id).toBe(id);
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM comments WHERE id = ?')
      .bind(id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
    const audit = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_entries WHERE entity = 'comment' AND entity_id = ?",
    )
      .bind(id)
      .first<{ n: number }>();
    expect(audit?.n).toBe(1);
    const notices = await env.DB.prepare('SELECT count(*) AS n FROM inbox_items WHERE comment_id = ?')
      .bind(id)
      .first<{ n: number }>();
    expect(notices?.n).toBe(1);
  });

  it('resolves @name and @email-local-part to active members of this workspace only', async () => {
    const people = (await team.admin.get('/api/members')).body.items as { id: string; email: string; role: string }[];
    const lead = people.find((p) => p.role === 'lead')!;
    const theirAdmin = 'adaadmin'; // both workspaces have an "Ada Admin": only ours may hear about it
    const local = lead.email.split('@')[0];
    const res = await post(team, 'viewer', {
      targetType: 'hypothesis',
      targetId: hypothesisId,
      body: `@${local}, and @${theirAdmin}: see @nobody-here.`,
    });
    expect(res.status).toBe(201);
    const { results } = await env.DB.prepare(
      'SELECT member_id, kind FROM inbox_items WHERE comment_id = ? ORDER BY member_id',
    )
      .bind(res.body.id)
      .all<{ member_id: string; kind: string }>();
    const expected = [
      { member_id: team.ids.lead, kind: 'mention' },
      { member_id: team.ids.admin, kind: 'mention' },
    ].sort((x, y) => x.member_id.localeCompare(y.member_id));
    // The member wrote on this hypothesis earlier (the replay test): this comment is a reply to them.
    expect(results.filter((r) => r.kind === 'mention')).toEqual(expected);
    expect(results.map((r) => r.member_id)).not.toContain(other.ids.admin);
    expect((await other.admin.get('/api/inbox')).body.items).toEqual([]);
  });

  it('lists mentions and replies in the inbox newest first, with an unread count, and marks them read', async () => {
    const mention = await post(team, 'member', {
      targetType: 'cycle',
      targetId: cycleId,
      body: '@leadperson can we launch?',
    });
    const inbox = await team.lead.get('/api/inbox');
    expect(inbox.status).toBe(200);
    const top = inbox.body.items[0];
    expect(top).toMatchObject({
      kind: 'mention',
      readAt: null,
      comment: { id: mention.body.id, authorName: 'member person' },
    });
    expect(inbox.body.unread).toBeGreaterThanOrEqual(2);
    // The lead answers on the cycle: the member (and the viewer who asked earlier) get a reply notice.
    await post(team, 'lead', { targetType: 'cycle', targetId: cycleId, body: 'Yes, tomorrow' });
    const memberInbox = await team.member.get('/api/inbox');
    expect(memberInbox.body.items[0]).toMatchObject({ kind: 'reply', comment: { body: 'Yes, tomorrow' } });
    expect((await team.viewer.get('/api/inbox')).body.items[0]).toMatchObject({ kind: 'reply' });

    expect((await team.lead.post('/api/inbox/read', { ids: [top.id] })).status).toBe(204);
    const after = await team.lead.get('/api/inbox');
    expect(after.body.unread).toBe(inbox.body.unread - 1);
    expect(after.body.items[0].readAt).not.toBeNull();
    // Someone else's inbox item ids are ignored.
    await team.member.post('/api/inbox/read', { all: true });
    expect((await team.lead.get('/api/inbox')).body.unread).toBe(after.body.unread);
  });

  it('lets only the author edit, within 15 minutes, with the version; audits the edit', async () => {
    const c = (await post(team, 'member', { targetType: 'hypothesis', targetId: hypothesisId, body: 'typo' })).body;
    expect((await team.lead.patch(`/api/comments/${c.id}`, { body: 'hijack', version: 1 })).status).toBe(403);
    expect((await team.admin.patch(`/api/comments/${c.id}`, { body: 'hijack', version: 1 })).status).toBe(403);
    const edited = await team.member.patch(`/api/comments/${c.id}`, { body: 'fixed', version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: 'fixed', version: 2 });
    expect((await team.member.patch(`/api/comments/${c.id}`, { body: 'stale', version: 1 })).status).toBe(409);
    const audit = await team.admin.get(`/api/audit?entity=comment&entityId=${c.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'update']);
    // 16 minutes old: the window has closed.
    const old = new Date(Date.now() - 16 * 60_000).toISOString();
    await env.DB.prepare('UPDATE comments SET created_at = ? WHERE id = ?').bind(old, c.id).run();
    const late = await team.member.patch(`/api/comments/${c.id}`, { body: 'too late', version: 2 });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('edit_window_closed');
    // 14 minutes old is still fine.
    const recent = new Date(Date.now() - 14 * 60_000).toISOString();
    await env.DB.prepare('UPDATE comments SET created_at = ? WHERE id = ?').bind(recent, c.id).run();
    expect((await team.member.patch(`/api/comments/${c.id}`, { body: 'just in time', version: 2 })).status).toBe(200);
  });

  it('lets the author or an admin delete (soft, audited); others get 403; deleted comments leave the thread', async () => {
    const mk = async () =>
      (await post(team, 'member', { targetType: 'hypothesis', targetId: hypothesisId, body: 'delete me' })).body;
    const a = await mk();
    const b = await mk();
    expect((await team.lead.delete(`/api/comments/${a.id}`)).status).toBe(403);
    expect((await team.viewer.delete(`/api/comments/${a.id}`)).status).toBe(403);
    expect((await other.admin.delete(`/api/comments/${a.id}`)).status).toBe(404);
    expect((await team.admin.delete(`/api/comments/${a.id}`)).status).toBe(204);
    expect((await team.member.delete(`/api/comments/${b.id}`)).status).toBe(204);
    expect((await team.member.delete(`/api/comments/${b.id}`)).status).toBe(404);
    const row = await env.DB.prepare('SELECT deleted_at FROM comments WHERE id = ?')
      .bind(a.id)
      .first<{ deleted_at: string }>();
    expect(row?.deleted_at).toBeTruthy();
    const thread = await team.viewer.get(`/api/comments?targetType=hypothesis&targetId=${hypothesisId}&limit=200`);
    const ids = thread.body.items.map((c: { id: string }) => c.id);
    expect(ids).not.toContain(a.id);
    expect(ids).not.toContain(b.id);
    const audit = await team.admin.get(`/api/audit?entity=comment&entityId=${a.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'delete']);
    // A replayed create of a deleted comment is not resurrected.
    const again = await post(team, 'member', { id: a.id, targetType: 'hypothesis', targetId: hypothesisId, body: 'x' });
    expect(again.status).toBe(410);
  });
});
