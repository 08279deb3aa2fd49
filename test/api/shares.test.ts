import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTeam, ORIGIN, type Team } from './support/client';
import { draftCycle, winningResults } from './support/fixtures';

const open = async (url: string) => {
  const res = await SELF.fetch(`${ORIGIN}${new URL(url).pathname}`); // signed out: no cookie
  return { res, html: await res.text() };
};

async function closedLearning(team: Team, summary: string) {
  const { cycle, metric } = await draftCycle(team);
  await team.lead.post(`/api/cycles/${cycle.id}/launch`, { version: 1 });
  await team.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric));
  const closed = await team.lead.post(`/api/cycles/${cycle.id}/close`, {
    decision: 'ship',
    overrideReason: 'share test',
    learning: { summary, nextSteps: 'Roll out <b>everywhere</b>' },
  });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  return closed.body.learning as { id: string; title: string; cycleId: string };
}

describe('share links to one learning', () => {
  let team: Team;
  let shared: { id: string; title: string };
  let unshared: { id: string; title: string };
  beforeAll(async () => {
    team = await createTeam('Share Co');
    shared = await closedLearning(team, '<script>alert("x")</script> Banner & badge lifted conversion');
    unshared = await closedLearning(team, 'Secret pricing result nobody outside may read');
  });

  it('gives a lead a URL that shows this learning alone, escaped, signed out and not indexed', async () => {
    const created = await team.lead.post(`/api/learnings/${shared.id}/shares`, {});
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['expiresAt', 'id', 'url']);
    const days = (Date.parse(created.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const { res, html } = await open(created.body.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('x-robots-tag')).toContain('noindex');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Banner &amp; badge');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Roll out &lt;b&gt;everywhere&lt;/b&gt;');
    expect(html).not.toContain('Secret pricing');
    expect(html).not.toContain('Share Co');
  });

  it('stores only the hash of the token', async () => {
    const created = await team.lead.post(`/api/learnings/${shared.id}/shares`, { days: 2 });
    const token = new URL(created.body.url).pathname.split('/').pop()!;
    const { results } = await env.DB.prepare('SELECT * FROM learning_shares WHERE id = ?').bind(created.body.id).all();
    expect(JSON.stringify(results)).not.toContain(token);
  });

  it('is refused after revocation, and members and viewers cannot share or revoke', async () => {
    const created = await team.lead.post(`/api/learnings/${shared.id}/shares`, { days: 7 });
    expect((await team.member.post(`/api/learnings/${shared.id}/shares`, {})).status).toBe(403);
    expect((await team.viewer.delete(`/api/shares/${created.body.id}`)).status).toBe(403);
    const list = await team.lead.get(`/api/shares?learningId=${shared.id}`);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(created.body.id);
    expect((await team.lead.delete(`/api/shares/${created.body.id}`)).status).toBe(204);
    const { res, html } = await open(created.body.url);
    expect(res.status).toBe(404);
    expect(html).not.toContain('Banner');
    const after = await team.lead.get(`/api/shares?learningId=${shared.id}`);
    expect(after.body.items.find((s: { id: string }) => s.id === created.body.id).revokedAt).toBeTruthy();
    expect((await team.admin.get('/api/audit?entity=share')).status).toBe(200);
  });

  it('expires', async () => {
    const created = await team.lead.post(`/api/learnings/${unshared.id}/shares`, { days: 1 });
    expect((await open(created.body.url)).res.status).toBe(200);
    await env.DB.prepare('UPDATE learning_shares SET expires_at = ? WHERE id = ?')
      .bind(new Date(Date.now() - 1000).toISOString(), created.body.id)
      .run();
    expect((await open(created.body.url)).res.status).toBe(404);
  });

  it('validates days and answers 404 for unknown tokens and other workspaces', async () => {
    for (const days of [0, 366, 1.5, 'x']) {
      const res = await team.lead.post(`/api/learnings/${shared.id}/shares`, { days });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toHaveProperty('days');
    }
    expect((await SELF.fetch(`${ORIGIN}/s/not-a-real-token-at-all-0123456789`)).status).toBe(404);
    expect((await SELF.fetch(`${ORIGIN}/s/%3Cscript%3E`)).status).toBe(404);
    const other = await createTeam('Other Share Co');
    expect((await other.lead.post(`/api/learnings/${shared.id}/shares`, {})).status).toBe(404);
    const mine = await team.lead.post(`/api/learnings/${shared.id}/shares`, {});
    expect((await other.lead.delete(`/api/shares/${mine.body.id}`)).status).toBe(404);
    expect((await other.lead.get(`/api/shares?learningId=${shared.id}`)).body.items).toEqual([]);
  });
});

describe('share links to one insight', () => {
  let team: Team;
  let insight: { id: string };
  let pooledEstimate: number;
  beforeAll(async () => {
    team = await createTeam('Insight Share Co');
    const learning = await closedLearning(team, 'Private learning text that stays inside');
    const created = await team.lead.post('/api/insights', {
      title: 'Badges <b>lift</b> checkout',
      claim: 'Trust badges near the pay button lift conversion & revenue',
      citations: [{ cycleId: learning.cycleId, stance: 'supports', note: 'Internal note nobody outside sees' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    insight = created.body;
    const detail = await team.viewer.get(`/api/insights/${insight.id}`);
    expect(detail.body.pooled.result).not.toBeNull();
    pooledEstimate = detail.body.pooled.result.estimate;
  });

  it('gives a lead a URL that shows this insight alone with its pooled evidence in words, signed out, not indexed', async () => {
    const created = await team.lead.post(`/api/insights/${insight.id}/shares`, {});
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['expiresAt', 'id', 'url']);
    const { res, html } = await open(created.body.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-robots-tag')).toContain('noindex');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"');
    expect(html).toContain('Badges &lt;b&gt;lift&lt;/b&gt; checkout');
    expect(html).toContain('Trust badges near the pay button lift conversion &amp; revenue');
    // The pooled figure, as the API computes it, said in words; one supporting test.
    const pct = `${pooledEstimate > 0 ? '+' : ''}${(pooledEstimate * 100).toFixed(1)}%`;
    expect(html).toContain(`Together the 1 test with a measured lift show ${pct}`);
    expect(html).toContain('1 test cited: 1 supporting, 0 contradicting.');
    // Nothing else of the workspace: not the cited test, its learning or note, nor the workspace's name.
    for (const secret of ['Private learning', 'Internal note', 'Insight Share Co', 'Free shipping banner'])
      expect(html).not.toContain(secret);
    expect(html).not.toContain('<script');
  });

  it('is listed and revoked through /api/shares, leads only, and other workspaces cannot touch it', async () => {
    const created = await team.lead.post(`/api/insights/${insight.id}/shares`, { days: 3 });
    expect((await team.member.post(`/api/insights/${insight.id}/shares`, {})).status).toBe(403);
    const list = await team.lead.get(`/api/shares?insightId=${insight.id}`);
    expect(list.body.items.find((s: { id: string }) => s.id === created.body.id)).toMatchObject({
      insightId: insight.id,
      revokedAt: null,
    });
    expect((await team.lead.get('/api/shares')).status).toBe(400);
    expect((await team.lead.get(`/api/shares?insightId=${insight.id}&learningId=x`)).status).toBe(400);
    const other = await createTeam('Other Insight Share Co');
    expect((await other.lead.post(`/api/insights/${insight.id}/shares`, {})).status).toBe(404);
    expect((await other.lead.delete(`/api/shares/${created.body.id}`)).status).toBe(404);
    expect((await other.lead.get(`/api/shares?insightId=${insight.id}`)).body.items).toEqual([]);
    expect((await open(created.body.url)).res.status).toBe(200);
    expect((await team.lead.delete(`/api/shares/${created.body.id}`)).status).toBe(204);
    const { res, html } = await open(created.body.url);
    expect(res.status).toBe(404);
    expect(html).not.toContain('Badges');
    const after = await team.lead.get(`/api/shares?insightId=${insight.id}`);
    expect(after.body.items.find((s: { id: string }) => s.id === created.body.id).revokedAt).toBeTruthy();
  });

  it('expires, and stores only the hash of the token', async () => {
    const created = await team.lead.post(`/api/insights/${insight.id}/shares`, { days: 1 });
    const token = new URL(created.body.url).pathname.split('/').pop()!;
    const { results } = await env.DB.prepare('SELECT * FROM insight_shares WHERE id = ?').bind(created.body.id).all();
    expect(results).toHaveLength(1);
    expect(JSON.stringify(results)).not.toContain(token);
    await env.DB.prepare('UPDATE insight_shares SET expires_at = ? WHERE id = ?')
      .bind(new Date(Date.now() - 1000).toISOString(), created.body.id)
      .run();
    expect((await open(created.body.url)).res.status).toBe(404);
  });
});
