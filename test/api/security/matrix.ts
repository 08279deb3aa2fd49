import type { Client } from '../support/client';
import { closeBody, type MatrixRole, type World } from './world';

/**
 * The authorisation matrix as data: every endpoint × role → 'ok' (any 2xx) or the exact status.
 * `request` builds a real call against real records (fresh ones for anything that changes state).
 * `authzOnly` rows (stats, whose bodies belong to another module) accept 2xx or 400 for allowed roles:
 * they prove the role passes the guard, not the body.
 */
export type Expect = 'ok' | number;
export type Call = { path: string; body?: unknown; client?: Client };
export type Row = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  variant?: string;
  expect: Record<MatrixRole, Expect>;
  request: (w: World, role: MatrixRole) => Promise<Call> | Call;
  authzOnly?: boolean;
};

const all = (e: Expect): Record<MatrixRole, Expect> => ({
  anonymous: e,
  viewer: e,
  member: e,
  lead: e,
  admin: e,
  otherWorkspace: e,
});
/** Signed-in callers from `min` up; other workspace gets `other` (its own list / create, or 404 for our ids). */
function from(min: 'viewer' | 'member' | 'lead' | 'admin', other: Expect): Record<MatrixRole, Expect> {
  const order = ['viewer', 'member', 'lead', 'admin'] as const;
  const e = { anonymous: 401, otherWorkspace: other } as Record<MatrixRole, Expect>;
  for (const r of order) e[r] = order.indexOf(r) >= order.indexOf(min) ? 'ok' : 403;
  return e;
}

export const MATRIX: Row[] = [
  // --- public and auth
  { method: 'GET', path: '/api/health', expect: all('ok'), request: () => ({ path: '/api/health' }) },
  {
    method: 'POST',
    path: '/api/auth/setup',
    expect: all(409),
    request: () => ({
      path: '/api/auth/setup',
      body: { workspace: 'Again', name: 'X', email: 'again@example.com', password: 'long enough password' },
    }),
  },
  {
    method: 'POST',
    path: '/api/auth/login',
    expect: all('ok'),
    request: (w) => ({ path: '/api/auth/login', body: { email: w.emails.viewer, password: 'correct horse battery' } }),
  },
  {
    method: 'POST',
    path: '/api/auth/accept-invite',
    expect: all('ok'),
    request: async (w) => ({
      path: '/api/auth/accept-invite',
      body: { token: (await w.make.invite()).inviteToken, password: 'a brand new password' },
    }),
  },
  {
    method: 'POST',
    path: '/api/auth/logout',
    expect: { ...all('ok'), anonymous: 401 },
    request: async (w, role) => ({ path: '/api/auth/logout', client: await w.freshClient(role) }),
  },
  {
    method: 'GET',
    path: '/api/auth/me',
    expect: { ...all('ok'), anonymous: 401 },
    request: () => ({ path: '/api/auth/me' }),
  },

  // --- objectives: read viewer+, write lead+
  {
    method: 'GET',
    path: '/api/objectives',
    expect: from('viewer', 'ok'),
    request: () => ({ path: '/api/objectives' }),
  },
  {
    method: 'POST',
    path: '/api/objectives',
    expect: from('lead', 'ok'),
    request: () => ({ path: '/api/objectives', body: { title: 'Grow trials' } }),
  },
  {
    method: 'GET',
    path: '/api/objectives/:id',
    expect: from('viewer', 404),
    request: (w) => ({ path: `/api/objectives/${w.shared.objective.id}` }),
  },
  {
    method: 'PATCH',
    path: '/api/objectives/:id',
    expect: from('lead', 404),
    request: async (w) => {
      const o = await w.make.objective();
      return { path: `/api/objectives/${o.id}`, body: { title: 'Renamed', version: o.version } };
    },
  },
  {
    method: 'GET',
    path: '/api/objectives/:id/progress',
    expect: from('viewer', 404),
    request: (w) => ({ path: `/api/objectives/${w.shared.objective.id}/progress` }),
  },

  // --- hypotheses: read viewer+, write member+
  {
    method: 'GET',
    path: '/api/hypotheses',
    expect: from('viewer', 'ok'),
    request: () => ({ path: '/api/hypotheses?sort=recent&q=idea' }),
  },
  {
    method: 'POST',
    path: '/api/hypotheses',
    expect: from('member', 'ok'),
    request: () => ({ path: '/api/hypotheses', body: { title: 'Matrix idea' } }),
  },
  {
    method: 'GET',
    path: '/api/hypotheses/:id',
    expect: from('viewer', 404),
    request: (w) => ({ path: `/api/hypotheses/${w.shared.hypothesis.id}` }),
  },
  {
    method: 'PATCH',
    path: '/api/hypotheses/:id',
    expect: from('member', 404),
    request: async (w) => {
      const h = await w.make.hypothesis();
      return { path: `/api/hypotheses/${h.id}`, body: { title: 'Edited', version: h.version } };
    },
  },
  {
    method: 'DELETE',
    path: '/api/hypotheses/:id',
    expect: from('member', 404),
    request: async (w) => ({ path: `/api/hypotheses/${(await w.make.hypothesis()).id}` }),
  },

  // --- cycles: read viewer+; draft/edit and results member+ (as issue 2 and the README specify); moves lead+
  {
    method: 'GET',
    path: '/api/cycles',
    expect: from('viewer', 'ok'),
    request: () => ({ path: '/api/cycles?status=running' }),
  },
  {
    method: 'POST',
    path: '/api/cycles',
    expect: from('member', 400), // another workspace's hypothesis id is "unknown" (400 naming hypothesisId), no leak
    request: async (w) => ({
      path: '/api/cycles',
      body: {
        hypothesisId: (await w.make.hypothesis()).id,
        name: 'Matrix cycle',
        variants: [
          { key: 'control', name: 'Control', weight: 1 },
          { key: 'b', name: 'B', weight: 1 },
        ],
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/cycles/:id',
    expect: from('viewer', 404),
    request: (w) => ({ path: `/api/cycles/${w.shared.running.id}` }),
  },
  {
    method: 'PATCH',
    path: '/api/cycles/:id',
    expect: from('member', 404),
    request: async (w) => {
      const c = await w.make.draft();
      return { path: `/api/cycles/${c.id}`, body: { name: 'Renamed', version: c.version } };
    },
  },
  {
    method: 'POST',
    path: '/api/cycles/:id/launch',
    expect: from('lead', 404),
    request: async (w) => ({ path: `/api/cycles/${(await w.make.draft()).id}/launch`, body: {} }),
  },
  {
    method: 'POST',
    path: '/api/cycles/:id/launch',
    variant: 'budget above the objective approval threshold',
    expect: from('admin', 404),
    request: async (w) => {
      const objective = await w.make.objective({ approvalThreshold: 500 });
      const cycle = await w.make.draft({ objectiveId: objective.id, budget: 2000 });
      return { path: `/api/cycles/${cycle.id}/launch`, body: {} };
    },
  },
  {
    method: 'POST',
    path: '/api/cycles/:id/review',
    expect: from('lead', 404),
    request: async (w) => ({ path: `/api/cycles/${(await w.make.running()).id}/review`, body: {} }),
  },
  {
    method: 'POST',
    path: '/api/cycles/:id/abort',
    expect: from('lead', 404),
    request: async (w) => ({ path: `/api/cycles/${(await w.make.draft()).id}/abort`, body: { reason: 'matrix' } }),
  },
  {
    method: 'POST',
    path: '/api/cycles/:id/close',
    expect: from('lead', 404),
    request: async (w) => ({ path: `/api/cycles/${(await w.make.withResults()).cycle.id}/close`, body: closeBody() }),
  },
  {
    method: 'GET',
    path: '/api/cycles/:id/analysis',
    expect: from('viewer', 404),
    request: (w) => ({ path: `/api/cycles/${w.shared.running.id}/analysis` }),
  },
  {
    method: 'GET',
    path: '/api/cycles/:id/snapshots',
    expect: from('viewer', 404),
    request: (w) => ({ path: `/api/cycles/${w.shared.running.id}/snapshots` }),
  },
  {
    method: 'POST',
    path: '/api/cycles/:id/snapshots',
    expect: from('member', 404),
    request: async (w) => {
      const cycle = await w.make.running();
      return {
        path: `/api/cycles/${cycle.id}/snapshots`,
        body: {
          metricId: w.cat.metric('Conversion rate'),
          variantKey: 'control',
          date: new Date().toISOString().slice(0, 10),
          units: 100,
          conversions: 5,
        },
      };
    },
  },
  // --- imports: results in from ad-platform exports (worker/imports); a dry run, so the shared cycle is unchanged
  {
    method: 'POST',
    path: '/api/cycles/:id/imports',
    expect: from('member', 404),
    request: (w) => ({
      path: `/api/cycles/${w.shared.running.id}/imports`,
      body: {
        content: 'Day,Campaign,Impr.,Clicks,Cost,Conversions\n2026-11-02,Brand,1000,50,20.00,3\n',
        variants: { Brand: 'control' },
        dryRun: true,
      },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/cycles/:id/snapshots/:snapshotId',
    expect: from('member', 404),
    request: async (w) => {
      const { cycle, snapshots } = await w.make.withResults();
      return { path: `/api/cycles/${cycle.id}/snapshots/${snapshots[0].id}` };
    },
  },

  // --- learnings: read viewer+ (no writes: they are published by close)
  {
    method: 'GET',
    path: '/api/learnings',
    expect: from('viewer', 'ok'),
    request: () => ({ path: '/api/learnings?decision=ship' }),
  },
  {
    method: 'GET',
    path: '/api/learnings/:id',
    expect: from('viewer', 404),
    request: (w) => ({ path: `/api/learnings/${w.shared.closed.learning.id}` }),
  },

  // --- search (issue 14): read viewer+, scoped to the caller's workspace (the other workspace gets its own, empty answer)
  {
    method: 'GET',
    path: '/api/search',
    expect: from('viewer', 'ok'),
    request: () => ({ path: '/api/search?q=banner' }),
  },

  // --- exports (issue 14): read viewer+, each file of the caller's workspace only
  {
    method: 'GET',
    path: '/api/exports/hypotheses.csv',
    expect: from('viewer', 'ok'),
    request: () => ({ path: '/api/exports/hypotheses.csv' }),
  },
  {
    method: 'GET',
    path: '/api/exports/cycles.csv',
    expect: from('viewer', 'ok'),
    request: () => ({ path: '/api/exports/cycles.csv' }),
  },
  {
    method: 'GET',
    path: '/api/exports/learnings.csv',
    expect: from('viewer', 'ok'),
    request: () => ({ path: '/api/exports/learnings.csv' }),
  },
  {
    method: 'GET',
    path: '/api/learnings/:id/markdown',
    expect: from('viewer', 404),
    request: (w) => ({ path: `/api/learnings/${w.shared.closed.learning.id}/markdown` }),
  },

  // --- share links (issue 14): lead+ create, list and revoke; the public page /s/:token is outside /api
  {
    method: 'POST',
    path: '/api/learnings/:id/shares',
    expect: from('lead', 404),
    request: (w) => ({ path: `/api/learnings/${w.shared.closed.learning.id}/shares`, body: { days: 1 } }),
  },
  {
    method: 'GET',
    path: '/api/shares',
    expect: from('lead', 'ok'),
    request: (w) => ({ path: `/api/shares?learningId=${w.shared.closed.learning.id}` }),
  },
  {
    method: 'DELETE',
    path: '/api/shares/:id',
    expect: from('lead', 404),
    request: async (w) => {
      const share = await w.ours.lead.post(`/api/learnings/${w.shared.closed.learning.id}/shares`, {});
      return { path: `/api/shares/${share.body.id}` };
    },
  },
  {
    method: 'GET',
    path: '/s/:token',
    expect: all('ok'), // public by design: the token is the permission
    request: async (w) => {
      const share = await w.ours.lead.post(`/api/learnings/${w.shared.closed.learning.id}/shares`, {});
      return { path: new URL(share.body.url).pathname };
    },
  },

  // --- catalog: read viewer+, write admin
  { method: 'GET', path: '/api/channels', expect: from('viewer', 'ok'), request: () => ({ path: '/api/channels' }) },
  {
    method: 'POST',
    path: '/api/channels',
    expect: from('admin', 'ok'),
    request: () => ({
      path: '/api/channels',
      body: { name: `Matrix ${crypto.randomUUID().slice(0, 6)}`, kind: 'video', job: 'create_demand' },
    }),
  },
  {
    method: 'GET',
    path: '/api/channels/:id',
    expect: from('viewer', 404),
    request: (w) => ({ path: `/api/channels/${w.cat.channel('Paid search')}` }),
  },
  {
    method: 'PATCH',
    path: '/api/channels/:id',
    expect: from('admin', 404),
    request: async (w) => {
      const ch = await w.make.channel();
      return { path: `/api/channels/${ch.id}`, body: { archived: true, version: ch.version } };
    },
  },
  { method: 'GET', path: '/api/metrics', expect: from('viewer', 'ok'), request: () => ({ path: '/api/metrics' }) },
  {
    method: 'POST',
    path: '/api/metrics',
    expect: from('admin', 'ok'),
    request: () => ({
      path: '/api/metrics',
      body: { name: `Matrix ${crypto.randomUUID().slice(0, 6)}`, kind: 'mean', unit: 'order', direction: 'increase' },
    }),
  },
  {
    method: 'GET',
    path: '/api/metrics/:id',
    expect: from('viewer', 404),
    request: (w) => ({ path: `/api/metrics/${w.cat.metric('CPA')}` }),
  },
  {
    method: 'PATCH',
    path: '/api/metrics/:id',
    expect: from('admin', 404),
    request: async (w) => {
      const m = await w.make.metric();
      return { path: `/api/metrics/${m.id}`, body: { description: 'edited', version: m.version } };
    },
  },

  // --- people: the member list is readable by every role (names and roles for assignment); managing is admin
  { method: 'GET', path: '/api/members', expect: from('viewer', 'ok'), request: () => ({ path: '/api/members' }) },
  {
    method: 'POST',
    path: '/api/members',
    expect: from('admin', 'ok'),
    request: () => ({
      path: '/api/members',
      body: { email: `m-${crypto.randomUUID()}@example.com`, name: 'New person', role: 'viewer' },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/members/:id',
    expect: from('admin', 404),
    request: async (w) => {
      const inv = await w.make.invite();
      return { path: `/api/members/${inv.member.id}`, body: { role: 'member', version: inv.member.version } };
    },
  },
  // admin screens: a fresh invite link for someone who has not joined yet
  {
    method: 'POST',
    path: '/api/members/:id/invite-link',
    expect: from('admin', 404),
    request: async (w) => ({ path: `/api/members/${(await w.make.invite()).member.id}/invite-link`, body: {} }),
  },
  { method: 'GET', path: '/api/tokens', expect: from('admin', 'ok'), request: () => ({ path: '/api/tokens' }) },
  {
    method: 'POST',
    path: '/api/tokens',
    expect: from('admin', 'ok'),
    request: () => ({ path: '/api/tokens', body: { name: 'Matrix bot', role: 'viewer' } }),
  },
  {
    method: 'DELETE',
    path: '/api/tokens/:id',
    expect: from('admin', 404),
    request: async (w) => ({ path: `/api/tokens/${(await w.make.token()).id}` }),
  },
  {
    method: 'GET',
    path: '/api/audit',
    expect: from('admin', 'ok'),
    request: (w) => ({ path: `/api/audit?entity=hypothesis&limit=5&entityId=${w.shared.hypothesis.id}` }),
  },

  // --- stats (pure calculators over the posted numbers): any signed-in role, no workspace data involved
  ...(['compare', 'sample-size', 'srm', 'evaluate-rule'] as const).map(
    (name): Row => ({
      method: 'POST',
      path: `/api/stats/${name}`,
      expect: from('viewer', 'ok'),
      request: () => ({ path: `/api/stats/${name}`, body: STATS_BODIES[name] }),
    }),
  ),
];

/** Valid bodies for the stats calculators (worker/stats/schemas.ts, worker/rules/schema.ts). */
export const STATS_BODIES = {
  compare: {
    metric: 'proportion',
    variants: [
      { name: 'control', units: 1000, conversions: 50 },
      { name: 'b', units: 1000, conversions: 60 },
    ],
  },
  'sample-size': { baselineRate: 0.05, relativeMde: 0.1 },
  srm: { observed: [5000, 5100], weights: [1, 1] },
  'evaluate-rule': {
    rule: {
      primaryMetricId: 'cr',
      method: 'frequentist',
      alpha: 0.05,
      minRelativeLift: 0.02,
      guardrails: [],
      minDays: 0,
    },
    variants: [
      { key: 'control', name: 'Control' },
      { key: 'b', name: 'B' },
    ],
    metrics: [{ id: 'cr', name: 'Conversion rate', kind: 'proportion' }],
    results: [
      { metricId: 'cr', variantKey: 'control', units: 1000, conversions: 50 },
      { metricId: 'cr', variantKey: 'b', units: 1000, conversions: 70 },
    ],
  },
};

export const rowKey = (r: Pick<Row, 'method' | 'path'>) => `${r.method} ${r.path}`;
