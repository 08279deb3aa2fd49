// Hadi's D1 schema. Every business row carries `workspace_id` so every query can be scoped;
// mutable rows carry `version` for optimistic concurrency (stale writes get 409).
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const createdAt = () => text('created_at').notNull().default(now);
const updatedAt = () => text('updated_at').notNull().default(now);
const version = () => integer('version').notNull().default(1);
const workspaceId = () =>
  text('workspace_id')
    .notNull()
    .references(() => workspaces.id);

export const ROLES = ['viewer', 'member', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** ISO 4217 code every amount in the workspace is shown in (and imports are checked against). */
  currency: text('currency').notNull().default('EUR'),
  /** IANA time zone: the weekly review and "today" follow it. */
  timeZone: text('time_zone').notNull().default('UTC'),
  createdAt: createdAt(),
  /** Settings (name, currency, time zone) are edited with compare-and-swap like every record. */
  version: version(),
});

/** A person who can sign in. Identity only; rights come from `members`. */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  passwordSalt: text('password_salt'),
  passwordIterations: integer('password_iterations'),
  createdAt: createdAt(),
});

/** A user's role in one workspace. An invited member has an invite token until they set a password. */
export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ROLES }).notNull(),
    status: text('status', { enum: ['invited', 'active', 'disabled'] })
      .notNull()
      .default('active'),
    inviteTokenHash: text('invite_token_hash'),
    inviteExpiresAt: text('invite_expires_at'),
    /**
     * Only the invite that created the account may set its password; any later invite (from any workspace)
     * is accepted with the person's own password, so nobody takes over an account by inviting it.
     */
    inviteSetsPassword: integer('invite_sets_password', { mode: 'boolean' }).notNull().default(false),
    /** The name the inviting admin typed: shown until the person joins, so no workspace reads another's data. */
    inviteName: text('invite_name'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('members_workspace_user').on(t.workspaceId, t.userId),
    index('members_invite').on(t.inviteTokenHash),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie value: a leaked table does not leak live sessions. */
    tokenHash: text('token_hash').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_member').on(t.memberId)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('api_tokens_workspace').on(t.workspaceId)],
);

/** Fixed-window counters for login rate limiting (key = email or client address). */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});

export const CHANNEL_KINDS = [
  'paid_search',
  'paid_social',
  'affiliate',
  'retargeting',
  'display',
  'video',
  'influencer',
  'marketplace',
  'email',
  'other',
] as const;
export const CHANNEL_JOBS = ['capture_demand', 'create_demand', 'convert_warm_intent'] as const;

export const channels = sqliteTable(
  'channels',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    kind: text('kind', { enum: CHANNEL_KINDS }).notNull(),
    job: text('job', { enum: CHANNEL_JOBS }).notNull(),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('channels_workspace').on(t.workspaceId)],
);

export const METRIC_KINDS = ['proportion', 'mean', 'cost'] as const;
export const METRIC_UNITS = ['visitor', 'click', 'session', 'lead', 'impression', 'order', 'user'] as const;
export const COST_FORMULAS = ['cpa', 'cpc', 'roas'] as const;

export const metrics = sqliteTable(
  'metrics',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    kind: text('kind', { enum: METRIC_KINDS }).notNull(),
    unit: text('unit', { enum: METRIC_UNITS }).notNull(),
    /** Which way is good: conversion rate `increase`, CPA `decrease`. */
    direction: text('direction', { enum: ['increase', 'decrease'] }).notNull(),
    /** For `cost` metrics: how spend combines with conversions / clicks / revenue. */
    costFormula: text('cost_formula', { enum: COST_FORMULAS }),
    description: text('description'),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('metrics_workspace').on(t.workspaceId)],
);

export type Guardrails = { cacMin?: number; cacMax?: number; roasFloor?: number; paybackDays?: number };

/** The outcome model: what the experiments move and the money limits they must respect. */
export const objectives = sqliteTable(
  'objectives',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    title: text('title').notNull(),
    primaryMetricId: text('primary_metric_id').references(() => metrics.id),
    secondaryMetricIds: text('secondary_metric_ids', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    baseline: real('baseline'),
    target: real('target'),
    deadline: text('deadline'),
    guardrails: text('guardrails', { mode: 'json' }).$type<Guardrails>().notNull().default(sql`'{}'`),
    budgetEnvelope: real('budget_envelope'),
    /** Cycles with a budget above this need an admin to launch. */
    approvalThreshold: real('approval_threshold'),
    status: text('status', { enum: ['active', 'achieved', 'archived'] })
      .notNull()
      .default('active'),
    createdBy: text('created_by').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('objectives_workspace').on(t.workspaceId)],
);

export const LEVERS = [
  'audience',
  'offer',
  'creative',
  'landing_page',
  'keyword',
  'bidding',
  'budget',
  'other',
] as const;
export const FUNNEL_STAGES = ['awareness', 'consideration', 'conversion', 'retention'] as const;
export const HYPOTHESIS_STATUSES = ['backlog', 'testing', 'validated', 'invalidated', 'parked'] as const;

export const hypotheses = sqliteTable(
  'hypotheses',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    title: text('title').notNull(),
    // The structured statement: If we <change> for <audience> on <channel>, then <metric> will <move> by <impact>, because <rationale>.
    change: text('change'),
    audience: text('audience'),
    channelId: text('channel_id').references(() => channels.id),
    metricId: text('metric_id').references(() => metrics.id),
    move: text('move', { enum: ['increase', 'decrease'] }),
    expectedImpact: real('expected_impact'),
    rationale: text('rationale'),
    lever: text('lever', { enum: LEVERS }),
    funnelStage: text('funnel_stage', { enum: FUNNEL_STAGES }),
    impact: integer('impact'),
    confidence: integer('confidence'),
    ease: integer('ease'),
    /** Mean of impact, confidence and ease (1–10); null until all three are set. Stored so the backlog sorts in SQL. */
    iceScore: real('ice_score'),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    status: text('status', { enum: HYPOTHESIS_STATUSES }).notNull().default('backlog'),
    authorId: text('author_id').notNull(),
    objectiveId: text('objective_id').references(() => objectives.id),
    /** The cycle whose insight this idea came from (the HADI chain). */
    parentCycleId: text('parent_cycle_id'),
    deletedAt: text('deleted_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The ranked-backlog index is an expression index drizzle-kit cannot express: see db/migrations/0001_backlog_index.sql.
    index('hypotheses_recent').on(t.workspaceId, t.createdAt),
    index('hypotheses_parent').on(t.parentCycleId),
  ],
);

export const CYCLE_STATUSES = ['draft', 'running', 'review', 'closed', 'aborted'] as const;
export const DECISIONS = ['ship', 'kill', 'iterate'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export type Variant = { key: string; name: string; weight: number; description?: string };

/** One HADI cycle: the controlled test of one hypothesis. JSON columns hold the design; the rule locks at launch. */
export const cycles = sqliteTable(
  'cycles',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    hypothesisId: text('hypothesis_id')
      .notNull()
      .references(() => hypotheses.id),
    objectiveId: text('objective_id').references(() => objectives.id),
    name: text('name').notNull(),
    status: text('status', { enum: CYCLE_STATUSES }).notNull().default('draft'),
    // Action
    change: text('change'),
    audience: text('audience'),
    variants: text('variants', { mode: 'json' }).$type<Variant[]>().notNull(),
    budget: real('budget'),
    plannedStart: text('planned_start'),
    plannedEnd: text('planned_end'),
    minDays: integer('min_days').notNull().default(7),
    plannedSampleSize: integer('planned_sample_size'),
    // Metrics; guardrails live in the pre-registered decision rule (JSON, validated by worker/rules).
    primaryMetricId: text('primary_metric_id').references(() => metrics.id),
    secondaryMetricIds: text('secondary_metric_ids', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    decisionRule: text('decision_rule', { mode: 'json' }).$type<Record<string, unknown>>(),
    ruleLockedAt: text('rule_locked_at'),
    launchedAt: text('launched_at'),
    launchedBy: text('launched_by'),
    // Insight
    closedAt: text('closed_at'),
    closedBy: text('closed_by'),
    decision: text('decision', { enum: DECISIONS }),
    verdict: text('verdict', { mode: 'json' }).$type<Record<string, unknown>>(),
    overrideReason: text('override_reason'),
    learningText: text('learning_text'),
    abortReason: text('abort_reason'),
    createdBy: text('created_by').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('cycles_workspace_status').on(t.workspaceId, t.status), index('cycles_hypothesis').on(t.hypothesisId)],
);

/** Cumulative results of one variant on one metric as of a date. */
export const snapshots = sqliteTable(
  'snapshots',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    cycleId: text('cycle_id')
      .notNull()
      .references(() => cycles.id),
    metricId: text('metric_id')
      .notNull()
      .references(() => metrics.id),
    variantKey: text('variant_key').notNull(),
    date: text('date').notNull(),
    units: integer('units').notNull(),
    conversions: integer('conversions'),
    valueSum: real('value_sum'),
    valueSumSquares: real('value_sum_squares'),
    mean: real('mean'),
    sd: real('sd'),
    spend: real('spend'),
    revenue: real('revenue'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    /** Bumped by a correction (PUT /api/cycles/:id/snapshots/:snapshotId) while the cycle is open. */
    version: version(),
  },
  (t) => [uniqueIndex('snapshots_point').on(t.cycleId, t.metricId, t.variantKey, t.date)],
);

/** The published insight of a closed cycle, readable by every role. */
export const learnings = sqliteTable(
  'learnings',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    cycleId: text('cycle_id')
      .notNull()
      .unique()
      .references(() => cycles.id),
    hypothesisId: text('hypothesis_id').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    decision: text('decision', { enum: DECISIONS }).notNull(),
    verdict: text('verdict'),
    isOverride: integer('is_override', { mode: 'boolean' }).notNull().default(false),
    overrideReason: text('override_reason'),
    evidence: text('evidence', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    channelId: text('channel_id'),
    lever: text('lever'),
    /** Taken from the hypothesis at close, like channel and lever, so the log filters by them. */
    funnelStage: text('funnel_stage', { enum: FUNNEL_STAGES }),
    spend: real('spend'),
    nextSteps: text('next_steps'),
    publishedAt: text('published_at').notNull(),
    publishedBy: text('published_by').notNull(),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [index('learnings_workspace').on(t.workspaceId, t.publishedAt)],
);

/** Append-only trail: who changed what, when, before → after. */
export const auditEntries = sqliteTable(
  'audit_entries',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    actorId: text('actor_id').notNull(),
    actorType: text('actor_type', { enum: ['member', 'token', 'system'] }).notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    at: text('at').notNull().default(now),
  },
  (t) => [index('audit_workspace_at').on(t.workspaceId, t.at), index('audit_entity').on(t.entityId)],
);

/**
 * A cycle's analysis, computed once per change of its results or rule instead of on every view. `revision`
 * is bumped by triggers on `snapshots` (migration 0012), so every writer invalidates it, now and later, and a
 * deleted cycle takes its row along. The stored analysis holds while its key still reads
 * `revision:cycle version:day` (days running change daily).
 * Derived data: not backed up, rebuilt on the next view.
 */
export const cycleAnalyses = sqliteTable('cycle_analyses', {
  cycleId: text('cycle_id').primaryKey(),
  revision: integer('revision').notNull().default(0),
  analysis: text('analysis'),
  analysisKey: text('analysis_key'),
});
// ---- Operating rhythm (issue 12): insights that pool several tests, and the weekly review ----------------------

export const INSIGHT_STANCES = ['supports', 'contradicts'] as const;
export const META_METHODS = ['fixed', 'random'] as const;

/** A claim several closed cycles speak to ("urgency copy lifts conversion on paid social"); Hadi pools their effects. */
export const insights = sqliteTable(
  'insights',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    title: text('title').notNull(),
    claim: text('claim'),
    /** Where the claim applies: cycles with the same channel, lever or tags are suggested as evidence. */
    channelId: text('channel_id').references(() => channels.id),
    lever: text('lever', { enum: LEVERS }),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    method: text('method', { enum: META_METHODS }).notNull().default('random'),
    createdBy: text('created_by').notNull(),
    publishedAt: text('published_at').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('insights_workspace').on(t.workspaceId, t.publishedAt)],
);

/** One closed cycle cited as evidence for (or against) an insight. */
export const insightCitations = sqliteTable(
  'insight_citations',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    insightId: text('insight_id')
      .notNull()
      .references(() => insights.id),
    cycleId: text('cycle_id')
      .notNull()
      .references(() => cycles.id),
    stance: text('stance', { enum: INSIGHT_STANCES }).notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('insight_citations_pair').on(t.insightId, t.cycleId),
    index('insight_citations_cycle').on(t.cycleId),
  ],
);

/** The weekly "numbers and narrative" review: figures built from stored data, the lead's narrative, published. */
export const reviews = sqliteTable(
  'reviews',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    /** The Monday (workspace time zone, YYYY-MM-DD) the reviewed week starts on. */
    weekStart: text('week_start').notNull(),
    status: text('status', { enum: ['draft', 'published'] })
      .notNull()
      .default('draft'),
    figures: text('figures', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    narrative: text('narrative').notNull().default(''),
    /** `schedule` for the Monday cron, otherwise the member who built it on demand. */
    builtBy: text('built_by').notNull(),
    builtAt: text('built_at').notNull(),
    publishedAt: text('published_at'),
    publishedBy: text('published_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('reviews_week').on(t.workspaceId, t.weekStart)],
);
// --- money layer (issue 11): an objective's funnel model and its saved scenarios.
export type FunnelModel = {
  traffic: number;
  spend: number;
  stages: { name: string; rate: number }[];
  value: number;
  margin: number;
  elasticity: number;
};
export type SavedScenario = {
  id: string;
  name: string;
  changes: { target: string; relative?: number; absolute?: number }[];
};

/** One funnel per objective (id = the objective's id): traffic, spend and rates per period of `periodDays`. */
export const funnels = sqliteTable('funnels', {
  id: text('id')
    .primaryKey()
    .references(() => objectives.id),
  workspaceId: workspaceId(),
  model: text('model', { mode: 'json' }).$type<FunnelModel>().notNull(),
  periodDays: integer('period_days').notNull().default(30),
  scenarios: text('scenarios', { mode: 'json' }).$type<SavedScenario[]>().notNull().default(sql`'[]'`),
  updatedBy: text('updated_by').notNull(),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The records comments may be attached to (worker/comments/targets.ts maps each to its table). */
export const COMMENT_TARGETS = ['hypothesis', 'cycle'] as const;

/** Plain-text discussion on a record; soft-deleted so replies and audit keep their anchor. */
export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    /** The member (or API token) who wrote it. */
    authorId: text('author_id').notNull(),
    body: text('body').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: text('deleted_at'),
  },
  (t) => [index('comments_target').on(t.workspaceId, t.targetType, t.targetId, t.createdAt)],
);

/** A member's inbox: mentions of them and replies to their comments, with read state. */
export const inboxItems = sqliteTable(
  'inbox_items',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    commentId: text('comment_id')
      .notNull()
      .references(() => comments.id),
    kind: text('kind', { enum: ['mention', 'reply'] }).notNull(),
    readAt: text('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('inbox_member_comment').on(t.memberId, t.commentId),
    index('inbox_member_created').on(t.workspaceId, t.memberId, t.createdAt),
  ],
);

export const SEARCH_TYPES = ['hypothesis', 'cycle', 'learning', 'insight', 'comment'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/**
 * One searchable record of any kind, filled by triggers on its source table (migration 0013), so every writer
 * keeps it in step. The FTS5 index `search_index` (external content over this table; drizzle cannot declare
 * it) is queried in worker/search/queries.ts. Derived data: not backed up, rebuilt by the triggers on restore.
 */
export const searchDocs = sqliteTable(
  'search_docs',
  {
    docId: integer('doc_id').primaryKey(),
    type: text('type').notNull(),
    id: text('id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** A comment's hit links to the record it discusses (migration 0016); null for other kinds. */
    parentType: text('parent_type'),
    parentId: text('parent_id'),
  },
  (t) => [uniqueIndex('search_docs_record').on(t.type, t.id)],
);

/**
 * A read-only link to one learning for people outside the workspace. The token is shown once; only its
 * SHA-256 is stored. Dead after `expiresAt` or once revoked.
 */
export const learningShares = sqliteTable(
  'learning_shares',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    learningId: text('learning_id')
      .notNull()
      .references(() => learnings.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('learning_shares_learning').on(t.workspaceId, t.learningId)],
);

// ---- The program view, computed once per change (issue 13; migration 0017) ------------------------------------

/** Bumped by triggers on every table the program view reads: a stored view holds while its revision is current. */
export const workspaceRevisions = sqliteTable('workspace_revisions', {
  workspaceId: text('workspace_id').primaryKey(),
  revision: integer('revision').notNull().default(0),
});

/** One stored program view per workspace and window (`viewKey`), as JSON, with the revision it was computed at. */
export const programViews = sqliteTable(
  'program_views',
  {
    workspaceId: text('workspace_id').notNull(),
    viewKey: text('view_key').notNull(),
    revision: integer('revision').notNull(),
    view: text('view').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.viewKey] })],
);

// ---- Outgoing webhooks (issue 15): endpoints admins register, and the log of every delivery attempt ----------

export const WEBHOOK_EVENTS = [
  'cycle.launched',
  'cycle.closed',
  'cycle.guardrail_breached',
  'review.published',
  'comment.mentioned',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * Where Hadi posts events. The signing secret is shown once at registration and never returned again; it is
 * stored as the Worker needs it to sign, and left out of backups. `failingSince` is the first failed attempt
 * since the last success: three days of it and the endpoint is disabled (`disabledAt`, `disabledReason`).
 */
export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    url: text('url').notNull(),
    events: text('events', { mode: 'json' }).$type<WebhookEvent[]>().notNull(),
    secret: text('secret').notNull(),
    createdBy: text('created_by').notNull(),
    failingSince: text('failing_since'),
    disabledAt: text('disabled_at'),
    disabledReason: text('disabled_reason'),
    lastAttemptAt: text('last_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhook_endpoints_workspace').on(t.workspaceId, t.createdAt)],
);

/** One attempt to deliver one event to one endpoint: what came back, and when the next try is due. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    error: text('error'),
    nextRetryAt: text('next_retry_at'),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_deliveries_endpoint').on(t.workspaceId, t.endpointId, t.createdAt)],
);

/** A read-only link to one insight (issue 14), the twin of learning_shares; revoked through /api/shares/:id too. */
export const insightShares = sqliteTable(
  'insight_shares',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceId(),
    insightId: text('insight_id')
      .notNull()
      .references(() => insights.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('insight_shares_insight').on(t.workspaceId, t.insightId)],
);
