import { beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Team } from './support/client';
import { catalog, draftCycle, fullHypothesis, winningResults } from './support/fixtures';

describe('the whole HADI loop through HTTP', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Loop Co');
  });

  it('hypothesis → cycle → launch → results → analysis → close → learning → follow-up', async () => {
    const { metric, channel } = await catalog(team.member);
    // Hypothesis: captured with a title only, completed later.
    const quick = await team.member.post('/api/hypotheses', { title: 'Retarget cart abandoners with UGC video' });
    expect(quick.status).toBe(201);
    expect(quick.body).toMatchObject({ version: 1, status: 'backlog', iceScore: null });
    expect(quick.body.incomplete).toContain('change');
    const completed = await team.member.patch(
      `/api/hypotheses/${quick.body.id}`,
      {
        ...fullHypothesis({ channelId: channel('Retargeting'), metricId: metric('Conversion rate') }),
        title: quick.body.title,
      },
      { 'if-match': '1' },
    );
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ version: 2, iceScore: 7.7, incomplete: [] });

    // Action: the cycle design with its pre-registered rule, launched by a lead.
    const { cycle, hypothesis } = await draftCycle(team);
    expect(cycle).toMatchObject({ status: 'draft', version: 1, primaryMetricId: metric('Conversion rate') });
    const launched = await team.lead.post(`/api/cycles/${cycle.id}/launch`, { version: 1 });
    expect(launched.status, JSON.stringify(launched.body)).toBe(200);
    expect(launched.body).toMatchObject({ status: 'running', version: 2 });
    expect(launched.body.ruleLockedAt).toBeTruthy();
    expect((await team.viewer.get(`/api/hypotheses/${hypothesis.id}`)).body.status).toBe('testing');

    // Data: a member records results.
    const results = await team.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric));
    expect(results.status, JSON.stringify(results.body)).toBe(201);
    expect(results.body.created).toBe(4);
    const series = await team.viewer.get(`/api/cycles/${cycle.id}/snapshots`);
    expect(series.body.items).toHaveLength(4);

    const analysis = await team.viewer.get(`/api/cycles/${cycle.id}/analysis`);
    expect(analysis.status, JSON.stringify(analysis.body)).toBe(200);
    expect(analysis.body.verdict.decision).toBe('ship');
    expect(analysis.body.spend).toBe(6050);

    // Insight: the lead decides against the rule, so a reason is required.
    const noReason = await team.lead.post(`/api/cycles/${cycle.id}/close`, {
      decision: 'iterate',
      learning: { summary: 'Banner wins but we want a cheaper variant' },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toHaveProperty('overrideReason');

    const closed = await team.lead.post(`/api/cycles/${cycle.id}/close`, {
      decision: 'iterate',
      overrideReason: 'Win is real but the banner hides the price; test a slimmer banner first',
      learning: {
        summary: 'Free-shipping banner lifted conversion by about 40% at similar CPA',
        tags: ['shipping'],
        nextSteps: 'Test a slimmer banner',
      },
      followUps: [{ title: 'Slim free-shipping strip instead of banner', lever: 'creative' }],
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.cycle).toMatchObject({ status: 'closed', decision: 'iterate', version: 3 });
    expect(closed.body.cycle.verdict.decision).toBe('ship');
    expect(closed.body.learning).toMatchObject({ decision: 'iterate', verdict: 'ship', isOverride: true });

    // The learning log: readable by stakeholders, searchable, with the HADI chain to the follow-up.
    const log = await team.viewer.get('/api/learnings?q=banner');
    expect(log.body.items.map((l: { cycleId: string }) => l.cycleId)).toEqual([cycle.id]);
    const learning = await team.viewer.get(`/api/learnings/${log.body.items[0].id}`);
    expect(learning.body.evidence.verdict.decision).toBe('ship');
    // The list splices each learning's stored evidence in as text: the same record as the learning read alone.
    expect(log.headers.get('content-type')).toMatch(/^application\/json/);
    expect(log.body.items[0]).toEqual(learning.body);
    expect((await team.viewer.get(`/api/hypotheses/${hypothesis.id}`)).body.status).toBe('parked');
    const followUp = await team.viewer.get(`/api/hypotheses/${closed.body.followUps[0].id}`);
    expect(followUp.body).toMatchObject({ parentCycleId: cycle.id, status: 'backlog', lever: 'creative' });

    // Every write left an audit entry with before → after.
    const audit = await team.admin.get(`/api/audit?entityId=${cycle.id}`);
    expect(audit.body.items.map((a: { action: string }) => a.action).sort()).toEqual(['close', 'create', 'launch']);
    const closeEntry = audit.body.items.find((a: { action: string }) => a.action === 'close');
    expect(closeEntry.before.status).toBe('running');
    expect(closeEntry.after.status).toBe('closed');
  });

  it('ranks the backlog by ICE, filters and searches', async () => {
    const { channel } = await catalog(team.member);
    const make = (title: string, impact: number, extra = {}) =>
      team.member.post('/api/hypotheses', { title, impact, confidence: impact, ease: impact, ...extra });
    await make('Low idea', 2, { lever: 'bidding' });
    await make('Top idea', 10, { tags: ['q3'], channelId: channel('Email') });
    await make('Mid idea', 5, { lever: 'bidding' });
    const ranked = await team.viewer.get('/api/hypotheses?status=backlog&limit=200');
    const scores = ranked.body.items.map((h: { iceScore: number | null }) => h.iceScore ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(
      (await team.viewer.get('/api/hypotheses?lever=bidding')).body.items.map((h: { title: string }) => h.title),
    ).toEqual(['Mid idea', 'Low idea']);
    expect((await team.viewer.get('/api/hypotheses?tag=q3')).body.items.map((h: { title: string }) => h.title)).toEqual(
      ['Top idea'],
    );
    expect((await team.viewer.get(`/api/hypotheses?channelId=${channel('Email')}`)).body.items).toHaveLength(1);
    expect((await team.viewer.get('/api/hypotheses?q=mid')).body.items.map((h: { title: string }) => h.title)).toEqual([
      'Mid idea',
    ]);
    expect((await team.viewer.get('/api/hypotheses?q=100%25')).body.items).toEqual([]);
  });

  it('pages through the backlog with cursors without gaps or repeats', async () => {
    const all = (await team.viewer.get('/api/hypotheses?limit=200')).body.items.map((h: { id: string }) => h.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await team.viewer.get(
        `/api/hypotheses?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((h) => h.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(4);
  });
});
