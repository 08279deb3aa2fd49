import { beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Team } from './support/client';
import { catalog, draftCycle, winningResults } from './support/fixtures';

/** Objectives, the channel map and the HADI chain, through the real Worker on D1 (issue 8). */
describe('outcomes: objectives, channel map, HADI chain', () => {
  let team: Team;
  let other: Team;
  beforeAll(async () => {
    [team, other] = await Promise.all([createTeam('Outcomes Co'), createTeam('Elsewhere')]);
  });

  /** A test on `objectiveId` that wins clearly (conversion 5% → 7%, lift +40%), closed with `decision`. */
  async function closedTest(
    objectiveId: string | null,
    decision: 'ship' | 'kill' | 'iterate',
    followUps: unknown[] = [],
  ) {
    const { cycle, hypothesis, metric } = await draftCycle(team, { objectiveId });
    expect((await team.lead.post(`/api/cycles/${cycle.id}/launch`, {})).status).toBe(200);
    expect((await team.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric))).status).toBe(201);
    const closed = await team.lead.post(`/api/cycles/${cycle.id}/close`, {
      decision,
      overrideReason: decision === 'ship' ? undefined : 'judgement call',
      learning: { summary: `Closed with ${decision}` },
      followUps,
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    return { cycle, hypothesis, metric, closed: closed.body };
  }

  it('follow-ups created at close carry channel, lever, audience, stage, metric and objective from their parent', async () => {
    const objective = await team.lead.post('/api/objectives', { title: 'Carry-over objective' });
    const { hypothesis, closed, cycle } = await closedTest(objective.body.id, 'iterate', [
      { title: 'Slimmer banner' },
      { title: 'Same idea on email', channelId: null, lever: 'creative' },
    ]);
    const [plain, edited] = await Promise.all(
      closed.followUps.map((f: { id: string }) => team.viewer.get(`/api/hypotheses/${f.id}`)),
    );
    expect(plain.body).toMatchObject({
      title: 'Slimmer banner',
      parentCycleId: cycle.id,
      channelId: hypothesis.channelId,
      lever: hypothesis.lever,
      audience: hypothesis.audience,
      funnelStage: hypothesis.funnelStage,
      metricId: hypothesis.metricId,
      objectiveId: objective.body.id,
    });
    expect(hypothesis.channelId && hypothesis.lever && hypothesis.audience).toBeTruthy();
    // Only what the follow-up genuinely lacks is left: the change, its direction and size, the why and the score.
    expect(plain.body.incomplete.sort()).toEqual(
      ['change', 'move', 'expectedImpact', 'rationale', 'impact', 'confidence', 'ease'].sort(),
    );
    // What the draft says explicitly wins, null included.
    expect(edited.body).toMatchObject({ channelId: null, lever: 'creative', audience: hypothesis.audience });
  });

  it('returns the chain in one call: parent insight → idea → tests → learning → follow-ups', async () => {
    const { hypothesis, closed, cycle } = await closedTest(null, 'iterate', [{ title: 'Follow-up A' }]);
    const followUpId = closed.followUps[0].id;
    const chain = await team.viewer.get(`/api/hypotheses/${hypothesis.id}/chain`);
    expect(chain.status).toBe(200);
    expect(chain.body.hypothesis).toMatchObject({ id: hypothesis.id, title: hypothesis.title });
    expect(chain.body.ancestors).toEqual([]);
    expect(chain.body.tests).toHaveLength(1);
    expect(chain.body.tests[0].cycle).toMatchObject({ id: cycle.id, status: 'closed', decision: 'iterate' });
    expect(chain.body.tests[0].learning).toMatchObject({
      id: closed.learning.id,
      decision: 'iterate',
      verdict: 'ship',
    });
    expect(chain.body.tests[0].learning.evidence).toBeUndefined(); // the chain is light: no frozen analysis
    expect(chain.body.tests[0].followUps.map((h: { id: string }) => h.id)).toEqual([followUpId]);

    // Test the follow-up too: its chain starts at the parent insight, and grows a second generation.
    const next = await team.member.post('/api/cycles', {
      hypothesisId: followUpId,
      name: 'Follow-up test',
      variants: [
        { key: 'control', name: 'Control', weight: 1 },
        { key: 'b', name: 'B', weight: 1 },
      ],
    });
    expect(next.status).toBe(201);
    const grandchild = await team.member.post('/api/hypotheses', { title: 'Grandchild', parentCycleId: next.body.id });
    const deleted = await team.member.post('/api/hypotheses', { title: 'Deleted child', parentCycleId: next.body.id });
    expect((await team.member.delete(`/api/hypotheses/${deleted.body.id}`)).status).toBe(204);
    const down = await team.viewer.get(`/api/hypotheses/${followUpId}/chain`);
    expect(down.body.ancestors).toHaveLength(1);
    expect(down.body.ancestors[0]).toMatchObject({
      hypothesis: { id: hypothesis.id },
      cycle: { id: cycle.id },
      learning: { id: closed.learning.id },
    });
    expect(down.body.tests[0]).toMatchObject({ cycle: { id: next.body.id, status: 'draft' }, learning: null });
    expect(down.body.tests[0].followUps.map((h: { id: string }) => h.id)).toEqual([grandchild.body.id]);
    const up = await team.viewer.get(`/api/hypotheses/${grandchild.body.id}/chain`);
    expect(up.body.ancestors.map((a: { cycle: { id: string } }) => a.cycle.id)).toEqual([cycle.id, next.body.id]);

    // Another workspace's admin gets the same 404 as for a random id; a deleted idea has no chain.
    expect((await other.admin.get(`/api/hypotheses/${hypothesis.id}/chain`)).status).toBe(404);
    expect((await team.viewer.get(`/api/hypotheses/${crypto.randomUUID()}/chain`)).status).toBe(404);
    expect((await team.viewer.get(`/api/hypotheses/${deleted.body.id}/chain`)).status).toBe(404);
  });

  it('objective progress: tests and money serving it, and the primary metric estimated from shipped tests', async () => {
    const { metric } = await catalog(team.lead);
    const created = await team.lead.post('/api/objectives', {
      title: 'Grow first orders',
      primaryMetricId: metric('Conversion rate'),
      secondaryMetricIds: [metric('Average order value')],
      baseline: 0.05,
      target: 0.06,
      deadline: '2027-03-31',
      guardrails: { cacMin: 20, cacMax: 45, roasFloor: 3, paybackDays: 90 },
      budgetEnvelope: 60000,
      approvalThreshold: 15000,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const empty = await team.viewer.get(`/api/objectives/${id}/progress`);
    expect(empty.body).toMatchObject({ budgetCommitted: 0, spendOnClosedTests: 0 });
    expect(empty.body.towardTarget).toMatchObject({ baseline: 0.05, estimate: 0.05, fraction: 0, shipped: [] });

    const shipped = await closedTest(id, 'ship');
    await closedTest(id, 'kill');
    const progress = await team.viewer.get(`/api/objectives/${id}/progress`);
    expect(progress.body.cycles).toEqual({ closed: 2 });
    expect(progress.body.decisions).toEqual({ ship: 1, kill: 1 });
    expect(progress.body.budgetCommitted).toBe(4000); // two tests of 2000 each
    expect(progress.body.spendOnClosedTests).toBe(2 * 6050);
    // 300/6000 → 420/6000 is a relative lift of exactly +40%, so 5% × 1.4 = 7%: twice the way to 6%.
    const t = progress.body.towardTarget;
    expect(t.shipped).toEqual([
      expect.objectContaining({ cycleId: shipped.cycle.id, variant: 'Banner', lift: expect.closeTo(0.4, 12) }),
    ]);
    expect(t.estimate).toBeCloseTo(0.07, 12);
    expect(t.fraction).toBeCloseTo(2, 10);
  });

  it('a test designed without an objective serves the objective of the idea it tests', async () => {
    const objective = (await team.lead.post('/api/objectives', { title: 'Inherited' })).body;
    const idea = (await team.member.post('/api/hypotheses', { title: 'Linked idea', objectiveId: objective.id })).body;
    const variants = [
      { key: 'control', name: 'Control', weight: 1 },
      { key: 'b', name: 'B', weight: 1 },
    ];
    const inherited = await team.member.post('/api/cycles', { hypothesisId: idea.id, name: 'Inherits', variants });
    expect(inherited.body.objectiveId).toBe(objective.id);
    const opted = await team.member.post('/api/cycles', {
      hypothesisId: idea.id,
      name: 'None',
      variants,
      objectiveId: null,
    });
    expect(opted.body.objectiveId).toBeNull();
    expect((await team.viewer.get(`/api/objectives/${objective.id}/progress`)).body.cycles).toEqual({ draft: 1 });
  });

  it('objectives: leads and admins write, members and viewers read; bad input names the field', async () => {
    for (const role of ['viewer', 'member'] as const)
      expect((await team[role].post('/api/objectives', { title: 'Nope' })).status).toBe(403);
    const { metric } = await catalog(team.lead);
    const tooMany = await team.lead.post('/api/objectives', {
      title: 'Too many',
      secondaryMetricIds: [metric('CPA'), metric('ROAS'), metric('Refund rate')],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields).toHaveProperty('secondaryMetricIds');
    const upside = await team.lead.post('/api/objectives', { title: 'Upside', guardrails: { cacMin: 50, cacMax: 10 } });
    expect(upside.status).toBe(400);
    expect(upside.body.error.fields).toHaveProperty(['guardrails.cacMax']);
    const made = await team.admin.post('/api/objectives', { title: 'By admin' });
    expect(made.status).toBe(201);
    const edited = await team.lead.patch(`/api/objectives/${made.body.id}`, { status: 'archived', version: 1 });
    expect(edited.body).toMatchObject({ status: 'archived', version: 2 });
  });

  it('channel map: job validated, names unique, tests, win rate and spend per channel', async () => {
    const badJob = await team.admin.post('/api/channels', { name: 'TikTok', kind: 'paid_social', job: 'go_viral' });
    expect(badJob.status).toBe(400);
    expect(badJob.body.error.fields).toHaveProperty('job');
    const noJob = await team.admin.post('/api/channels', { name: 'TikTok', kind: 'paid_social' });
    expect(noJob.body.error.fields).toHaveProperty('job');
    const id = crypto.randomUUID();
    const tiktok = await team.admin.post('/api/channels', {
      id,
      name: 'TikTok',
      kind: 'paid_social',
      job: 'create_demand',
    });
    expect(tiktok.status).toBe(201);
    expect(
      (await team.admin.post('/api/channels', { id, name: 'TikTok', kind: 'paid_social', job: 'create_demand' }))
        .status,
    ).toBe(200);
    const clash = await team.admin.post('/api/channels', { name: ' tiktok ', kind: 'video', job: 'create_demand' });
    expect(clash.status).toBe(400);
    expect(clash.body.error.fields).toHaveProperty('name');
    expect(
      (await team.lead.post('/api/channels', { name: 'Lead made', kind: 'video', job: 'create_demand' })).status,
    ).toBe(403);
    const renamed = await team.admin.patch(`/api/channels/${id}`, { name: 'TikTok Ads', version: 1 });
    expect(renamed.body).toMatchObject({ name: 'TikTok Ads', version: 2 });
    const archived = await team.admin.patch(`/api/channels/${id}`, {
      archived: true,
      job: 'convert_warm_intent',
      version: 2,
    });
    expect(archived.body).toMatchObject({ archived: true, job: 'convert_warm_intent', version: 3 });

    // The expected figures, counted independently from the cycles of ideas on Paid search (the fixture's channel).
    const { channel } = await catalog(team.viewer);
    const ideas = (await team.viewer.get('/api/hypotheses?limit=200')).body.items as {
      id: string;
      channelId: string;
    }[];
    const onSearch = new Set(ideas.filter((h) => h.channelId === channel('Paid search')).map((h) => h.id));
    const cycles = (
      (await team.viewer.get('/api/cycles?limit=200')).body.items as {
        id: string;
        hypothesisId: string;
        status: string;
        decision: string | null;
      }[]
    ).filter((c) => onSearch.has(c.hypothesisId));
    expect(cycles.length).toBeGreaterThan(3);
    const tested = new Set(cycles.map((c) => c.id));
    const learnings = (
      (await team.viewer.get('/api/learnings?limit=200')).body.items as { cycleId: string; spend: number }[]
    ).filter((l) => tested.has(l.cycleId));
    const map = await team.viewer.get('/api/channels/summary');
    expect(map.status).toBe(200);
    const search = map.body.items.find((c: { channelId: string }) => c.channelId === channel('Paid search'));
    const closed = cycles.filter((c) => c.status === 'closed');
    expect(search).toMatchObject({
      closed: closed.length,
      shipped: closed.filter((c) => c.decision === 'ship').length,
      spend: learnings.reduce((s, l) => s + l.spend, 0),
    });
    expect(search.winRate).toBeCloseTo(closed.filter((c) => c.decision === 'ship').length / closed.length, 12);
    expect(Object.values(search.tests as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(cycles.length);
    const email = map.body.items.find((c: { channelId: string }) => c.channelId === channel('Email'));
    expect(email).toEqual({ channelId: channel('Email'), tests: {}, closed: 0, shipped: 0, winRate: null, spend: 0 });
    // Another workspace sees only its own channels, with none of our tests.
    const theirs = await other.admin.get('/api/channels/summary');
    expect(theirs.body.items.every((c: { closed: number }) => c.closed === 0)).toBe(true);
    expect(theirs.body.items.map((c: { channelId: string }) => c.channelId)).not.toContain(channel('Paid search'));
  });
});
