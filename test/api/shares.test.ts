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
  return closed.body.learning as { id: string; title: string };
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
