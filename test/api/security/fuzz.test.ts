import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../worker/app';
import type { ApiResponse } from '../support/client';
import { STATS_BODIES } from './matrix';
import { createWorld, dbDigest, type World } from './world';

/**
 * Property-based fuzzing of every write endpoint (and the list query strings) against the real Worker and D1.
 * Invariants for every case: never a 5xx; every 4xx has the JSON error shape; every 400 names at least one
 * field; and a rejected request leaves every table unchanged (rate_limits excepted: counting refused sign-ins
 * is its job).
 */
const RUNS = 40;
const tally = {
  cases: 0,
  accepted: 0,
  rejected: 0,
  byStatus: {} as Record<number, number>,
  endpoints: new Set<string>(),
};
const mounted = new Set(
  createApp()
    .routes.filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path}`),
);

// ---- arbitraries
const hugeString = fc
  .integer({ min: 1_000, max: 100_000 })
  .chain((n) => fc.constantFrom('x', 'é', '😀', '<', '\u0000', ' ').map((ch) => ch.repeat(Math.ceil(n / ch.length))));
const weirdNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -1, -0, 0, 0.5, 1.5, 2 ** 31, -(2 ** 63), 5e-324, 1e16),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const weirdString = fc.oneof(
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e308',
    '-1',
    '',
    ' ',
    'null',
    'true',
    '0x10',
    '1,5',
    "'; DROP TABLE hypotheses; --",
    '%00',
    '../../etc/passwd',
    '\u202e',
    '<script>alert(1)</script>',
    '2026-02-30',
    '9999-99-99',
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: weirdNumber },
  { weight: 3, arbitrary: weirdString },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { $gt: '' }) },
);

/** A valid body with fields replaced by junk, removed, or joined by unknown ones. */
function mutated(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  return fc
    .record({
      replace: fc.subarray(keys),
      drop: fc.subarray(keys),
      values: fc.array(junk, { minLength: keys.length, maxLength: keys.length }),
      extra: fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 2 }),
    })
    .map(({ replace, drop, values, extra }) => {
      const body: Record<string, unknown> = { ...valid, ...extra };
      replace.forEach((k) => {
        body[k] = values[keys.indexOf(k)];
      });
      drop.forEach((k) => {
        delete body[k];
      });
      return body;
    });
}
/** Malformed bodies: junk of any type (including raw non-JSON text) and mutations of a valid body. */
const bodyFor = (valid: Record<string, unknown>) =>
  fc.oneof(
    { weight: 4, arbitrary: mutated(valid) },
    { weight: 1, arbitrary: junk },
    { weight: 1, arbitrary: fc.constantFrom('{"title":', '{{', 'undefined', '\u0000', '[1,2').map((raw) => ({ raw })) },
  );

const RANDOM_ID = fc.oneof(
  fc.uuid(),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
  fc.constantFrom('..', '%2e%2e', 'null', '0', '-1', "1' OR '1'='1", 'a'.repeat(65)),
);

describe('fuzzing every write endpoint', () => {
  let w: World;
  let ids: Record<string, string>;
  let digest: string;
  beforeAll(async () => {
    w = await createWorld();
    const { cycle, snapshots } = await w.make.withResults();
    ids = {
      hypothesis: w.shared.hypothesis.id,
      objective: w.shared.objective.id,
      draft: (await w.make.draft()).id,
      running: cycle.id,
      closed: w.shared.closed.cycle.id,
      snapshot: snapshots[0].id,
      metric: w.cat.metric('Conversion rate'),
      member: w.ours.ids.viewer,
      token: (await w.make.token()).id,
      // the catalog rows the fuzz may rename are its own, so fixtures keep finding the defaults by name
      ownChannel: (await w.make.channel()).id,
      ownMetric: (await w.make.metric()).id,
      spareRunning: (await w.make.running()).id,
      // operating rhythm (issue 12)
      insight: (await w.ours.lead.post('/api/insights', { title: 'Fuzz insight' })).body.id,
      review: (await w.ours.lead.post('/api/reviews', { weekStart: '2025-06-02' })).body.id,
    };
    digest = await dbDigest(['rate_limits']);
  }, 60_000);
  afterAll(() => {
    console.log(
      `[fuzz] ${tally.cases} cases over ${tally.endpoints.size} endpoints: ${tally.accepted} accepted, ${tally.rejected} rejected; by status ${JSON.stringify(tally.byStatus)}`,
    );
  });

  async function check(method: string, route: string, path: string, body: unknown) {
    const raw =
      body !== undefined &&
      typeof body === 'object' &&
      body !== null &&
      'raw' in body &&
      Object.keys(body).length === 1;
    const payload = raw ? (body as { raw: string }).raw : body === undefined ? undefined : JSON.stringify(body);
    let res: ApiResponse;
    try {
      res = await w.ours.admin.request(
        method,
        path,
        payload,
        payload === undefined ? {} : { 'content-type': 'application/json' },
      );
    } catch (err) {
      throw new Error(`${method} ${path} threw: ${err}`);
    }
    tally.cases++;
    tally.endpoints.add(`${method} ${route}`);
    tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1;
    const where = `${method} ${path} ${String(payload).slice(0, 300)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
    expect(res.status, where).toBeLessThan(500);
    if (res.status >= 400) {
      tally.rejected++;
      expect(res.body?.error, where).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      if (res.status === 400) expect(Object.keys(res.body.error.fields ?? {}).length, where).toBeGreaterThan(0);
      expect(await dbDigest(['rate_limits']), `rejected request changed the database: ${where}`).toBe(digest);
    } else {
      tally.accepted++;
      digest = await dbDigest(['rate_limits']);
    }
    return res;
  }

  type Target = {
    method: string;
    route: string;
    path: (id: string) => string;
    idKey?: string;
    valid: Record<string, unknown>;
  };
  const today = new Date().toISOString().slice(0, 10);
  const targets = (): Target[] => [
    {
      method: 'POST',
      route: '/api/auth/setup',
      path: () => '/api/auth/setup',
      valid: { workspace: 'W', name: 'N', email: 'new@example.com', password: 'long enough password' },
    },
    {
      method: 'POST',
      route: '/api/auth/login',
      path: () => '/api/auth/login',
      valid: { email: 'nobody@example.com', password: 'whatever password' },
    },
    {
      method: 'POST',
      route: '/api/auth/accept-invite',
      path: () => '/api/auth/accept-invite',
      valid: { token: 'not-a-real-invite-token', password: 'long enough password' },
    },
    {
      method: 'POST',
      route: '/api/objectives',
      path: () => '/api/objectives',
      valid: {
        title: 'Fuzz objective',
        baseline: 0.1,
        target: 0.2,
        deadline: '2027-01-01',
        guardrails: { cacMin: 1, cacMax: 5 },
        approvalThreshold: 1000,
      },
    },
    {
      method: 'PATCH',
      route: '/api/objectives/:id',
      idKey: 'objective',
      path: (id) => `/api/objectives/${id}`,
      valid: { title: 'x', budgetEnvelope: 10, version: 1 },
    },
    {
      method: 'POST',
      route: '/api/hypotheses',
      path: () => '/api/hypotheses',
      valid: {
        id: crypto.randomUUID(),
        title: 'Fuzz idea',
        impact: 5,
        confidence: 5,
        ease: 5,
        expectedImpact: 0.1,
        lever: 'offer',
        tags: ['a'],
        channelId: w.cat.channel('Paid search'),
      },
    },
    {
      method: 'PATCH',
      route: '/api/hypotheses/:id',
      idKey: 'hypothesis',
      path: (id) => `/api/hypotheses/${id}`,
      valid: { title: 'Edited', status: 'parked', version: 1 },
    },
    {
      method: 'DELETE',
      route: '/api/hypotheses/:id',
      idKey: 'hypothesis',
      path: (id) => `/api/hypotheses/${id}`,
      valid: {},
    },
    {
      method: 'POST',
      route: '/api/cycles',
      path: () => '/api/cycles',
      valid: {
        hypothesisId: ids.hypothesis,
        name: 'Fuzz cycle',
        variants: [
          { key: 'control', name: 'C', weight: 1 },
          { key: 'b', name: 'B', weight: 1 },
        ],
        budget: 10,
        minDays: 3,
        plannedStart: today,
        decisionRule: {
          primaryMetricId: ids.metric,
          method: 'frequentist',
          alpha: 0.05,
          minRelativeLift: 0.01,
          guardrails: [],
          minDays: 0,
        },
      },
    },
    {
      method: 'PATCH',
      route: '/api/cycles/:id',
      idKey: 'draft',
      path: (id) => `/api/cycles/${id}`,
      valid: {
        name: 'Edited',
        budget: 5,
        variants: [
          { key: 'control', name: 'C', weight: 1 },
          { key: 'b', name: 'B', weight: 2 },
        ],
        version: 1,
      },
    },
    {
      method: 'POST',
      route: '/api/cycles/:id/launch',
      idKey: 'draft',
      path: (id) => `/api/cycles/${id}/launch`,
      valid: { version: 1 },
    },
    {
      method: 'POST',
      route: '/api/cycles/:id/review',
      idKey: 'running',
      path: (id) => `/api/cycles/${id}/review`,
      valid: { version: 1 },
    },
    {
      method: 'POST',
      route: '/api/cycles/:id/abort',
      idKey: 'running',
      path: (id) => `/api/cycles/${id}/abort`,
      valid: { reason: 'fuzz', version: 1 },
    },
    {
      method: 'POST',
      route: '/api/cycles/:id/close',
      idKey: 'running',
      path: (id) => `/api/cycles/${id}/close`,
      valid: {
        decision: 'kill',
        overrideReason: 'fuzz',
        learning: { summary: 'fuzz', tags: ['x'] },
        followUps: [{ title: 'next' }],
      },
    },
    {
      method: 'POST',
      route: '/api/cycles/:id/snapshots',
      idKey: 'running',
      path: (id) => `/api/cycles/${id}/snapshots`,
      valid: {
        metricId: ids.metric,
        variantKey: 'control',
        date: '2026-01-02',
        units: 100,
        conversions: 150,
        spend: 10,
      }, // conversions > units: the legal-looking base is itself illegal
    },
    // --- result corrections (issue 8): replace a day's numbers
    {
      method: 'PUT',
      route: '/api/cycles/:id/snapshots/:snapshotId',
      idKey: 'running',
      path: (id) => `/api/cycles/${id}/snapshots/${ids.snapshot}x`,
      valid: { units: 100, conversions: 5, spend: 10, version: 1 },
    },
    {
      method: 'DELETE',
      route: '/api/cycles/:id/snapshots/:snapshotId',
      idKey: 'running',
      path: (id) => `/api/cycles/${id}/snapshots/${ids.snapshot}x`,
      valid: {},
    },
    {
      method: 'POST',
      route: '/api/channels',
      path: () => '/api/channels',
      valid: { name: 'Fuzz channel', kind: 'video', job: 'create_demand' },
    },
    {
      method: 'PATCH',
      route: '/api/channels/:id',
      idKey: 'ownChannel',
      path: (id) => `/api/channels/${id}`,
      valid: { name: 'Renamed', archived: false, version: 1 },
    },
    {
      method: 'POST',
      route: '/api/metrics',
      path: () => '/api/metrics',
      valid: { name: 'Fuzz metric', kind: 'cost', unit: 'click', direction: 'decrease', costFormula: 'cpc' },
    },
    {
      method: 'PATCH',
      route: '/api/metrics/:id',
      idKey: 'ownMetric',
      path: (id) => `/api/metrics/${id}`,
      valid: { name: 'Renamed', costFormula: 'roas', version: 1 },
    },
    {
      method: 'POST',
      route: '/api/members',
      path: () => '/api/members',
      valid: { email: 'fuzz@example.com', name: 'Fuzz', role: 'viewer' },
    },
    {
      method: 'PATCH',
      route: '/api/members/:id',
      idKey: 'member',
      path: (id) => `/api/members/${id}`,
      valid: { role: 'member', status: 'active', version: 1 },
    },
    { method: 'POST', route: '/api/tokens', path: () => '/api/tokens', valid: { name: 'Fuzz token', role: 'viewer' } },
    { method: 'DELETE', route: '/api/tokens/:id', idKey: 'token', path: (id) => `/api/tokens/${id}`, valid: {} },
    {
      method: 'POST',
      route: '/api/stats/compare',
      path: () => '/api/stats/compare',
      valid: {
        ...STATS_BODIES.compare,
        variants: [
          { name: 'control', units: 10, conversions: 20 },
          { name: 'b', units: -5, conversions: 1 },
        ],
      },
    },
    {
      method: 'POST',
      route: '/api/stats/sample-size',
      path: () => '/api/stats/sample-size',
      valid: STATS_BODIES['sample-size'],
    },
    { method: 'POST', route: '/api/stats/srm', path: () => '/api/stats/srm', valid: STATS_BODIES.srm },
    {
      method: 'POST',
      route: '/api/stats/evaluate-rule',
      path: () => '/api/stats/evaluate-rule',
      valid: STATS_BODIES['evaluate-rule'],
    },
    // operating rhythm (issue 12): meta-analysis, insights, weekly reviews
    {
      method: 'POST',
      route: '/api/stats/meta-analysis',
      path: () => '/api/stats/meta-analysis',
      valid: STATS_BODIES['meta-analysis'],
    },
    {
      method: 'POST',
      route: '/api/insights',
      path: () => '/api/insights',
      valid: {
        title: 'Fuzzed insight',
        tags: ['a'],
        method: 'fixed',
        citations: [{ cycleId: ids.closed, stance: 'supports' }],
      },
    },
    {
      method: 'PATCH',
      route: '/api/insights/:id',
      idKey: 'insight',
      path: (id) => `/api/insights/${id}`,
      valid: { title: 'Renamed', lever: 'offer', version: 1 },
    },
    {
      method: 'POST',
      route: '/api/insights/:id/citations',
      idKey: 'insight',
      path: (id) => `/api/insights/${id}/citations`,
      valid: { cycleId: ids.closed, stance: 'contradicts', note: 'fuzz' },
    },
    { method: 'POST', route: '/api/reviews', path: () => '/api/reviews', valid: { weekStart: '2025-06-09' } },
    {
      method: 'PATCH',
      route: '/api/reviews/:id',
      idKey: 'review',
      path: (id) => `/api/reviews/${id}`,
      valid: { narrative: 'Fuzzed narrative', version: 1 },
    },
    {
      method: 'POST',
      route: '/api/reviews/:id/publish',
      idKey: 'review',
      path: (id) => `/api/reviews/${id}/publish`,
      valid: {},
    },
    // conversations and notifications (issue 15)
    {
      method: 'POST',
      route: '/api/comments',
      path: () => '/api/comments',
      valid: { targetType: 'hypothesis', targetId: ids.hypothesis, body: 'Fuzz comment for @Nobody' },
    },
    {
      method: 'POST',
      route: '/api/webhooks',
      path: () => '/api/webhooks',
      valid: { url: 'https://hooks.example.com/hadi', events: ['cycle.launched', 'comment.mentioned'] },
    },
  ];

  it('never 5xx, always the error shape, never a partial write — for random bodies and ids', async () => {
    for (const t of targets()) {
      if (!mounted.has(`${t.method} ${t.route}`)) continue;
      const withBody = t.method !== 'DELETE';
      const id = t.idKey
        ? fc.oneof({ weight: 3, arbitrary: fc.constant(ids[t.idKey]!) }, { weight: 1, arbitrary: RANDOM_ID })
        : fc.constant('');
      await fc.assert(
        fc.asyncProperty(id, bodyFor(t.valid), async (rawId, body) => {
          await check(t.method, t.route, t.path(encodeURIComponent(rawId)), withBody ? body : undefined);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    }
  }, 600_000);

  it('never 5xx on random list query strings', async () => {
    const keys = [
      'status',
      'channelId',
      'lever',
      'objectiveId',
      'tag',
      'q',
      'sort',
      'cursor',
      'limit',
      'decision',
      'from',
      'to',
      'entity',
      'entityId',
      'actorId',
      'hypothesisId',
      'weekStart',
    ];
    const query = fc
      .array(
        fc.tuple(
          fc.constantFrom(...keys, 'x'),
          fc.oneof(weirdString.map(String), weirdNumber.map(String), fc.base64String({ maxLength: 80 })),
        ),
        { maxLength: 5 },
      )
      .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
    for (const route of [
      '/api/hypotheses',
      '/api/cycles',
      '/api/learnings',
      '/api/audit',
      '/api/objectives',
      '/api/members',
      '/api/channels',
      '/api/program',
      '/api/insights',
      '/api/reviews',
    ]) {
      await fc.assert(
        fc.asyncProperty(query, async (q) => {
          await check('GET', `${route}?query`, `${route}?${q}`, undefined);
        }),
        { numRuns: 30, endOnFailure: true },
      );
    }
  }, 120_000);

  it('stats guards: impossible data is a 400 naming the variant and field; degenerate data gets finite answers or null', async () => {
    const post = (path: string, body: unknown) => check('POST', path, path, body);
    const over = await post('/api/stats/compare', {
      metric: 'proportion',
      variants: [
        { name: 'control', units: 100, conversions: 5 },
        { name: 'Treatment B', units: 100, conversions: 101 },
      ],
    });
    expect(over.status).toBe(400);
    expect(over.body.error.fields['variants.1.conversions']).toMatch(/Treatment B/);
    const negSd = await post('/api/stats/compare', {
      metric: 'mean',
      variants: [
        { name: 'control', units: 100, mean: 5, sd: -1 },
        { name: 'b', units: 100, mean: 6, sd: 1 },
      ],
    });
    expect(negSd.status).toBe(400);
    expect(negSd.body.error.fields['variants.0.sd']).toMatch(/control/);
    const negUnits = await post('/api/stats/compare', {
      metric: 'proportion',
      variants: [
        { name: 'control', units: -3, conversions: 0 },
        { name: 'b', units: 100, conversions: 6 },
      ],
    });
    expect(negUnits.status).toBe(400);
    expect(negUnits.body.error.fields['variants.0.units']).toMatch(/control/);
    const stringNumbers = await post('/api/stats/compare', {
      metric: 'proportion',
      variants: [
        { name: 'control', units: 'Infinity', conversions: 'NaN' },
        { name: 'b', units: 1e308, conversions: 1 },
      ],
    });
    expect(stringNumbers.status).toBe(400);
    expect(Object.keys(stringNumbers.body.error.fields).join(' ')).toMatch(/variants\.\d\.(units|conversions)/);
    const overSnapshot = await check('POST', '/api/cycles/:id/snapshots', `/api/cycles/${ids.spareRunning}/snapshots`, {
      metricId: ids.metric,
      variantKey: 'b',
      date: today,
      units: 10,
      conversions: 11,
    });
    expect(overSnapshot.status).toBe(400);
    expect(overSnapshot.body.error.fields).toHaveProperty('conversions');

    const finiteOrNull = (value: unknown, path = '$'): void => {
      if (typeof value === 'number') expect(Number.isFinite(value), path).toBe(true);
      else if (Array.isArray(value)) value.forEach((v, i) => finiteOrNull(v, `${path}[${i}]`));
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) finiteOrNull(v, `${path}.${k}`);
    };
    const degenerate = [
      {
        metric: 'proportion',
        variants: [
          { name: 'control', units: 1000, conversions: 0 },
          { name: 'b', units: 1000, conversions: 0 },
        ],
      },
      {
        metric: 'proportion',
        variants: [
          { name: 'control', units: 500, conversions: 50 },
          { name: 'b', units: 500, conversions: 50 },
        ],
      },
      {
        metric: 'proportion',
        variants: [
          { name: 'control', units: 1e12, conversions: 5e10 },
          { name: 'b', units: 3, conversions: 1 },
        ],
      },
      {
        metric: 'proportion',
        variants: [
          { name: 'control', units: 0, conversions: 0 },
          { name: 'b', units: 0, conversions: 0 },
        ],
      },
      {
        metric: 'proportion',
        variants: [
          { name: 'control', units: 100, conversions: 100 },
          { name: 'b', units: 100, conversions: 100 },
        ],
      },
      {
        metric: 'mean',
        variants: [
          { name: 'control', units: 100, mean: 5, sd: 0 },
          { name: 'b', units: 100, mean: 5, sd: 0 },
        ],
      },
      {
        metric: 'mean',
        variants: [
          { name: 'control', units: 1, mean: 1e12, sd: 1e12 },
          { name: 'b', units: 1e12, mean: -1e12, sd: 0 },
        ],
      },
    ];
    for (const body of degenerate) {
      const res = await post('/api/stats/compare', body);
      expect(res.status, JSON.stringify(body)).toBe(200);
      finiteOrNull(res.body);
      expect(JSON.stringify(res.body)).not.toMatch(/NaN|Infinity/);
    }
    for (const body of [
      { observed: [0, 0] },
      { observed: [1e12, 0], weights: [1, 1e12] },
      { observed: [5, 5], weights: [1, 1] },
    ]) {
      const res = await post('/api/stats/srm', body);
      expect(res.status, JSON.stringify(body)).toBe(200);
      finiteOrNull(res.body);
    }
    for (const body of [
      { baselineRate: 1e-9, relativeMde: 0.001 },
      { baselineRate: 0.999, relativeMde: -0.5 },
      { baselineRate: 0.5, relativeMde: 0.999, power: 0.99, alpha: 0.4999 },
    ]) {
      const res = await post('/api/stats/sample-size', body);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      finiteOrNull(res.body);
    }
  });
});
