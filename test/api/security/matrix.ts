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
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
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

  // --- result corrections (issue 8): replace one day's numbers while the cycle is open, member+
  {
    method: 'PUT',
    path: '/api/cycles/:id/snapshots/:snapshotId',
    expect: from('member', 404),
    request: async (w) => {
      const { cycle, snapshots } = await w.make.withResults();
      return {
        path: `/api/cycles/${cycle.id}/snapshots/${snapshots[0].id}`,
        body: { units: 6000, conversions: 310, spend: 3000, version: 1 },
      };
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

  // --- OpenAPI (issue 14): the document and its reference page are public (they describe the API, hold no data)
  { method: 'GET', path: '/api/openapi.json', expect: all('ok'), request: () => ({ path: '/api/openapi.json' }) },
  { method: 'GET', path: '/api/docs', expect: all('ok'), request: () => ({ path: '/api/docs' }) },
  // --- insight shares (issue 14): lead+ create; listed and revoked through /api/shares like learning links
  {
    method: 'POST',
    path: '/api/insights/:id/shares',
    expect: from('lead', 404),
    request: async (w) => ({ path: `/api/insights/${(await rhythm(w).insight(true)).id}/shares`, body: { days: 1 } }),
  },
  {
    method: 'GET',
    path: '/api/shares',
    variant: 'insight',
    expect: from('lead', 'ok'),
    request: async (w) => ({ path: `/api/shares?insightId=${(await rhythm(w).insight()).id}` }),
  },
  {
    method: 'DELETE',
    path: '/api/shares/:id',
    variant: 'insight',
    expect: from('lead', 404),
    request: async (w) => {
      const share = await w.ours.lead.post(`/api/insights/${(await rhythm(w).insight()).id}/shares`, {});
      return { path: `/api/shares/${share.body.id}` };
    },
  },
  {
    method: 'GET',
    path: '/s/:token',
    variant: 'insight',
    expect: all('ok'), // public by design: the token is the permission
    request: async (w) => {
      const share = await w.ours.lead.post(`/api/insights/${(await rhythm(w).insight(true)).id}/shares`, {});
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
  // --- outcomes (issue 8): the HADI chain of an idea and the channel map; every role reads them
  {
    method: 'GET',
    path: '/api/hypotheses/:id/chain',
    expect: from('viewer', 404),
    request: (w) => ({ path: `/api/hypotheses/${w.shared.closed.learning.hypothesisId}/chain` }),
  },
  {
    method: 'GET',
    path: '/api/channels/summary',
    expect: from('viewer', 'ok'),
    request: () => ({ path: '/api/channels/summary' }),
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
  // --- outgoing webhooks (issue 15): admins only; other workspaces see 404 for our endpoints. The endpoints
  // listen to an event the matrix never causes, so no delivery leaves the test.
  { method: 'GET', path: '/api/webhooks', expect: from('admin', 'ok'), request: () => ({ path: '/api/webhooks' }) },
  {
    method: 'POST',
    path: '/api/webhooks',
    expect: from('admin', 'ok'),
    request: () => ({ path: '/api/webhooks', body: WEBHOOK }),
  },
  {
    method: 'PATCH',
    path: '/api/webhooks/:id',
    expect: from('admin', 404),
    request: async (w) => ({
      path: `/api/webhooks/${await webhook(w)}`,
      body: { events: ['cycle.guardrail_breached'] },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/webhooks/:id',
    expect: from('admin', 404),
    request: async (w) => ({ path: `/api/webhooks/${await webhook(w)}` }),
  },
  {
    method: 'GET',
    path: '/api/webhooks/:id/deliveries',
    expect: from('admin', 404),
    request: async (w) => ({ path: `/api/webhooks/${await webhook(w)}/deliveries` }),
  },
  {
    method: 'GET',
    path: '/api/audit',
    expect: from('admin', 'ok'),
    request: (w) => ({ path: `/api/audit?entity=hypothesis&limit=5&entityId=${w.shared.hypothesis.id}` }),
  },

  // --- operating rhythm (issue 12): program view, insights, weekly reviews. Reads viewer+ (viewers see
  // published reviews only), writes lead+; every write acts on a fresh record.
  { method: 'GET', path: '/api/program', expect: from('viewer', 'ok'), request: () => ({ path: '/api/program' }) },
  { method: 'GET', path: '/api/insights', expect: from('viewer', 'ok'), request: () => ({ path: '/api/insights' }) },
  {
    method: 'POST',
    path: '/api/insights',
    expect: from('lead', 'ok'),
    request: () => ({ path: '/api/insights', body: { title: 'Matrix insight' } }),
  },
  {
    method: 'GET',
    path: '/api/insights/suggestions',
    expect: from('viewer', 404),
    request: (w) => ({ path: `/api/insights/suggestions?cycleId=${w.shared.closed.cycle.id}` }),
  },
  {
    method: 'GET',
    path: '/api/insights/:id',
    expect: from('viewer', 404),
    request: async (w) => ({ path: `/api/insights/${(await rhythm(w).insight()).id}` }),
  },
  {
    method: 'PATCH',
    path: '/api/insights/:id',
    expect: from('lead', 404),
    request: async (w) => {
      const insight = await rhythm(w).insight();
      return { path: `/api/insights/${insight.id}`, body: { title: 'Renamed', version: insight.version } };
    },
  },
  {
    method: 'POST',
    path: '/api/insights/:id/citations',
    expect: from('lead', 404),
    request: async (w) => ({
      path: `/api/insights/${(await rhythm(w).insight()).id}/citations`,
      body: { cycleId: w.shared.closed.cycle.id, stance: 'supports' },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/insights/:id/citations/:cycleId',
    expect: from('lead', 404),
    request: async (w) => ({
      path: `/api/insights/${(await rhythm(w).insight(true)).id}/citations/${w.shared.closed.cycle.id}`,
    }),
  },
  { method: 'GET', path: '/api/reviews', expect: from('viewer', 'ok'), request: () => ({ path: '/api/reviews' }) },
  {
    method: 'POST',
    path: '/api/reviews',
    expect: from('lead', 'ok'),
    request: () => ({ path: '/api/reviews', body: { weekStart: nextMonday() } }),
  },
  {
    method: 'GET',
    path: '/api/reviews/:id',
    expect: from('viewer', 404),
    request: async (w) => ({ path: `/api/reviews/${(await rhythm(w).published()).id}` }),
  },
  {
    method: 'PATCH',
    path: '/api/reviews/:id',
    expect: from('lead', 404),
    request: async (w) => {
      const review = await rhythm(w).draft();
      return { path: `/api/reviews/${review.id}`, body: { narrative: 'Matrix', version: review.version } };
    },
  },
  {
    method: 'POST',
    path: '/api/reviews/:id/publish',
    expect: from('lead', 404),
    request: async (w) => ({ path: `/api/reviews/${(await rhythm(w).draft()).id}/publish`, body: {} }),
  },
  {
    method: 'GET',
    path: '/api/reviews/:id/markdown',
    expect: from('viewer', 404),
    request: async (w) => ({ path: `/api/reviews/${(await rhythm(w).published()).id}/markdown` }),
  },
  // --- comments and inbox (worker/comments, worker/inbox): every role may comment (stakeholders ask questions);
  // only the author edits (within 15 minutes); the author or an admin deletes; another workspace's target is unknown.
  {
    method: 'GET',
    path: '/api/comments',
    expect: from('viewer', 400),
    request: (w) => ({ path: `/api/comments?targetType=hypothesis&targetId=${w.shared.hypothesis.id}` }),
  },
  {
    method: 'POST',
    path: '/api/comments',
    expect: from('viewer', 400),
    request: (w) => ({
      path: '/api/comments',
      body: { targetType: 'cycle', targetId: w.shared.running.id, body: 'Why this budget?' },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/comments/:id',
    expect: { anonymous: 401, viewer: 403, member: 'ok', lead: 403, admin: 403, otherWorkspace: 404 },
    request: async (w) => {
      const c = (await memberComment(w)) as { id: string; version: number };
      return { path: `/api/comments/${c.id}`, body: { body: 'Edited', version: c.version } };
    },
  },
  {
    method: 'DELETE',
    path: '/api/comments/:id',
    expect: { anonymous: 401, viewer: 403, member: 'ok', lead: 403, admin: 'ok', otherWorkspace: 404 },
    request: async (w) => ({ path: `/api/comments/${((await memberComment(w)) as { id: string }).id}` }),
  },
  { method: 'GET', path: '/api/inbox', expect: from('viewer', 'ok'), request: () => ({ path: '/api/inbox' }) },
  {
    method: 'POST',
    path: '/api/inbox/read',
    expect: from('viewer', 'ok'),
    request: () => ({ path: '/api/inbox/read', body: { all: true } }),
  },

  // --- stats (pure calculators over the posted numbers): any signed-in role, no workspace data involved
  ...(['compare', 'sample-size', 'srm', 'evaluate-rule', 'meta-analysis'] as const).map(
    (name): Row => ({
      method: 'POST',
      path: `/api/stats/${name}`,
      expect: from('viewer', 'ok'),
      request: () => ({ path: `/api/stats/${name}`, body: STATS_BODIES[name] }),
    }),
  ),

  // --- workspaces (issue 9): a person's workspaces, the current one's settings, switching, invitations, leaving
  {
    method: 'GET',
    path: '/api/workspaces',
    expect: { ...all('ok'), anonymous: 401 },
    request: () => ({ path: '/api/workspaces' }),
  },
  {
    method: 'POST',
    path: '/api/workspaces',
    expect: { ...all('ok'), anonymous: 401 },
    request: () => ({ path: '/api/workspaces', body: { name: `Matrix ${crypto.randomUUID().slice(0, 6)}` } }),
  },
  { method: 'GET', path: '/api/workspace', expect: from('viewer', 'ok'), request: () => ({ path: '/api/workspace' }) },
  {
    method: 'PATCH',
    path: '/api/workspace',
    expect: from('admin', 'ok'), // the other workspace's admin edits their own workspace, never ours
    request: async (w, role) => {
      const current = role === 'anonymous' ? { version: 1 } : (await w.clientOf(role).get('/api/workspace')).body;
      return { path: '/api/workspace', body: { timeZone: 'Europe/Paris', version: current.version } };
    },
  },
  {
    method: 'POST',
    path: '/api/workspace/leave',
    expect: { ...all('ok'), anonymous: 401 },
    request: async (w, role) =>
      role === 'anonymous'
        ? { path: '/api/workspace/leave' }
        : { path: '/api/workspace/leave', client: (await w.make.person(role)).client },
  },
  {
    method: 'POST',
    path: '/api/auth/switch',
    variant: 'into ours (the other workspace’s admin is also our viewer: an agency person)',
    expect: { ...all('ok'), anonymous: 401 },
    request: async (w, role) => ({
      path: '/api/auth/switch',
      body: { workspaceId: w.ours.workspaceId },
      client: await w.freshClient(role),
    }),
  },
  {
    method: 'POST',
    path: '/api/auth/switch',
    variant: 'into theirs: only its own people may',
    expect: { ...all(403), anonymous: 401, otherWorkspace: 'ok' },
    request: async (w, role) => ({
      path: '/api/auth/switch',
      body: { workspaceId: w.theirs.workspaceId },
      client: await w.freshClient(role),
    }),
  },
  {
    method: 'GET',
    path: '/api/auth/invites',
    expect: { ...all('ok'), anonymous: 401 },
    request: () => ({ path: '/api/auth/invites' }),
  },
  {
    method: 'POST',
    path: '/api/auth/invites/:id/accept',
    expect: { ...all(404), anonymous: 401 }, // an invitation addressed to someone else is unknown to you
    request: async (w) => ({ path: `/api/auth/invites/${(await w.make.invite()).member.id}/accept` }),
  },
  {
    method: 'POST',
    path: '/api/auth/invites/:id/accept',
    variant: 'my own invitation from the other workspace',
    expect: { ...all('ok'), anonymous: 401 },
    request: async (w, role) => {
      if (role === 'anonymous') return { path: `/api/auth/invites/${crypto.randomUUID()}/accept` };
      const person = await w.make.person(role);
      const inviter = role === 'otherWorkspace' ? w.ours.admin : w.theirs.admin;
      const invite = await inviter.post('/api/members', { email: person.email, name: 'Invited', role: 'viewer' });
      return { path: `/api/auth/invites/${invite.body.member.id}/accept`, client: person.client };
    },
  },
  // --- money layer (issue 11): the funnel calculator, any signed-in role, no workspace data involved
  {
    method: 'POST',
    path: '/api/stats/funnel',
    expect: from('viewer', 'ok'),
    request: () => ({
      path: '/api/stats/funnel',
      body: {
        traffic: 1000,
        spend: 500,
        stages: [{ name: 'sale', rate: 0.02 }],
        value: 100,
        changes: [{ target: 'sale', relative: 0.1 }],
      },
    }),
  },
  // money layer (issue 11): an objective's funnel — viewers read, leads save; another workspace's objective is 404
  {
    method: 'GET',
    path: '/api/funnels/:id',
    expect: from('viewer', 404),
    request: (w) => ({ path: `/api/funnels/${w.shared.objective.id}` }),
  },
  {
    method: 'PUT',
    path: '/api/funnels/:id',
    expect: from('lead', 404),
    request: async (w) => ({
      path: `/api/funnels/${(await w.make.objective()).id}`,
      body: { model: { traffic: 1000, spend: 500, stages: [{ name: 'sale', rate: 0.02 }], value: 100 } },
    }),
  },
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
  'meta-analysis': {
    studies: [
      { effect: 0.1, se: 0.04 },
      { effect: 0.04, se: 0.02 },
    ],
    method: 'random',
  },
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

/** Fresh records of the operating rhythm for matrix rows; each review gets its own past week. */
let mondays = 0;
const nextMonday = () => new Date(Date.UTC(2024, 0, 1) + 7 * 86_400_000 * mondays++).toISOString().slice(0, 10);
const ok = <T>(res: { status: number; body: T }, what: string) => {
  if (res.status >= 300) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as any;
};
let publishedReview: Promise<any> | undefined;
function rhythm(w: World) {
  const lead = w.ours.lead;
  const draft = async () => ok(await lead.post('/api/reviews', { weekStart: nextMonday() }), 'review');
  return {
    insight: async (cited = false) =>
      ok(
        await lead.post('/api/insights', {
          title: `Insight ${crypto.randomUUID()}`,
          citations: cited ? [{ cycleId: w.shared.closed.cycle.id, stance: 'supports' }] : [],
        }),
        'insight',
      ),
    draft,
    published: () =>
      (publishedReview ??= draft().then(async (r) =>
        ok(await lead.post(`/api/reviews/${r.id}/publish`, {}), 'publish'),
      )),
  };
}

/** A fresh comment by the workspace's member on the shared hypothesis (for the author-only rows). */
async function memberComment(w: World) {
  const res = await w.ours.member.post('/api/comments', {
    targetType: 'hypothesis',
    targetId: w.shared.hypothesis.id,
    body: 'Matrix comment',
  });
  if (res.status !== 201) throw new Error(`comment failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

const WEBHOOK = { url: 'https://hooks.example.com/hadi', events: ['cycle.guardrail_breached'] };

async function webhook(w: World) {
  const res = await w.ours.admin.post('/api/webhooks', WEBHOOK);
  if (res.status !== 201) throw new Error(`webhook failed: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export const rowKey = (r: Pick<Row, 'method' | 'path'>) => `${r.method} ${r.path}`;
