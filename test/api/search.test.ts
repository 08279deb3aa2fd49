import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Team } from './support/client';
import { draftCycle, winningResults } from './support/fixtures';

type Hit = { type: string; id: string; title: string; snippet: string; score: number; parent: unknown };
const search = async (team: Team, query: string) => {
  const res = await team.viewer.get(`/api/search?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: Hit[]; nextCursor: string | null };
};
const q = (text: string, extra = '') => `q=${encodeURIComponent(text)}${extra}`;

describe('full-text search', () => {
  let team: Team;
  let other: Team;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    [team, other] = [await createTeam('Search Co'), await createTeam('Other Search Co')];
    const make = async (key: string, body: Record<string, unknown>) => {
      const res = await team.member.post('/api/hypotheses', body);
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
    };
    await make('titleHit', { title: 'Zebra striped checkout button' });
    await make('bodyHit', { title: 'Checkout colours', rationale: 'Shoppers notice a zebra pattern', tags: ['ux'] });
    await make('script', { title: '<script>alert("x")</script> pricing zebra' });
    await make('tagged', { title: 'Bundle offer', tags: ['quokka'] });
    await make('walrus', { title: 'Walrus mascot in ads' });
    await other.member.post('/api/hypotheses', { title: 'Zebra in another workspace' });
    // A closed cycle publishes a learning: the real writer, through the API.
    const { cycle, metric } = await draftCycle(team, { name: 'Walrus banner test', change: 'Add a walrus banner' });
    ids.cycle = cycle.id;
    expect((await team.lead.post(`/api/cycles/${cycle.id}/launch`, { version: 1 })).status).toBe(200);
    expect((await team.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric))).status).toBe(201);
    const closed = await team.lead.post(`/api/cycles/${cycle.id}/close`, {
      decision: 'ship',
      overrideReason: 'search test',
      learning: { summary: 'Narwhal imagery lifted conversion', nextSteps: 'Try the walrus on mobile' },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    ids.learning = closed.body.learning.id;
  });

  it('answers items with type, id, title, snippet and score, ranking a title match above a body match', async () => {
    const page = await search(team, q('zebra', '&type=hypothesis'));
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((h) => h.id).sort()).toEqual([ids.titleHit, ids.bodyHit, ids.script].sort());
    for (const hit of page.items)
      expect(Object.keys(hit).sort()).toEqual(['id', 'parent', 'score', 'snippet', 'title', 'type']);
    const order = page.items.map((h) => h.id);
    expect(order.indexOf(ids.titleHit!)).toBeLessThan(order.indexOf(ids.bodyHit!));
    const scores = page.items.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(page.items.find((h) => h.id === ids.bodyHit)!.snippet).toContain('«zebra»');
  });

  it('matches the last word as a prefix, every word required', async () => {
    expect((await search(team, q('zeb'))).items).toHaveLength(3);
    expect((await search(team, q('checkout zeb'))).items.map((h) => h.id).sort()).toEqual(
      [ids.titleHit, ids.bodyHit].sort(),
    );
    expect((await search(team, q('zeb checkout'))).items).toHaveLength(0); // only the last word is a prefix
    expect((await search(team, q('quok'))).items.map((h) => h.id)).toEqual([ids.tagged]);
  });

  it('ranks several words by those typed in full, marks the word being typed, and pages', async () => {
    const page = await search(team, q('zebra chec', '&type=hypothesis'));
    expect(page.items.map((h) => h.id)).toEqual([ids.titleHit, ids.bodyHit]); // zebra in a title weighs more
    expect(page.items[0]!.snippet).toContain('«Zebra»');
    expect(page.items[0]!.snippet).toContain('«checkout»');
    const first = await search(team, q('zebra chec', '&type=hypothesis&limit=1'));
    const second = await search(team, q('zebra chec', `&type=hypothesis&limit=1&cursor=${first.nextCursor}`));
    expect([...first.items, ...second.items].map((h) => h.id)).toEqual([ids.titleHit, ids.bodyHit]);
    expect(second.nextCursor).toBeNull();
  });

  it('keeps markup as text in titles and snippets', async () => {
    const hit = (await search(team, q('pricing'))).items[0]!;
    expect(hit.title).toBe('<script>alert("x")</script> pricing zebra');
    expect(hit.snippet).toContain('<script>');
    expect(hit.snippet).toContain('«pricing»');
  });

  it('treats FTS syntax in user input as plain words, never 400 or 500', async () => {
    for (const text of [
      '"',
      '"zebra',
      'zebra"',
      '*',
      'zebra*',
      'NEAR(zebra',
      'zebra OR',
      'OR',
      'AND NOT',
      '(',
      ')',
      '-zebra',
      '^zebra',
      'col:zebra',
      "zebra'",
      '',
    ]) {
      const res = await team.viewer.get(`/api/search?${q(text)}`);
      expect(res.status, text).toBe(200);
    }
    expect((await search(team, q('"zebra'))).items).toHaveLength(3);
    expect((await search(team, q('zebra OR'))).items).toHaveLength(0); // OR is a word nobody wrote
    expect((await search(team, q('NEAR(zebra'))).items).toHaveLength(0);
    expect((await team.viewer.get('/api/search?q=x&type=objective')).status).toBe(400);
  });

  it('searches across hypotheses, cycles and learnings', async () => {
    const types = (await search(team, q('walrus'))).items.map((h) => h.type).sort();
    expect(types).toEqual(['cycle', 'hypothesis', 'learning']);
  });

  it('never shows another workspace’s records', async () => {
    const mine = (await search(team, q('zebra'))).items.map((h) => h.id);
    const theirs = (await other.viewer.get(`/api/search?${q('zebra')}`)).body.items;
    expect(theirs).toHaveLength(1);
    expect(mine).not.toContain(theirs[0].id);
    expect((await other.viewer.get(`/api/search?${q('narwhal')}`)).body.items).toEqual([]);
  });

  it('follows updates and deletes through the triggers, and leaves deleted hypotheses out', async () => {
    const renamed = await team.member.patch(
      `/api/hypotheses/${ids.tagged}`,
      { title: 'Ocelot bundle' },
      { 'if-match': '1' },
    );
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect((await search(team, q('ocelot'))).items.map((h) => h.id)).toEqual([ids.tagged]);
    expect((await search(team, q('bundle offer'))).items).toEqual([]);
    expect((await team.member.delete(`/api/hypotheses/${ids.tagged}`, { 'if-match': '2' })).status).toBe(204);
    expect((await search(team, q('ocelot'))).items).toEqual([]);
    // Any writer, not only the API: a direct SQL update is indexed too.
    await env.DB.prepare('UPDATE learnings SET summary = ? WHERE id = ?').bind('Axolotl lesson', ids.learning).run();
    expect((await search(team, q('axolotl'))).items.map((h) => h.id)).toEqual([ids.learning]);
    expect((await search(team, q('narwhal'))).items).toEqual([]);
  });

  it('pages with a cursor, without gaps or repeats', async () => {
    for (let i = 0; i < 5; i++) await team.member.post('/api/hypotheses', { title: `Pelican idea ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search(team, q('pelican', `&limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...page.items.map((h) => h.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect((await team.viewer.get('/api/search?q=x&cursor=WyJhIiwiIl0')).status).toBe(400);
  });

  it('answers in one D1 round trip (the search is one statement; the remembered session check rides along)', async () => {
    await team.viewer.get(`/api/search?${q('zebra')}`);
    const res = await team.viewer.get(`/api/search?${q('zebra')}`);
    expect(res.headers.get('x-d1-round-trips')).toBe('1');
    expect(res.headers.get('x-d1-statements')).toBe('2');
  });

  it('ranks the workspace’s own hits even when another workspace holds hundreds of better ones', async () => {
    // 600 stronger "zebra" documents elsewhere push ours out of the index-wide top 500 (the fast path):
    // the answer must be the same three hits, in the same order, by the slow path.
    const before = (await search(team, q('zebra'))).items.map((h) => h.id);
    const crowd = Array.from({ length: 600 }, (_, i) => i);
    for (let i = 0; i < crowd.length; i += 25)
      await env.DB.batch(
        crowd
          .slice(i, i + 25)
          .map((n) =>
            env.DB.prepare(
              "INSERT INTO search_docs (type, id, workspace_id, title, body) VALUES ('hypothesis', ?, 'crowd-ws', 'zebra zebra', 'zebra')",
            ).bind(`crowd-${n}`),
          ),
      );
    expect((await search(team, q('zebra'))).items.map((h) => h.id)).toEqual(before);
    expect(before).toHaveLength(3);
    await env.DB.prepare("DELETE FROM search_docs WHERE workspace_id = 'crowd-ws'").run();
  });

  it('ranks only the newest matches of a very common word, says so, and a second word reaches older ones', async () => {
    const { RANK_WINDOW } = await import('../../worker/search/queries');
    const docs = (title: string, n: number, from: number) =>
      env.DB.prepare(
        `WITH RECURSIVE seq(n) AS (SELECT ?1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?2)
         INSERT INTO search_docs (type, id, workspace_id, title, body) SELECT 'hypothesis', 'window-' || cast(n AS integer), ?3, ?4, '' FROM seq`,
      )
        .bind(from, from + n - 1, team.workspaceId, title)
        .run();
    await docs('yak yak yak yak oldest', 1, 0); // the best match for "yak", but the oldest
    await docs('yak', RANK_WINDOW + 5, 1);
    const common = await team.viewer.get(`/api/search?${q('yak')}`);
    expect(common.body.rankedAmongNewest).toBe(RANK_WINDOW);
    expect(common.body.items.map((h: Hit) => h.id)).not.toContain('window-0');
    const narrowed = await team.viewer.get(`/api/search?${q('yak oldest')}`);
    expect(narrowed.body.rankedAmongNewest).toBeNull();
    expect(narrowed.body.items.map((h: Hit) => h.id)).toEqual(['window-0']);
    await env.DB.prepare("DELETE FROM search_docs WHERE id LIKE 'window-%'").run();
  });

  it('drives the backlog’s and the learning log’s q filters', async () => {
    const backlog = (await team.viewer.get(`/api/hypotheses?${q('zebra stri')}`)).body.items;
    expect(backlog.map((h: { id: string }) => h.id)).toEqual([ids.titleHit]);
    const log = (await team.viewer.get(`/api/learnings?${q('walr')}`)).body.items;
    expect(log.map((l: { id: string }) => l.id)).toEqual([ids.learning]);
    expect((await team.viewer.get(`/api/hypotheses?${q('"(')}`)).status).toBe(200);
  });
});

describe('search over insights and comments (migration 0016)', () => {
  let team: Team;
  let other: Team;
  let hypothesisId: string;
  beforeAll(async () => {
    [team, other] = [await createTeam('Insight Search Co'), await createTeam('Other Insight Search Co')];
    hypothesisId = (await team.member.post('/api/hypotheses', { title: 'Lemur landing page' })).body.id;
  });

  it('finds an insight by a word of its claim or title, and follows its edits', async () => {
    const created = await team.lead.post('/api/insights', {
      title: 'Scarcity copy works on paid social',
      claim: 'Capybara-style calm visuals beat urgency on prospecting audiences',
      tags: ['tapir'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const byClaim = (await search(team, q('capybara'))).items;
    expect(byClaim.map((h) => [h.type, h.id, h.parent])).toEqual([['insight', created.body.id, null]]);
    expect(byClaim[0]!.title).toBe('Scarcity copy works on paid social');
    expect(byClaim[0]!.snippet).toContain('«Capybara»');
    expect((await search(team, q('tapir', '&type=insight'))).items.map((h) => h.id)).toEqual([created.body.id]);
    const edited = await team.lead.patch(`/api/insights/${created.body.id}`, { claim: 'Okapi visuals', version: 1 });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((await search(team, q('capybara'))).items).toEqual([]);
    expect((await search(team, q('okapi'))).items.map((h) => h.id)).toEqual([created.body.id]);
  });

  it('finds a comment by a word, linking to the record it discusses; a deleted comment is no longer found', async () => {
    const comment = await team.member.post('/api/comments', {
      targetType: 'hypothesis',
      targetId: hypothesisId,
      body: 'Have we tried a pangolin mascot here?',
    });
    expect(comment.status, JSON.stringify(comment.body)).toBe(201);
    const hits = (await search(team, q('pangolin'))).items;
    expect(hits).toEqual([
      {
        type: 'comment',
        id: comment.body.id,
        title: 'Comment on Lemur landing page',
        snippet: 'Have we tried a «pangolin» mascot here?',
        score: expect.any(Number),
        parent: { type: 'hypothesis', id: hypothesisId },
      },
    ]);
    expect((await search(team, q('pangolin', '&type=hypothesis'))).items).toEqual([]);
    expect((await search(team, q('pangolin', '&type=comment'))).items).toHaveLength(1);
    expect((await team.member.delete(`/api/comments/${comment.body.id}`, { 'if-match': '1' })).status).toBe(204);
    expect((await search(team, q('pangolin'))).items).toEqual([]);
  });

  it('keeps insights and comments inside their workspace', async () => {
    await team.lead.post('/api/insights', { title: 'Quetzal insight' });
    await team.member.post('/api/comments', { targetType: 'hypothesis', targetId: hypothesisId, body: 'Quetzal note' });
    expect((await search(team, q('quetzal'))).items.map((h) => h.type).sort()).toEqual(['comment', 'insight']);
    expect((await other.viewer.get(`/api/search?${q('quetzal')}`)).body.items).toEqual([]);
    // A record in the other workspace with the same word stays there.
    await other.lead.post('/api/insights', { title: 'Quetzal elsewhere' });
    expect((await search(team, q('quetzal'))).items).toHaveLength(2);
    expect((await other.viewer.get(`/api/search?${q('quetzal')}`)).body.items).toHaveLength(1);
  });
});
