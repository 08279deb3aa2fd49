import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../worker/db';
import worker from '../../worker/index';
import { buildReviewFigures } from '../../worker/reviews/build';
import { createTeam, type Team } from './support/client';
import { catalog } from './support/fixtures';
import { seedCycle, seedIdea, seedInsight, seedObjective, seedResults, setTimeZone } from './support/history';

/**
 * The weekly review of 2026-03-23 … 03-29 in Europe/Berlin, the week clocks went forward (CET → CEST on
 * Sunday 03-29), so it runs from 2026-03-22T23:00Z to 2026-03-29T22:00Z. Two twin workspaces get the same
 * history: one review is built by the Cron Trigger at a fixed clock, the other on demand by a lead.
 *
 *   R1 launched 03-24 09:00Z, running at the week's end: past its planned end (03-27), SRM, CPA breached
 *   R2 launched 03-10, closed 03-25: ship as the rule said; spend 1000+1000 by 03-20, 1500+1600 by 03-27
 *   R3 closed 2026-03-22T23:30Z = Monday 00:30 in Berlin (in the week; it would not be in UTC): iterate, rule said kill
 *   R4 closed 2026-03-29T22:30Z = Monday 00:30 CEST of the next week: not in this review
 */
async function seedWeek(team: Team) {
  await setTimeZone(team.workspaceId, 'Europe/Berlin');
  const { metric } = await catalog(team.admin);
  const objectives = {
    trials: await seedObjective(team, 'Trials', { primaryMetricId: metric('Conversion rate'), budgetEnvelope: 10_000 }),
    brand: await seedObjective(team, 'Brand'),
  };
  const r1 = await seedCycle(
    team,
    {
      name: 'R1 urgency copy',
      status: 'running',
      launchedAt: '2026-03-24T09:00:00.000Z',
      plannedEnd: '2026-03-27',
      objective: 'trials',
    },
    objectives,
  );
  await seedResults(team, r1.id, '2026-03-28', [
    { variantKey: 'control', units: 5000, conversions: 250, spend: 1000 },
    { variantKey: 'b', units: 4000, conversions: 200, spend: 1200 },
  ]);
  const r2 = await seedCycle(
    team,
    {
      name: 'R2 free shipping',
      launchedAt: '2026-03-10T00:00:00.000Z',
      closedAt: '2026-03-25T10:00:00.000Z',
      decision: 'ship',
      verdict: 'ship',
      statuses: ['winner'],
      objective: 'trials',
      effect: { lift: 0.05, se: 0.02 },
      spend: [
        { date: '2026-03-20', control: 1000, treatment: 1000 },
        { date: '2026-03-27', control: 1500, treatment: 1600 },
      ],
    },
    objectives,
  );
  await seedCycle(team, {
    name: 'R3 <b>bold</b> hero',
    launchedAt: '2026-03-02T00:00:00.000Z',
    closedAt: '2026-03-22T23:30:00.000Z',
    decision: 'iterate',
    verdict: 'kill',
    statuses: ['flat'],
    overrideReason: 'Seasonality',
  });
  await seedCycle(team, {
    name: 'R4 next week',
    launchedAt: '2026-03-12T00:00:00.000Z',
    closedAt: '2026-03-29T22:30:00.000Z',
    decision: 'kill',
    verdict: 'kill',
    statuses: ['loser'],
  });
  // cited once during the week and once after it: the review counts what was cited by the week's end
  await seedInsight(team, 'Urgency lifts paid social', '2026-03-26T08:00:00.000Z', [
    { cycleId: r1.id, at: '2026-03-26T08:00:00.000Z' },
    { cycleId: r2.id, at: '2026-04-02T08:00:00.000Z' },
  ]);
  const created = '2026-03-01T00:00:00.000Z';
  await seedIdea(team, { title: 'Idea 9.3', iceScore: 9.3, createdAt: created });
  await seedIdea(team, { title: 'Idea 7', iceScore: 7, createdAt: created });
  await seedIdea(team, { title: 'Idea unscored', createdAt: created });
  await seedIdea(team, { title: 'Idea 4', iceScore: 4, createdAt: created });
  await seedIdea(team, { title: 'Idea from April', iceScore: 10, createdAt: '2026-04-02T00:00:00.000Z' });
}

/** Figures with record ids removed, so twin workspaces compare equal. */
const withoutIds = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutIds)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([k]) => !k.endsWith('Id'))
            .map(([k, v]) => [k, withoutIds(v)]),
        )
      : value;

/** The Worker's `scheduled` entry point (worker/index.ts) in workerd on the real D1, at a fixed clock. */
async function runCron(scheduledTime: string) {
  const controller = createScheduledController({ scheduledTime: new Date(scheduledTime), cron: '0 * * * *' });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

describe('weekly reviews', () => {
  let scheduled: Team;
  let onDemand: Team;
  let cronReview: any;
  let demandReview: any;

  beforeAll(async () => {
    scheduled = await createTeam('Cron Co');
    onDemand = await createTeam('Demand Co');
    await seedWeek(scheduled);
    await seedWeek(onDemand);
  });

  // On demand first: the cron then finds that workspace's week already built and leaves it alone.
  it('a lead builds one on demand, idempotently', async () => {
    const first = await onDemand.lead.post('/api/reviews', { weekStart: '2026-03-23' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await onDemand.lead.post('/api/reviews', { weekStart: '2026-03-23' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.version).toBe(first.body.version);
    demandReview = first.body;
    expect(demandReview.builtBy).toBe(onDemand.ids.lead);
  });

  it('the cron waits for Monday 06:00 in the workspace time zone, then builds last week', async () => {
    await runCron('2026-03-30T03:59:00.000Z'); // 05:59 CEST
    expect((await scheduled.lead.get('/api/reviews')).body.items).toEqual([]);
    await runCron('2026-03-30T04:00:00.000Z'); // 06:00 CEST
    const list = (await scheduled.lead.get('/api/reviews')).body.items;
    expect(list.map((r: any) => [r.weekStart, r.status, r.builtBy])).toEqual([['2026-03-23', 'draft', 'schedule']]);
    const twin = (await onDemand.lead.get('/api/reviews')).body.items;
    expect(twin.map((r: any) => [r.id, r.version, r.builtBy])).toEqual([[demandReview.id, 1, onDemand.ids.lead]]);
    cronReview = (await scheduled.lead.get(`/api/reviews/${list[0].id}`)).body;
    // a later run (the same Monday or a catch-up on Tuesday) never builds it twice
    await runCron('2026-03-31T10:00:00.000Z');
    expect((await scheduled.lead.get('/api/reviews')).body.items).toHaveLength(1);
  });

  it('the scheduled review equals the on-demand one, and a rebuild from stored data gives the same figures', async () => {
    expect(withoutIds(cronReview.figures)).toEqual(withoutIds(demandReview.figures));
    const db = createDb(env.DB);
    const rebuilt = await buildReviewFigures(
      db,
      { id: scheduled.workspaceId, timeZone: 'Europe/Berlin', currency: 'EUR' },
      '2026-03-23',
    );
    expect(rebuilt).toEqual(cronReview.figures);
  });

  it('holds the week as worked out by hand', () => {
    const f = cronReview.figures;
    expect(f.week).toEqual({
      weekStart: '2026-03-23',
      lastDay: '2026-03-29',
      from: '2026-03-22T23:00:00.000Z',
      to: '2026-03-29T22:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    expect(f.launched.map((c: any) => c.name)).toEqual(['R1 urgency copy']);
    expect(f.closed.map((c: any) => [c.name, c.decision, c.verdict, c.followedRule, c.overrideReason])).toEqual([
      ['R3 <b>bold</b> hero', 'iterate', 'kill', false, 'Seasonality'],
      ['R2 free shipping', 'ship', 'ship', true, null],
    ]);
    expect(f.followedRule).toEqual({ followed: 1, closed: 2 });
    expect(f.learnings.map((l: any) => l.title)).toEqual([
      'Learning of R3 <b>bold</b> hero',
      'Learning of R2 free shipping',
    ]);
    expect(f.insights.map((i: any) => [i.title, i.citations])).toEqual([['Urgency lifts paid social', 1]]);
    expect(f.needsDecision.map((c: any) => [c.name, c.verdict, c.overdue, c.daysRunning])).toEqual([
      ['R1 urgency copy', 'iterate', ['past its planned end (2026-03-27)'], 5],
    ]);
    expect(f.warnings).toHaveLength(1);
    expect(f.warnings[0].srm.mismatch).toBe(true);
    expect(f.warnings[0].guardrailBreaches).toHaveLength(1);
    // Trials: R2 3100 to date (2000 before the week) + R1 2200 this week; Brand has no spend and no envelope.
    expect(f.spend.map((o: any) => [o.title, o.envelope, o.spentToDate, o.spentThisWeek, o.share])).toEqual([
      ['Brand', null, 0, 0, null],
      ['Trials', 10_000, 5300, 3300, 0.53],
    ]);
    expect(f.nextActions.map((h: any) => [h.title, h.iceScore])).toEqual([
      ['Idea 9.3', 9.3],
      ['Idea 7', 7],
      ['Idea 4', 4],
      ['Idea unscored', null],
    ]);
  });

  it('the lead writes the narrative (versioned) and publishes; viewers only ever see published reviews', async () => {
    const id = cronReview.id;
    expect((await scheduled.viewer.get(`/api/reviews/${id}`)).status).toBe(404);
    expect((await scheduled.viewer.get('/api/reviews')).body.items).toEqual([]);
    expect((await scheduled.member.get(`/api/reviews/${id}`)).status).toBe(200);
    const narrative = 'Shipped free shipping. <script>alert(1)</script>\nNext: fix the R1 split.';
    const written = await scheduled.lead.patch(`/api/reviews/${id}`, { narrative, version: cronReview.version });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    expect(written.body.narrative).toBe(narrative);
    const stale = await scheduled.lead.patch(`/api/reviews/${id}`, { narrative: 'x', version: cronReview.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.narrative).toBe(narrative);
    const published = await scheduled.lead.post(`/api/reviews/${id}/publish`, { version: written.body.version });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(
      (await scheduled.lead.patch(`/api/reviews/${id}`, { narrative: 'late', version: published.body.version })).status,
    ).toBe(409);
    expect((await scheduled.lead.post(`/api/reviews/${id}/publish`, {})).status).toBe(409);
    expect((await scheduled.viewer.get('/api/reviews')).body.items.map((r: any) => r.id)).toEqual([id]);

    const md = await scheduled.viewer.get(`/api/reviews/${id}/markdown`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(md.headers.get('content-disposition')).toBe('attachment; filename="hadi-review-2026-03-23.md"');
    const text = md.body as string;
    expect(text).toContain('# Weekly review — Cron Co');
    expect(text).toContain('Shipped free shipping. &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('R3 \\<b\\>bold\\</b\\> hero: **iterate**, the rule said kill — override: Seasonality');
    expect(text).toContain('## Tests closed (2) — 1 of 2 followed their pre-registered rule');
    expect(text).toContain('Trials: €5,300 of €10,000 (53%), €3,300 this week');
    expect(text).not.toMatch(/<script>|<b>/);
  });

  it('refuses weeks that are not Mondays or not over, naming the field', async () => {
    const tuesday = await onDemand.lead.post('/api/reviews', { weekStart: '2026-03-24' });
    expect(tuesday.status).toBe(400);
    expect(tuesday.body.error.fields.weekStart).toMatch(/Monday/);
    const future = await onDemand.lead.post('/api/reviews', { weekStart: '2030-01-07' });
    expect(future.status).toBe(400);
    expect(future.body.error.fields.weekStart).toMatch(/ended/);
    expect((await onDemand.member.post('/api/reviews', {})).status).toBe(403);
    expect((await scheduled.lead.get(`/api/reviews/${demandReview.id}`)).status).toBe(404);
  });
});
