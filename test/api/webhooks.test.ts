import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { webhookEndpoints } from '../../db/schema';
import app from '../../worker/app';
import { createDb } from '../../worker/db';
import { verifySignature } from '../../worker/webhooks/signature';
import { createTeam, ORIGIN, type Team } from './support/client';
import { draftCycle, today, winningResults } from './support/fixtures';
import type { Received } from './support/webhook-receiver';

/**
 * Outgoing webhooks through the real Worker, its real Cloudflare Queue (Miniflare's, inside the test pool) and
 * D1, delivering to a receiver in the test runner's Node process (test/api/support/webhook-receiver.ts) that
 * checks every signature with node:crypto. The tests set WEBHOOKS_ALLOW_LOOPBACK=1 (http to 127.0.0.1) and
 * WEBHOOKS_RETRY_BASE_SECONDS=1 (retries after 1 s, 2 s, 4 s…) in vitest.config.ts.
 */
const RECEIVER = inject('webhookReceiver');
const DAY = 86_400_000;

async function script(name: string, secret: string, statuses: number[] = []) {
  await fetch(`${RECEIVER}/script/${name}`, { method: 'PUT', body: JSON.stringify({ secret, statuses }) });
}
const received = async (name: string): Promise<Received[]> => (await fetch(`${RECEIVER}/log/${name}`)).json();

/** Polls the receiver until `n` deliveries arrived (the queue batches within a second; retries take longer). */
async function waitFor(name: string, n: number, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const log = await received(name);
    if (log.length >= n || Date.now() > until) return log;
    await new Promise((r) => setTimeout(r, 150));
  }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Registers an endpoint at the receiver under `name`, and tells the receiver its secret. */
async function register(team: Team, name: string, events: string[], statuses: number[] = []) {
  const res = await team.admin.post('/api/webhooks', { url: `${RECEIVER}/hooks/${name}`, events });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await script(name, res.body.secret, statuses);
  return res.body as { id: string; secret: string; status: string; version: number };
}

async function launched(team: Team) {
  const draft = await draftCycle(team);
  const res = await team.lead.post(`/api/cycles/${draft.cycle.id}/launch`, {});
  expect(res.status).toBe(200);
  return { ...draft, cycle: res.body };
}

/** A request to the real app with the deployed default: no loopback or http allowed. */
const withoutDevSetting = (team: Team, body: unknown) =>
  app.fetch(
    new Request(`${ORIGIN}/api/webhooks`, {
      method: 'POST',
      headers: { cookie: team.admin.auth.cookie!, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    { ...env, WEBHOOKS_ALLOW_LOOPBACK: undefined },
    { waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext,
  );

let team: Team;
beforeAll(async () => {
  team = await createTeam('Hooks');
});

describe('managing endpoints', () => {
  // Endpoints made here point at hooks.example.com: removed so later events are not sent out of the test.
  afterAll(async () => {
    for (const e of (await team.admin.get('/api/webhooks')).body.items)
      await team.admin.delete(`/api/webhooks/${e.id}`);
  });
  it('shows the secret once: in the 201, never in the list, the audit trail or the delivery log', async () => {
    const created = await team.admin.post('/api/webhooks', {
      url: 'https://hooks.example.com/hadi',
      events: ['cycle.closed', 'cycle.closed'],
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[\w-]{40,}$/);
    expect(created.body).toMatchObject({ status: 'active', events: ['cycle.closed'], failingSince: null });
    const list = await team.admin.get('/api/webhooks');
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(created.body.id);
    const audit = await team.admin.get(`/api/audit?entityId=${created.body.id}`);
    expect(audit.body.items.length).toBeGreaterThan(0);
    for (const text of [list, audit].map((r) => JSON.stringify(r.body))) {
      expect(text).not.toContain(created.body.secret);
      expect(text).not.toContain('"secret"');
    }
  });

  it('edits the URL and events, then deletes, each audited', async () => {
    const { body: endpoint } = await team.admin.post('/api/webhooks', {
      url: 'https://hooks.example.com/a',
      events: ['cycle.launched'],
    });
    const edited = await team.admin.patch(`/api/webhooks/${endpoint.id}`, {
      url: 'https://hooks.example.com/b',
      events: ['review.published', 'comment.mentioned'],
      version: endpoint.version,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ url: 'https://hooks.example.com/b', version: 2 });
    expect(edited.body.secret).toBeUndefined();
    const stale = await team.admin.patch(`/api/webhooks/${endpoint.id}`, { events: ['cycle.closed'], version: 1 });
    expect(stale.status).toBe(409);
    expect((await team.admin.delete(`/api/webhooks/${endpoint.id}`)).status).toBe(204);
    expect((await team.admin.get(`/api/webhooks/${endpoint.id}/deliveries`)).status).toBe(404);
    const audit = await team.admin.get(`/api/audit?entityId=${endpoint.id}`);
    expect(audit.body.items.map((a: { action: string }) => a.action).sort()).toEqual(['create', 'delete', 'update']);
  });

  it('answers bad input with 400 naming the field', async () => {
    const cases = [
      [{ url: 'not a url', events: ['cycle.closed'] }, 'url'],
      [{ url: 'https://hooks.example.com', events: [] }, 'events'],
      [{ url: 'https://hooks.example.com', events: ['cycle.exploded'] }, 'events.0'],
      [{ events: ['cycle.closed'] }, 'url'],
    ] as const;
    for (const [body, field] of cases) {
      const res = await team.admin.post('/api/webhooks', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toContain(field);
    }
  });

  it('only admins manage webhooks', async () => {
    for (const role of ['viewer', 'member', 'lead'] as const) {
      expect((await team[role].get('/api/webhooks')).status).toBe(403);
      const post = await team[role].post('/api/webhooks', {
        url: 'https://hooks.example.com',
        events: ['cycle.closed'],
      });
      expect(post.status).toBe(403);
    }
  });

  it('refuses private and loopback URLs when the dev setting is off, and plain http always for public hosts', async () => {
    const refused = [
      'http://127.0.0.1:8080/hook',
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://10.1.2.3/hook',
      'https://192.168.0.10/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hook',
      'http://hooks.example.com/hook',
    ];
    for (const url of refused) {
      const res = await withoutDevSetting(team, { url, events: ['cycle.closed'] });
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.url).toBeTruthy();
    }
    const publicHttps = await withoutDevSetting(team, { url: 'https://hooks.example.com/x', events: ['cycle.closed'] });
    expect(publicHttps.status).toBe(201);
    // With WEBHOOKS_ALLOW_LOOPBACK=1 (this test pool), loopback is accepted — but still no other private range.
    expect(
      (await team.admin.post('/api/webhooks', { url: 'http://127.0.0.1:9/x', events: ['cycle.closed'] })).status,
    ).toBe(201);
    expect(
      (await team.admin.post('/api/webhooks', { url: 'https://10.1.2.3/x', events: ['cycle.closed'] })).status,
    ).toBe(400);
  });
});

describe('deliveries', () => {
  it('delivers a signed cycle.launched through the queue; the receiver verifies signature and timestamp window', async () => {
    const endpoint = await register(team, 'launch', ['cycle.launched']);
    const { cycle } = await launched(team);
    const [delivery] = await waitFor('launch', 1);
    expect(delivery?.verdict).toBe('ok'); // node:crypto HMAC over `t.body`, |now − t| ≤ 300 s
    expect(delivery?.event).toBe('cycle.launched');
    const now = Math.floor(Date.now() / 1000);
    expect(await verifySignature(delivery!.signature, delivery!.body, endpoint.secret, now)).toEqual({
      ok: true,
      timestamp: expect.any(Number),
    });
    // The same delivery replayed ten minutes later is outside the window; a tampered body does not verify.
    expect(await verifySignature(delivery!.signature, delivery!.body, endpoint.secret, now + 600)).toMatchObject({
      reason: 'stale',
    });
    expect(
      await verifySignature(delivery!.signature, delivery!.body.replace('running', 'closed'), endpoint.secret, now),
    ).toMatchObject({ reason: 'mismatch' });
    const payload = JSON.parse(delivery!.body);
    expect(payload).toMatchObject({
      id: expect.any(String),
      type: 'cycle.launched',
      workspaceId: team.workspaceId,
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { cycle: { id: cycle.id, name: cycle.name, status: 'running' } },
    });
    const log = await team.admin.get(`/api/webhooks/${endpoint.id}/deliveries`);
    expect(log.body.items).toMatchObject([
      { eventId: payload.id, eventType: 'cycle.launched', attempt: 1, statusCode: 200, ok: true, error: null },
    ]);
    const listed = (await team.admin.get('/api/webhooks')).body.items.find((e: { id: string }) => e.id === endpoint.id);
    expect(listed).toMatchObject({ status: 'active', lastStatusCode: 200, failingSince: null });
  });

  it('retries after 500s with growing delays, logging each attempt, until it is accepted', async () => {
    const endpoint = await register(team, 'flaky', ['cycle.launched'], [500, 500, 503]);
    await launched(team);
    const log = await waitFor('flaky', 4);
    expect(log.map((d) => d.answered)).toEqual([500, 500, 503, 200]);
    expect(new Set(log.map((d) => JSON.parse(d.body).id)).size).toBe(1); // the same event each time
    expect(log.every((d) => d.verdict === 'ok')).toBe(true);
    const gaps = log.slice(1).map((d, i) => d.receivedAt - log[i]!.receivedAt);
    // Backoff base 1 s here (30 s in production): waits of 1, 2 and 4 seconds, each longer than the last.
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[1]).toBeGreaterThanOrEqual(1900);
    expect(gaps[2]).toBeGreaterThanOrEqual(3900);
    expect(gaps[1]! > gaps[0]! && gaps[2]! > gaps[1]!).toBe(true);
    const attempts = (await team.admin.get(`/api/webhooks/${endpoint.id}/deliveries`)).body.items.reverse();
    expect(attempts.map((a: { attempt: number; statusCode: number }) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 503],
      [4, 200],
    ]);
    const retryIn = attempts
      .slice(0, 3)
      .map((a: { at: string; nextRetryAt: string }) => (Date.parse(a.nextRetryAt) - Date.parse(a.at)) / 1000);
    expect(retryIn).toEqual([1, 2, 4]);
    expect(attempts[3].nextRetryAt).toBeNull();
    const listed = (await team.admin.get('/api/webhooks')).body.items.find((e: { id: string }) => e.id === endpoint.id);
    expect(listed).toMatchObject({ status: 'active', failingSince: null, lastStatusCode: 200 });
  });

  it('does not retry a 4xx answer, and remembers since when the endpoint fails', async () => {
    const endpoint = await register(team, 'gone', ['cycle.launched'], [410]);
    await launched(team);
    await waitFor('gone', 1);
    await pause(2500);
    expect(await received('gone')).toHaveLength(1);
    const listed = (await team.admin.get('/api/webhooks')).body.items.find((e: { id: string }) => e.id === endpoint.id);
    expect(listed).toMatchObject({ status: 'active', lastStatusCode: 410, lastError: 'HTTP 410' });
    expect(listed.failingSince).toEqual(expect.any(String));
  });

  it('disables an endpoint that has failed continuously for 3 days, tells the admins, and re-enables on request', async () => {
    const endpoint = await register(team, 'dead', ['cycle.launched'], [500, 500]);
    // Stored timestamps instead of waiting: its first failure was three days and a minute ago.
    const since = new Date(Date.now() - 3 * DAY - 60_000).toISOString();
    await createDb(env.DB)
      .update(webhookEndpoints)
      .set({ failingSince: since })
      .where(eq(webhookEndpoints.id, endpoint.id));
    await launched(team);
    await waitFor('dead', 1);
    await pause(2500); // a retry would arrive after 1 s
    expect(await received('dead')).toHaveLength(1);
    const listed = (await team.admin.get('/api/webhooks')).body.items.find((e: { id: string }) => e.id === endpoint.id);
    expect(listed).toMatchObject({ status: 'disabled', failingSince: since, disabledAt: expect.any(String) });
    expect(listed.disabledReason).toMatch(/failed continuously since .* disabled after 3 days/);
    const audit = await team.admin.get(`/api/audit?entityId=${endpoint.id}`);
    expect(audit.body.items.find((a: { action: string }) => a.action === 'disable')).toMatchObject({
      actorType: 'system',
      actorName: 'Hadi',
    });
    const [last] = (await team.admin.get(`/api/webhooks/${endpoint.id}/deliveries`)).body.items;
    expect(last).toMatchObject({ ok: false, statusCode: 500, nextRetryAt: null });

    // Disabled: the next event is not delivered.
    await launched(team);
    await pause(2000);
    expect(await received('dead')).toHaveLength(1);

    const enabled = await team.admin.patch(`/api/webhooks/${endpoint.id}`, { enabled: true, version: listed.version });
    expect(enabled.body).toMatchObject({ status: 'active', disabledAt: null, failingSince: null });
    await script('dead', endpoint.secret, []);
    await launched(team);
    expect(await waitFor('dead', 1)).toHaveLength(1);
  });

  it('keeps retrying an endpoint failing for less than 3 days', async () => {
    const endpoint = await register(team, 'shaky', ['cycle.launched'], [500]);
    const since = new Date(Date.now() - 2 * DAY).toISOString();
    await createDb(env.DB)
      .update(webhookEndpoints)
      .set({ failingSince: since })
      .where(eq(webhookEndpoints.id, endpoint.id));
    await launched(team);
    expect((await waitFor('shaky', 2)).map((d) => d.answered)).toEqual([500, 200]);
    const listed = (await team.admin.get('/api/webhooks')).body.items.find((e: { id: string }) => e.id === endpoint.id);
    expect(listed).toMatchObject({ status: 'active', failingSince: null });
  });

  it('never carries another workspace’s data', async () => {
    const other = await createTeam('Elsewhere');
    await register(team, 'ours', ['cycle.launched']);
    await register(other, 'theirs', ['cycle.launched']);
    const { cycle } = await launched(other);
    const [theirs] = await waitFor('theirs', 1);
    await pause(1500);
    expect(await received('ours')).toHaveLength(0);
    const payload = JSON.parse(theirs!.body);
    expect(payload.workspaceId).toBe(other.workspaceId);
    expect(payload.data.cycle.id).toBe(cycle.id);
    expect(theirs!.body).not.toContain(team.workspaceId);
    // And the other workspace's admin cannot read or touch our endpoints.
    const ours = (await team.admin.get('/api/webhooks')).body.items[0];
    expect((await other.admin.get(`/api/webhooks/${ours.id}/deliveries`)).status).toBe(404);
    expect((await other.admin.delete(`/api/webhooks/${ours.id}`)).status).toBe(404);
    expect(JSON.stringify((await other.admin.get('/api/webhooks')).body)).not.toContain(ours.id);
  });

  it('a correction that breaks a guardrail is a breach too; results that keep it within bounds are not', async () => {
    await register(team, 'corrected', ['cycle.guardrail_breached']);
    const { cycle, metric } = await launched(team);
    expect((await team.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric))).status).toBe(201);
    const points = (await team.member.get(`/api/cycles/${cycle.id}/snapshots`)).body.items;
    const cpa = points.find(
      (p: { metricId: string; variantKey: string }) => p.metricId === metric('CPA') && p.variantKey === 'banner',
    );
    const put = await team.member.request('PUT', `/api/cycles/${cycle.id}/snapshots/${cpa.id}`, {
      units: cpa.units,
      conversions: cpa.conversions,
      spend: 6000,
      version: cpa.version,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const log = await waitFor('corrected', 1);
    await pause(1000);
    expect(await received('corrected')).toHaveLength(1); // the within-bounds results sent nothing
    expect(JSON.parse(log[0]!.body).data).toMatchObject({
      cycle: { id: cycle.id },
      breaches: [{ metric: 'CPA', variantKey: 'banner', detail: expect.stringMatching(/worsened by 42\.9%/) }],
    });
  });

  it('sends each event type: guardrail breach, mention, close, review published', async () => {
    const types = ['cycle.guardrail_breached', 'comment.mentioned', 'cycle.closed', 'review.published'];
    await register(team, 'all', types);
    const { cycle, metric } = await launched(team);
    // CPA of the banner (6000 / 420 ≈ 14.3) is 43% worse than control's (10): past the 10% guardrail.
    const breaching = (date: string, more: number) => ({
      snapshots: winningResults(metric).snapshots.map((s) => ({
        ...s,
        date,
        units: s.units + more,
        spend: s.metricId === metric('CPA') && s.variantKey === 'banner' ? 6000 : s.spend,
      })),
    });
    const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    expect((await team.member.post(`/api/cycles/${cycle.id}/snapshots`, breaching(yesterday, 0))).status).toBe(201);
    expect((await team.member.post(`/api/cycles/${cycle.id}/snapshots`, breaching(today(), 100))).status).toBe(201);
    const comment = await team.member.post('/api/comments', {
      targetType: 'cycle',
      targetId: cycle.id,
      body: 'CPA is way up, @leadperson should we stop?',
    });
    expect(comment.status).toBe(201);
    const close = await team.lead.post(`/api/cycles/${cycle.id}/close`, {
      decision: 'kill',
      overrideReason: 'CPA guardrail breached',
      learning: { summary: 'The banner costs too much per order' },
    });
    expect(close.status, JSON.stringify(close.body)).toBe(200);
    const review = await team.lead.post('/api/reviews', { weekStart: '2026-03-23' });
    expect((await team.lead.post(`/api/reviews/${review.body.id}/publish`, {})).status).toBe(200);

    const log = await waitFor('all', 4);
    const byType = Object.fromEntries(log.map((d) => [d.event, JSON.parse(d.body)]));
    expect(Object.keys(byType).sort()).toEqual([...types].sort());
    expect(log.every((d) => d.verdict === 'ok')).toBe(true);
    expect(byType['cycle.guardrail_breached'].data).toMatchObject({
      cycle: { id: cycle.id },
      breaches: [{ metricId: metric('CPA'), metric: 'CPA', variantKey: 'banner' }],
    });
    expect(byType['comment.mentioned'].data).toMatchObject({
      comment: { id: comment.body.id, targetType: 'cycle', targetId: cycle.id },
      mentioned: [{ memberId: team.ids.lead, name: 'lead person' }],
    });
    expect(byType['cycle.closed'].data).toMatchObject({
      cycle: { id: cycle.id, status: 'closed', decision: 'kill' },
      learning: { summary: 'The banner costs too much per order' },
    });
    expect(byType['review.published'].data.review).toMatchObject({ id: review.body.id, weekStart: '2026-03-23' });

    // The second day's results keep the same guardrail breached: not a new breach, no second event.
    expect(log.filter((d) => d.event === 'cycle.guardrail_breached')).toHaveLength(1);
  });
});
