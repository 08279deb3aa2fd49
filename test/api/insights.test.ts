import { beforeAll, describe, expect, it } from 'vitest';
import meta from '../stats/fixtures/meta-analysis.json';
import { createTeam, type Team } from './support/client';
import { draftCycle, today } from './support/fixtures';

const REL = 1e-9;
const close = (a: number, b: number) => Math.abs(a - b) <= REL * Math.max(1, Math.abs(b));

/** A cycle run through the real API: drafted, launched, given results, closed with a learning. */
async function closedCycle(team: Team, conversions: [number, number], tags: string[]) {
  const { cycle, metric, hypothesis } = await draftCycle(team);
  await team.member.patch(`/api/hypotheses/${hypothesis.id}`, { tags, version: hypothesis.version });
  await team.admin.post(`/api/cycles/${cycle.id}/launch`, {});
  const cr = metric('Conversion rate');
  const cpa = metric('CPA');
  const date = today();
  const rows = (metricId: string) => [
    { metricId, variantKey: 'control', date, units: 6000, conversions: conversions[0], spend: 3000 },
    { metricId, variantKey: 'banner', date, units: 6000, conversions: conversions[1], spend: 3000 },
  ];
  const added = await team.member.post(`/api/cycles/${cycle.id}/snapshots`, { snapshots: [...rows(cr), ...rows(cpa)] });
  if (added.status >= 300) throw new Error(JSON.stringify(added.body));
  const closed = await team.lead.post(`/api/cycles/${cycle.id}/close`, {
    decision: 'ship',
    overrideReason: 'test history',
    learning: { summary: 'seen' },
  });
  if (closed.status >= 300) throw new Error(JSON.stringify(closed.body));
  return {
    cycleId: cycle.id as string,
    learningId: closed.body.learning.id as string,
    channelId: hypothesis.channelId,
  };
}

/** The primary effect as stored in the learning's evidence: relative lift of the banner and its delta-method se. */
async function storedEffect(team: Team, learningId: string) {
  const learning = (await team.viewer.get(`/api/learnings/${learningId}`)).body;
  const primary = learning.evidence.metrics.find((m: any) => m.role === 'primary');
  const v = primary.comparison.result.variants[0];
  return { effect: v.relativeLift as number, se: v.relative.stddev as number };
}

describe('POST /api/stats/meta-analysis', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Meta Co');
  });

  it.each(meta.cases.map((c, i) => [`${c.method} #${i + 1}`, c] as const))(
    'matches metafor through HTTP: %s',
    async (_, c) => {
      const res = await team.viewer.post('/api/stats/meta-analysis', {
        studies: c.studies,
        method: c.method,
        level: c.level,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      for (const key of ['estimate', 'se', 'pValue', 'tau2', 'i2', 'q'] as const) {
        const want = c[key] as number;
        expect(
          Math.abs(res.body[key] - want) <= Math.max(1e-6 * Math.abs(want), 1e-9),
          `${key}: ${res.body[key]} vs ${want}`,
        ).toBe(true);
      }
      expect(res.body.qPValue === null).toBe(c.qPValue === null);
    },
  );

  it('answers 400 naming the field for impossible studies', async () => {
    const res = await team.viewer.post('/api/stats/meta-analysis', {
      studies: [{ effect: 0.1, se: -1 }],
      method: 'random',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields['studies.0.se']).toBeDefined();
    const method = await team.viewer.post('/api/stats/meta-analysis', {
      studies: [{ effect: 0.1, se: 1 }],
      method: 'bayes',
    });
    expect(method.body.error.fields.method).toBeDefined();
  });
});

describe('insights', () => {
  let team: Team;
  let cycles: Awaited<ReturnType<typeof closedCycle>>[];

  beforeAll(async () => {
    team = await createTeam('Insight Co');
    cycles = [
      await closedCycle(team, [300, 420], ['urgency']),
      await closedCycle(team, [300, 330], ['urgency']),
      await closedCycle(team, [300, 250], ['pricing']),
    ];
  });

  it('pools the cited cycles exactly as the meta-analysis of their stored effects, and updates on a new citation', async () => {
    const created = await team.lead.post('/api/insights', {
      title: 'Urgency copy lifts conversion',
      claim: 'Countdown banners lift conversion on search landing pages',
      tags: ['urgency'],
      method: 'random',
      citations: [
        { cycleId: cycles[0]!.cycleId, stance: 'supports' },
        { cycleId: cycles[1]!.cycleId, stance: 'supports', note: 'smaller market' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const studies = [await storedEffect(team, cycles[0]!.learningId), await storedEffect(team, cycles[1]!.learningId)];
    const oracle = (await team.viewer.post('/api/stats/meta-analysis', { studies, method: 'random' })).body;
    const pooled = created.body.pooled;
    expect(pooled.studies).toBe(2);
    for (const key of ['estimate', 'se', 'tau2', 'i2', 'q', 'pValue'] as const)
      expect(close(pooled.result[key], oracle[key]), key).toBe(true);
    expect(created.body.citations.map((c: any) => c.effect.effect)).toEqual(studies.map((s) => s.effect));
    expect(pooled.heterogeneity).toMatch(/I² = \d+%/);

    const cited = await team.lead.post(`/api/insights/${created.body.id}/citations`, {
      cycleId: cycles[2]!.cycleId,
      stance: 'contradicts',
    });
    expect(cited.status).toBe(201);
    expect(cited.body.version).toBe(created.body.version + 1);
    const three = [...studies, await storedEffect(team, cycles[2]!.learningId)];
    const oracle3 = (await team.viewer.post('/api/stats/meta-analysis', { studies: three, method: 'random' })).body;
    expect(cited.body.pooled.studies).toBe(3);
    expect(close(cited.body.pooled.result.estimate, oracle3.estimate)).toBe(true);
    expect(close(cited.body.pooled.result.tau2, oracle3.tau2)).toBe(true);
    expect(cited.body.citations.find((c: any) => c.cycleId === cycles[2]!.cycleId).stance).toBe('contradicts');

    // citing again is idempotent; un-citing brings the pooled estimate back
    const again = await team.lead.post(`/api/insights/${created.body.id}/citations`, {
      cycleId: cycles[2]!.cycleId,
      stance: 'contradicts',
    });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(cited.body.version);
    const removed = await team.lead.delete(`/api/insights/${created.body.id}/citations/${cycles[2]!.cycleId}`);
    expect(removed.status).toBe(200);
    expect(close(removed.body.pooled.result.estimate, oracle.estimate)).toBe(true);

    // the fixed-effect model on the same evidence
    const fixed = await team.lead.patch(`/api/insights/${created.body.id}`, {
      method: 'fixed',
      version: removed.body.version,
    });
    expect(fixed.status).toBe(200);
    const oracleFixed = (await team.viewer.post('/api/stats/meta-analysis', { studies, method: 'fixed' })).body;
    expect(close(fixed.body.pooled.result.estimate, oracleFixed.estimate)).toBe(true);
    expect(fixed.body.pooled.result.tau2).toBe(0);
  });

  it('a closed cycle suggests the insights it may support (same channel, lever, tags), not those already citing it', async () => {
    const pricing = await team.lead.post('/api/insights', { title: 'Price anchors', tags: ['pricing'] });
    const unrelated = await team.lead.post('/api/insights', {
      title: 'Video hooks',
      tags: ['video'],
      lever: 'creative',
    });
    expect(unrelated.status).toBe(201);
    const res = await team.viewer.get(`/api/insights/suggestions?cycleId=${cycles[2]!.cycleId}`);
    expect(res.status).toBe(200);
    const titles = res.body.items.map((s: any) => s.title);
    expect(titles).toContain('Price anchors');
    expect(titles).not.toContain('Video hooks');
    expect(res.body.items.find((s: any) => s.insightId === pricing.body.id).reasons).toEqual(['shared tag: pricing']);
    const first = await team.viewer.get(`/api/insights/suggestions?cycleId=${cycles[0]!.cycleId}`);
    expect(first.body.items.map((s: any) => s.title)).not.toContain('Urgency copy lifts conversion');
  });

  it('only closed cycles of the workspace are evidence; members cannot write insights; other workspaces see nothing', async () => {
    const { cycle } = await draftCycle(team);
    const draft = await team.lead.post('/api/insights', {
      title: 'From a draft',
      citations: [{ cycleId: cycle.id, stance: 'supports' }],
    });
    expect(draft.status).toBe(400);
    expect(draft.body.error.fields['citations.0.cycleId']).toBeDefined();
    expect((await team.member.post('/api/insights', { title: 'Nope' })).status).toBe(403);
    const other = await createTeam('Other Co');
    const list = (await team.viewer.get('/api/insights')).body.items;
    expect(list.length).toBeGreaterThan(0);
    expect((await other.admin.get(`/api/insights/${list[0].id}`)).status).toBe(404);
    expect((await other.admin.get('/api/insights')).body.items).toEqual([]);
    const foreign = await other.admin.post('/api/insights', {
      title: 'Steal',
      citations: [{ cycleId: cycles[0]!.cycleId, stance: 'supports' }],
    });
    expect(foreign.status).toBe(400);
    expect((await other.admin.get(`/api/insights/suggestions?cycleId=${cycles[0]!.cycleId}`)).status).toBe(404);
  });
});
