import { beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Team } from './support/client';
import { seedCycle, seedIdea, seedObjective, seedResults } from './support/history';

/**
 * The program view on a seeded month (2026-03-02 … 2026-03-29, UTC) whose answers were worked out by hand:
 *
 *   cycle  launched        closed            decision / rule         result   channel      lever     stage       plan   objective, lift (se)
 *   C1     03-02 10:00     03-09 10:00 (7d)  ship / ship             won      Paid search  offer     conversion  met    Trials, 0.10 (0.04)
 *   C2     03-02 00:00     03-12 (10d)       kill / kill             lost     Paid search  creative  conversion  met
 *   C3     03-05           03-19 (14d)       iterate / kill (over.)  inconcl. Paid social  creative  awareness   missed
 *   C4     03-10           03-20 12:00 (10.5d) ship / ship           won      Paid social  offer     conversion  none   Trials, 0.04 (0.02)
 *   C5     03-16           03-27 (11d)       ship / keep_running (o) inconcl. —            —         —           met    Brand (no primary metric)
 *   C6     03-03           aborted 03-04: launched, never closed
 *   C7     02-10           02-20: before the window
 *   C8     03-25           running, past its planned end, SRM and a CPA guardrail breach
 *   C9     03-23           closed 03-30: after the window
 *   C10    03-28           running, no results yet
 */
describe('GET /api/program', () => {
  let team: Team;
  let body: any;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    team = await createTeam('Program Co');
    const { metric } = await import('./support/fixtures').then((f) => f.catalog(team.admin));
    const objectives = {
      trials: await seedObjective(team, 'Trials', { primaryMetricId: metric('Conversion rate') }),
      brand: await seedObjective(team, 'Brand'),
    };
    const seed = async (key: string, c: Parameters<typeof seedCycle>[1]) => {
      ids[key] = (await seedCycle(team, c, objectives)).id;
    };
    await seed('C1', {
      name: 'C1',
      launchedAt: '2026-03-02T10:00:00.000Z',
      closedAt: '2026-03-09T10:00:00.000Z',
      decision: 'ship',
      verdict: 'ship',
      statuses: ['winner'],
      channel: 'Paid search',
      lever: 'offer',
      funnelStage: 'conversion',
      planned: 5000,
      unitsLeft: 0,
      objective: 'trials',
      effect: { lift: 0.1, se: 0.04 },
    });
    await seed('C2', {
      name: 'C2',
      launchedAt: '2026-03-02T00:00:00.000Z',
      closedAt: '2026-03-12T00:00:00.000Z',
      decision: 'kill',
      verdict: 'kill',
      statuses: ['loser'],
      channel: 'Paid search',
      lever: 'creative',
      funnelStage: 'conversion',
      planned: 5000,
      unitsLeft: 0,
    });
    await seed('C3', {
      name: 'C3',
      launchedAt: '2026-03-05T00:00:00.000Z',
      closedAt: '2026-03-19T00:00:00.000Z',
      decision: 'iterate',
      verdict: 'kill',
      statuses: ['flat'],
      overrideReason: 'Promising segment',
      channel: 'Paid social',
      lever: 'creative',
      funnelStage: 'awareness',
      planned: 8000,
      unitsLeft: 2000,
    });
    await seed('C4', {
      name: 'C4',
      launchedAt: '2026-03-10T00:00:00.000Z',
      closedAt: '2026-03-20T12:00:00.000Z',
      decision: 'ship',
      verdict: 'ship',
      statuses: ['winner'],
      channel: 'Paid social',
      lever: 'offer',
      funnelStage: 'conversion',
      planned: null,
      objective: 'trials',
      effect: { lift: 0.04, se: 0.02 },
    });
    await seed('C5', {
      name: 'C5',
      launchedAt: '2026-03-16T00:00:00.000Z',
      closedAt: '2026-03-27T00:00:00.000Z',
      decision: 'ship',
      verdict: 'keep_running',
      statuses: ['undecided'],
      overrideReason: 'Deadline',
      planned: 4000,
      unitsLeft: 0,
      objective: 'brand',
      effect: { lift: 0.02, se: 0.01 },
    });
    await seed('C6', {
      name: 'C6',
      status: 'aborted',
      launchedAt: '2026-03-03T00:00:00.000Z',
      closedAt: '2026-03-04T00:00:00.000Z',
    });
    await seed('C7', {
      name: 'C7',
      launchedAt: '2026-02-10T00:00:00.000Z',
      closedAt: '2026-02-20T00:00:00.000Z',
      decision: 'kill',
      verdict: 'kill',
      statuses: ['loser'],
    });
    await seed('C8', {
      name: 'C8',
      status: 'running',
      launchedAt: '2026-03-25T00:00:00.000Z',
      plannedEnd: '2026-04-01',
    });
    // 5000 vs 4000 units on a 1:1 plan is a sample-ratio mismatch; CPA 1000/250 = 4 vs 1200/200 = 6 worsens by 50%.
    await seedResults(team, ids.C8!, '2026-03-29', [
      { variantKey: 'control', units: 5000, conversions: 250, spend: 1000 },
      { variantKey: 'b', units: 4000, conversions: 200, spend: 1200 },
    ]);
    await seed('C9', {
      name: 'C9',
      launchedAt: '2026-03-23T00:00:00.000Z',
      closedAt: '2026-03-30T00:00:00.000Z',
      decision: 'kill',
      verdict: 'kill',
      statuses: ['loser'],
    });
    await seed('C10', { name: 'C10', status: 'running', launchedAt: '2026-03-28T00:00:00.000Z' });
    // Backlog: H1 8.3 complete; H2 5.0 missing parts, untouched since January; H3 unscored; H4 10, untouched 90 days;
    // a deleted idea and a parked one don't count.
    const complete = {
      change: 'c',
      audience: 'a',
      channelId: null,
      metricId: metric('Conversion rate'),
      move: 'increase' as const,
      expectedImpact: 0.1,
      rationale: 'r',
      lever: 'offer' as const,
    };
    const ninetyDaysAgo = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const { channel } = await import('./support/fixtures').then((f) => f.catalog(team.admin));
    await seedIdea(team, {
      ...complete,
      channelId: channel('Email'),
      impact: 8,
      confidence: 8,
      ease: 9,
      iceScore: 8.3,
    });
    await seedIdea(team, { impact: 5, confidence: 5, ease: 5, iceScore: 5, updatedAt: '2026-01-01T00:00:00.000Z' });
    await seedIdea(team, {});
    await seedIdea(team, {
      ...complete,
      channelId: channel('Email'),
      impact: 10,
      confidence: 10,
      ease: 10,
      iceScore: 10,
      updatedAt: ninetyDaysAgo,
    });
    await seedIdea(team, { iceScore: 9, deletedAt: '2026-03-01T00:00:00.000Z' });
    await seedIdea(team, { iceScore: 9, status: 'parked' });

    const res = await team.viewer.get('/api/program?from=2026-03-02&to=2026-03-29');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    body = res.body;
  });

  it('velocity: launched and closed per week, durations, planned sample reached', () => {
    expect(body.velocity.weeks).toEqual([
      { weekStart: '2026-03-02', launched: 4, closed: 0 },
      { weekStart: '2026-03-09', launched: 1, closed: 2 },
      { weekStart: '2026-03-16', launched: 1, closed: 2 },
      { weekStart: '2026-03-23', launched: 3, closed: 1 },
    ]);
    expect(body.velocity.launched).toBe(9);
    expect(body.velocity.closed).toBe(5);
    // durations 7, 10, 10.5, 11, 14 days: median 10.5; p90 at rank 3.6 → 11 + 0.6 × 3 = 12.8
    expect(body.velocity.durationDays.median).toBeCloseTo(10.5, 10);
    expect(body.velocity.durationDays.p90).toBeCloseTo(12.8, 10);
    expect(body.velocity.reachedPlannedSample).toEqual({ share: 0.75, reached: 3, withPlan: 4 });
  });

  it('outcomes: decisions, results and the share that followed the rule, with the overrides and their reasons', () => {
    expect(body.outcomes.all).toMatchObject({
      closed: 5,
      ship: 3,
      kill: 1,
      iterate: 1,
      won: 2,
      lost: 1,
      inconclusive: 2,
      followedRule: 3,
      winRate: 0.4,
      followedShare: 0.6,
    });
    expect(body.outcomes.overrides.map((o: any) => [o.name, o.decision, o.verdict, o.reason])).toEqual([
      ['C5', 'ship', 'keep_running', 'Deadline'],
      ['C3', 'iterate', 'kill', 'Promising segment'],
    ]);
    const pick = (rows: any[]) =>
      rows.map((r) => [r.label, r.closed, r.ship, r.kill, r.iterate, r.won, r.followedRule]);
    expect(pick(body.outcomes.byChannel)).toEqual([
      ['Paid search', 2, 1, 1, 0, 1, 2],
      ['Paid social', 2, 1, 0, 1, 1, 1],
      ['not set', 1, 1, 0, 0, 0, 0],
    ]);
    expect(pick(body.outcomes.byLever)).toEqual([
      ['creative', 2, 0, 1, 1, 0, 1],
      ['offer', 2, 2, 0, 0, 2, 2],
      ['not set', 1, 1, 0, 0, 0, 0],
    ]);
    expect(pick(body.outcomes.byFunnelStage)).toEqual([
      ['conversion', 3, 2, 1, 0, 2, 3],
      ['awareness', 1, 0, 0, 1, 0, 0],
      ['not set', 1, 1, 0, 0, 0, 0],
    ]);
  });

  it('impact: shipped lifts per objective with the pooled estimate, labelled as measured at test time', () => {
    const trials = body.impact.find((o: any) => o.title === 'Trials');
    expect(trials.basis).toBe('as measured at test time');
    expect(trials.tests.map((t: any) => [t.name, t.effect, t.se])).toEqual([
      ['C1', 0.1, 0.04],
      ['C4', 0.04, 0.02],
    ]);
    // By hand: w = 625, 2500; fixed 0.052; Q = 1.8; c = 1000; τ² = 0.0008; w* = 416.67, 833.33; pooled 75/1250 = 0.06.
    expect(trials.pooled.estimate).toBeCloseTo(0.06, 12);
    expect(trials.pooled.se).toBeCloseTo(Math.sqrt(1 / 1250), 12);
    expect(trials.pooled.tau2).toBeCloseTo(0.0008, 12);
    expect(trials.pooled.q).toBeCloseTo(1.8, 12);
    expect(trials.pooled.i2).toBeCloseTo((0.8 / 1.8) * 100, 10);
    expect(trials.heterogeneity).toMatch(/differ somewhat/);
    const brand = body.impact.find((o: any) => o.title === 'Brand');
    expect(brand).toMatchObject({ shipped: 1, notPooled: 1, tests: [], pooled: null });
  });

  it('attention: overdue and warned running cycles, and the backlog health', () => {
    expect(body.attention.running).toBe(2);
    expect(body.attention.overdue.map((c: any) => [c.name, c.overdue])).toEqual([
      ['C8', ['past its planned end (2026-04-01)']],
    ]);
    const [warned] = body.attention.warnings;
    expect(body.attention.warnings).toHaveLength(1);
    expect(warned.name).toBe('C8');
    expect(warned.srm.mismatch).toBe(true);
    expect(warned.guardrailBreaches).toEqual([
      expect.stringMatching(/^B: CPA may worsen by at most 10%, but it worsened by 50%/),
    ]);
    const b = body.attention.backlog;
    expect(b.ideas).toBe(4);
    expect(b.ice.unscored).toBe(1);
    expect(b.ice.bins.filter((x: any) => x.count > 0)).toEqual([
      { from: 5, to: 6, count: 1 },
      { from: 8, to: 9, count: 1 },
      { from: 9, to: 10, count: 1 },
    ]);
    expect(b.incomplete).toBe(2);
    expect(b.untouched60Days).toBe(2);
  });

  it('narrows to one objective', async () => {
    const trials = body.impact.find((o: any) => o.title === 'Trials').objectiveId;
    const res = await team.viewer.get(`/api/program?from=2026-03-02&to=2026-03-29&objectiveId=${trials}`);
    expect(res.status).toBe(200);
    expect(res.body.outcomes.all.closed).toBe(2);
    expect(res.body.velocity.launched).toBe(2);
    expect(res.body.impact.map((o: any) => o.title)).toEqual(['Trials']);
  });

  it('rejects a bad window naming the field, and a foreign objective as not found', async () => {
    const upside = await team.viewer.get('/api/program?from=2026-03-29&to=2026-03-02');
    expect(upside.status).toBe(400);
    expect(upside.body.error.fields.from).toMatch(/after/);
    const bad = await team.viewer.get('/api/program?from=March');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.from).toBeDefined();
    const other = await createTeam('Elsewhere');
    const theirs = body.impact[0].objectiveId;
    expect((await other.viewer.get(`/api/program?objectiveId=${theirs}`)).status).toBe(404);
    const empty = await other.viewer.get('/api/program');
    expect(empty.status).toBe(200);
    expect(empty.body.outcomes.all.closed).toBe(0);
    expect(empty.body.velocity.weeks).toHaveLength(12);
  });
});
