import { count, eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import {
  channels,
  cycles,
  hypotheses,
  learnings,
  members,
  metrics,
  objectives,
  funnels,
  snapshots,
  users,
  type LEVERS,
  type Role,
} from '../../db/schema';
import { auditInsert } from '../../worker/audit/record';
import { hashPassword } from '../../worker/auth/crypto';
import { carriedOver } from '../../worker/cycles/close';
import { newId, type Db } from '../../worker/db';
import { iceScore } from '../../worker/hypotheses/domain';
import { analyzeCycle } from '../../worker/rules/analysis';
import { costOfLearning, learningArms } from '../../worker/stats';
import { decisionRuleSchema } from '../../worker/rules/schema';
import { createWorkspace, createWorkspaceFor } from '../../worker/workspaces/create';
import { IDEAS, QUICK_IDEAS } from './ideas';
import { CYCLE_PLANS, type CyclePlan } from './plans';
import { seedRhythm } from './rhythm';
import { seedWebhooks } from './webhooks';

export const DEMO_PASSWORD = 'hadi-demo-2026';
export const DEMO_ACCOUNTS: { role: Role; name: string; email: string }[] = [
  { role: 'admin', name: 'Ada Admin', email: 'admin@demo.hadi' },
  { role: 'lead', name: 'Lena Lead', email: 'lead@demo.hadi' },
  { role: 'member', name: 'Milo Member', email: 'member@demo.hadi' },
  { role: 'viewer', name: 'Sam Stakeholder', email: 'viewer@demo.hadi' },
];

const DAY = 86_400_000;
const isoDaysAgo = (days: number, now: number) => new Date(now - days * DAY).toISOString();

/** Deterministic randomness so every newcomer sees the same demo. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A workspace with four demo accounts, ~30 hypotheses and cycles in every state with daily results. */
export async function seedDemo(db: Db, now = Date.now()) {
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return { seeded: false as const };
  const admin = DEMO_ACCOUNTS[0]!;
  const { workspaceId, memberId: adminId } = await createWorkspace(db, {
    workspace: 'Northwind Outdoor',
    name: admin.name,
    email: admin.email,
    password: DEMO_PASSWORD,
  });
  const actor = { id: adminId, type: 'system' as const, workspaceId };
  const ids: Record<Role, string> = { admin: adminId, lead: '', member: '', viewer: '' };
  const userIds: Partial<Record<Role, string>> = {};
  const statements: BatchItem<'sqlite'>[] = [];
  for (const account of DEMO_ACCOUNTS.slice(1)) {
    const pw = await hashPassword(DEMO_PASSWORD);
    const userId = newId();
    userIds[account.role] = userId;
    ids[account.role] = newId();
    statements.push(
      db.insert(users).values({
        id: userId,
        email: account.email,
        name: account.name,
        passwordHash: pw.hash,
        passwordSalt: pw.salt,
        passwordIterations: pw.iterations,
      }),
      db.insert(members).values({ id: ids[account.role], workspaceId, userId, role: account.role, status: 'active' }),
    );
  }
  const [metricRows, channelRows] = await Promise.all([
    db.select().from(metrics).where(eq(metrics.workspaceId, workspaceId)),
    db.select().from(channels).where(eq(channels.workspaceId, workspaceId)),
  ]);
  const metricId = (name: string) => metricRows.find((m) => m.name === name)!.id;
  const channelId = (name: string) => channelRows.find((c) => c.name === name)!.id;

  const objectiveId = newId();
  statements.push(
    db.insert(objectives).values({
      id: objectiveId,
      workspaceId,
      title: 'Grow first orders 20% by end of Q1 at CAC ≤ €45',
      primaryMetricId: metricId('Conversion rate'),
      secondaryMetricIds: [metricId('Average order value')],
      baseline: 0.05,
      target: 0.06,
      deadline: new Date(now + 90 * DAY).toISOString().slice(0, 10),
      guardrails: { cacMax: 45, roasFloor: 3, paybackDays: 90 },
      budgetEnvelope: 60000,
      approvalThreshold: 15000,
      createdBy: ids.lead,
      createdAt: isoDaysAgo(60, now),
    }),
  );

  const hypothesisIds = IDEAS.map(() => newId());
  const ideaRows: (typeof hypotheses.$inferInsert)[] = [];
  const authors = [ids.member, ids.lead, ids.member, ids.admin];
  IDEAS.forEach((idea, i) => {
    const values = {
      id: hypothesisIds[i]!,
      workspaceId,
      title: idea.title,
      change: idea.change,
      audience: idea.audience,
      channelId: channelId(idea.channel),
      metricId: metricId(idea.metric),
      move: idea.expected >= 0 ? ('increase' as const) : ('decrease' as const),
      expectedImpact: Math.abs(idea.expected),
      rationale: idea.rationale,
      lever: idea.lever,
      funnelStage: 'conversion' as const,
      impact: idea.impact,
      confidence: idea.confidence,
      ease: idea.ease,
      iceScore: iceScore(idea),
      tags: idea.tags,
      authorId: authors[i % authors.length]!,
      objectiveId,
      createdAt: isoDaysAgo(50 - i, now),
      updatedAt: isoDaysAgo(50 - i, now),
    };
    ideaRows.push(values);
    statements.push(db.insert(hypotheses).values(values));
  });
  QUICK_IDEAS.forEach((title, i) =>
    statements.push(
      db.insert(hypotheses).values({
        id: newId(),
        workspaceId,
        title,
        authorId: ids.member,
        createdAt: isoDaysAgo(i, now),
        updatedAt: isoDaysAgo(i, now),
      }),
    ),
  );

  const random = prng(2026);
  for (const plan of CYCLE_PLANS) {
    statements.push(
      ...cycleStatements(db, {
        plan,
        workspaceId,
        objectiveId,
        hypothesisId: hypothesisIds[plan.idea]!,
        idea: ideaRows[plan.idea]!,
        metricId,
        ids,
        now,
        random,
        title: IDEAS[plan.idea]!.title,
        channelId: channelId(IDEAS[plan.idea]!.channel),
        lever: IDEAS[plan.idea]!.lever,
      }),
    );
  }
  statements.push(
    auditInsert(db, actor, {
      action: 'seed',
      entity: 'workspace',
      entityId: workspaceId,
      after: { hypotheses: IDEAS.length + QUICK_IDEAS.length, cycles: CYCLE_PLANS.length },
    }),
  );
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  await seedRhythm(db, workspaceId, ids.lead, now);
  await seedSecondClient(db, userIds.lead!);
  await seedWebhooks(db, workspaceId, adminId, now);
  // Money layer (issue 11): the objective's monthly funnel and two saved scenarios (its own statement: inside the
  // big batch the local D1 proxy drops the connection).
  await db.insert(funnels).values({
    id: objectiveId,
    workspaceId,
    model: {
      traffic: 120000,
      spend: 66000,
      stages: [
        { name: 'product view', rate: 0.5 },
        { name: 'add to cart', rate: 0.12 },
        { name: 'order', rate: 0.3 },
      ],
      value: 110,
      margin: 0.5,
      elasticity: 0.7,
    },
    periodDays: 30,
    scenarios: [
      { id: 'scale-search', name: 'Scale search +25%', changes: [{ target: 'spend', relative: 0.25 }] },
      {
        id: 'better-checkout',
        name: 'Checkout fixes',
        changes: [{ target: 'order', absolute: 0.03 }],
      },
    ],
    updatedBy: ids.lead,
  });
  return { seeded: true as const, workspaceId };
}

/** The lead also runs a second client from the same sign-in (issue 9): switch to it from the header. */
async function seedSecondClient(db: Db, leadUserId: string) {
  const { workspaceId, memberId } = await createWorkspaceFor(db, leadUserId, {
    name: 'Alpine Coffee Roasters',
    currency: 'CHF',
    timeZone: 'Europe/Zurich',
  });
  await db
    .insert(hypotheses)
    .values(
      [
        'Subscription discount shown on the product page',
        'Bundle a grinder with the first order',
        'Retarget cart abandoners with a brewing guide',
      ].map((title) => ({ id: newId(), workspaceId, title, authorId: memberId })),
    );
}

type CycleContext = {
  plan: CyclePlan;
  workspaceId: string;
  objectiveId: string;
  hypothesisId: string;
  idea: typeof hypotheses.$inferInsert;
  title: string;
  /** The hypothesis's channel and lever: its learning carries them (the log filters by them). */
  channelId: string;
  lever: (typeof LEVERS)[number];
  metricId: (name: string) => string;
  ids: Record<Role, string>;
  now: number;
  random: () => number;
};

function cycleStatements(db: Db, ctx: CycleContext): BatchItem<'sqlite'>[] {
  const { plan, workspaceId, now, ids } = ctx;
  const id = newId();
  const rule = decisionRuleSchema.parse({ ...plan.rule(ctx.metricId), primaryMetricId: ctx.metricId(plan.primary) });
  const launched = plan.status !== 'draft';
  const launchedAt = launched ? isoDaysAgo(plan.launchedDaysAgo, now) : null;
  const ended = plan.status === 'closed' || plan.status === 'aborted';
  const closedAt = ended ? isoDaysAgo(plan.launchedDaysAgo - plan.days, now) : null;
  const results = launched
    ? dailyResults(
        ctx,
        id,
        rule.guardrails.map((g) => g.metricId),
      )
    : [];
  const out: BatchItem<'sqlite'>[] = results.map((r) => db.insert(snapshots).values(r));
  let insight: Partial<typeof cycles.$inferInsert> = {};
  if (plan.status === 'closed' && plan.decision) {
    const latest = results.filter((r) => r.date === results[results.length - 1]!.date);
    const analysis = analyzeCycle({
      rule,
      variants: plan.variants,
      daysRunning: plan.days,
      metrics: [...new Set(latest.map((r) => r.metricId))].map((mid) => metricFor(ctx, mid)),
      results: latest.map((r) => ({
        ...r,
        valueSum: null,
        valueSumSquares: null,
        mean: null,
        sd: null,
        revenue: null,
      })),
    });
    const verdict = analysis.verdict.decision;
    const isOverride = verdict !== plan.decision;
    const spend = latest.filter((r) => r.metricId === rule.primaryMetricId).reduce((sum, r) => sum + (r.spend ?? 0), 0);
    insight = {
      decision: plan.decision,
      verdict: analysis.verdict as unknown as Record<string, unknown>,
      overrideReason: isOverride ? (plan.overrideReason ?? 'Judgement call') : null,
      learningText: plan.learning,
      closedBy: ids.lead,
    };
    out.push(
      db.insert(learnings).values({
        id: newId(),
        workspaceId,
        cycleId: id,
        hypothesisId: ctx.hypothesisId,
        title: ctx.title,
        summary: plan.learning,
        decision: plan.decision,
        verdict,
        isOverride,
        overrideReason: insight.overrideReason ?? null,
        evidence: {
          ...analysis,
          spend,
          costOfLearning: seededCost(ctx, plan.variants, latest, rule, analysis),
        } as unknown as Record<string, unknown>,
        tags: plan.tags,
        channelId: ctx.channelId,
        lever: ctx.lever,
        funnelStage: 'conversion',
        spend,
        nextSteps: plan.nextSteps ?? null,
        publishedAt: closedAt!,
        publishedBy: ids.lead,
      }),
    );
  }
  out.unshift(
    db.insert(cycles).values({
      id,
      workspaceId,
      hypothesisId: ctx.hypothesisId,
      objectiveId: ctx.objectiveId,
      name: plan.name,
      status: plan.status,
      change: plan.change,
      variants: plan.variants,
      budget: plan.budget,
      minDays: rule.minDays,
      plannedSampleSize: rule.plannedSampleSizePerVariant ?? null,
      primaryMetricId: rule.primaryMetricId,
      decisionRule: rule as unknown as Record<string, unknown>,
      ruleLockedAt: launchedAt,
      launchedAt,
      launchedBy: launched ? ids.lead : null,
      closedAt,
      abortReason: plan.status === 'aborted' ? (plan.abortReason ?? null) : null,
      createdBy: ids.member,
      ...insight,
      createdAt: isoDaysAgo((plan.launchedDaysAgo ?? 0) + 2, now),
      updatedAt: closedAt ?? launchedAt ?? isoDaysAgo(1, now),
      version: launched ? (ended ? 3 : 2) : 1,
    }),
  );
  out.push(db.update(hypotheses).set({ status: plan.hypothesisStatus }).where(eq(hypotheses.id, ctx.hypothesisId)));
  for (const [i, title] of (plan.followUps ?? []).entries()) {
    const at = isoDaysAgo(plan.launchedDaysAgo - plan.days, now + (i + 1) * 1000);
    out.push(
      db.insert(hypotheses).values({
        ...carriedOver(ctx.idea as typeof hypotheses.$inferSelect, { objectiveId: ctx.objectiveId }),
        id: newId(),
        workspaceId,
        title,
        authorId: ids.lead,
        parentCycleId: id,
        createdAt: at,
        updatedAt: at,
      }),
    );
  }
  return out;
}

/** What the test cost to learn, as GET /api/cycles/:id/analysis computes it (default metric units). */
function seededCost(
  ctx: CycleContext,
  variants: { key: string; name: string }[],
  latest: { metricId: string; variantKey: string; units: number; conversions: number | null; spend: number | null }[],
  rule: { primaryMetricId: string; alpha: number },
  analysis: { verdict: { variantKey: string | null } },
) {
  const UNITS: Record<string, string> = { CPA: 'click', 'Click-through rate': 'impression' };
  const metricsUsed = [...new Set(latest.map((r) => r.metricId))].map((id) => {
    const m = metricFor(ctx, id);
    return { ...m, unit: UNITS[m.name] ?? 'visitor' };
  });
  const rows = latest.map((r) => ({ ...r, sd: null, revenue: null }));
  return costOfLearning({
    arms: learningArms(variants, metricsUsed, rows, rule.primaryMetricId),
    winnerKey: analysis.verdict.variantKey,
    alpha: rule.alpha,
  });
}

function metricFor(ctx: CycleContext, id: string) {
  const name = ['Conversion rate', 'CPA', 'Click-through rate'].find((n) => ctx.metricId(n) === id)!;
  return name === 'CPA'
    ? { id, name, kind: 'cost' as const, direction: 'decrease' as const, costFormula: 'cpa' as const }
    : { id, name, kind: 'proportion' as const, direction: 'increase' as const, costFormula: null };
}

/** Cumulative daily snapshots: conversions drawn around each variant's true rate; CPA from the same counts. */
function dailyResults(ctx: CycleContext, cycleId: string, guardrailMetricIds: string[]) {
  const { plan, random, workspaceId, now, ids } = ctx;
  const totalWeight = plan.variants.reduce((s, v) => s + v.weight, 0);
  const rows: (typeof snapshots.$inferInsert & { spend: number | null; conversions: number })[] = [];
  const totals = plan.variants.map(() => ({ units: 0, conversions: 0, spend: 0 }));
  for (let day = 1; day <= plan.days; day++) {
    const date = isoDaysAgo(plan.launchedDaysAgo - day, now).slice(0, 10);
    // Daily traffic swings ±15%, but each visitor lands in an arm by the planned weights (a binomial split),
    // so the demo's sample ratios are honest and the SRM check passes.
    const dayUnits = plan.dailyUnits * (0.85 + 0.3 * random());
    plan.variants.forEach((variant, i) => {
      const share = variant.weight / totalWeight;
      const units = Math.max(
        0,
        Math.round(dayUnits * share + Math.sqrt(dayUnits * share * (1 - share)) * gaussian(random)),
      );
      const rate = plan.truth[i]!;
      const noise = Math.sqrt(units * rate * (1 - rate)) * gaussian(random);
      const t = totals[i]!;
      t.units += units;
      t.conversions += Math.max(0, Math.round(units * rate + noise));
      t.spend += units * plan.cpc[i]!;
      for (const mid of [ctx.metricId(plan.primary), ...guardrailMetricIds]) {
        rows.push({
          id: newId(),
          workspaceId,
          cycleId,
          metricId: mid,
          variantKey: variant.key,
          date,
          units: t.units,
          conversions: t.conversions,
          spend: Math.round(t.spend * 100) / 100,
          createdBy: ids.member,
        });
      }
    });
  }
  return rows;
}

function gaussian(random: () => number) {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
