import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import {
  cycles,
  hypotheses,
  insightCitations,
  insights,
  learnings,
  objectives,
  snapshots,
  workspaces,
} from '../../../db/schema';
import { createDb } from '../../../worker/db';
import type { Team } from './client';
import { catalog } from './fixtures';

/**
 * A test history written straight into D1 with chosen dates (the API stamps "now", and a program view needs
 * weeks of past). Every row is what the Worker itself stores at launch / close; the effects and verdicts are
 * hand-picked so test answers can be computed by hand.
 */
type Seeded = {
  name: string;
  launchedAt: string;
  closedAt?: string;
  status?: 'running' | 'closed' | 'aborted';
  decision?: 'ship' | 'kill' | 'iterate';
  verdict?: 'ship' | 'kill' | 'iterate' | 'keep_running';
  statuses?: string[];
  overrideReason?: string;
  channel?: string;
  lever?: 'offer' | 'creative';
  funnelStage?: 'conversion' | 'awareness';
  planned?: number | null;
  unitsLeft?: number | null;
  objective?: string;
  /** Relative lift of the shipped variant on the primary metric, and its standard error. */
  effect?: { lift: number; se: number };
  plannedEnd?: string;
  budget?: number;
  spend?: { date: string; control: number; treatment: number }[];
};

const db = () => createDb(env.DB);
const uid = () => crypto.randomUUID();

/** The workspace's time zone, and its creation moved into the past so the schedule reviews its seeded weeks. */
export async function setTimeZone(workspaceId: string, timeZone: string, createdAt = '2026-01-01T00:00:00.000Z') {
  await db().update(workspaces).set({ timeZone, createdAt }).where(eq(workspaces.id, workspaceId));
}

export async function seedInsight(
  team: Team,
  title: string,
  publishedAt: string,
  cite: { cycleId: string; at: string }[] = [],
) {
  const id = uid();
  await db()
    .insert(insights)
    .values({ id, workspaceId: team.workspaceId, title, createdBy: team.ids.lead, publishedAt });
  for (const c of cite)
    await db().insert(insightCitations).values({
      id: uid(),
      workspaceId: team.workspaceId,
      insightId: id,
      cycleId: c.cycleId,
      stance: 'supports',
      createdBy: team.ids.lead,
      createdAt: c.at,
    });
  return id;
}

export async function seedObjective(team: Team, title: string, extra: Partial<typeof objectives.$inferInsert> = {}) {
  const id = uid();
  await db()
    .insert(objectives)
    .values({ id, workspaceId: team.workspaceId, title, createdBy: team.ids.lead, ...extra });
  return id;
}

export async function seedIdea(team: Team, values: Partial<typeof hypotheses.$inferInsert>) {
  const id = uid();
  await db()
    .insert(hypotheses)
    .values({
      id,
      workspaceId: team.workspaceId,
      title: `Idea ${id.slice(0, 6)}`,
      authorId: team.ids.member,
      ...values,
    });
  return id;
}

export async function seedCycle(team: Team, c: Seeded, objectiveIds: Record<string, string> = {}) {
  const { metric, channel } = await catalog(team.admin);
  const cr = metric('Conversion rate');
  const cpa = metric('CPA');
  const hypothesisId = await seedIdea(team, {
    title: `Idea behind ${c.name}`,
    channelId: c.channel ? channel(c.channel) : null,
    lever: c.lever ?? null,
    funnelStage: c.funnelStage ?? null,
    status: c.status === 'running' ? 'testing' : 'validated',
    tags: ['seeded'],
  });
  const id = uid();
  const status = c.status ?? 'closed';
  const variants = [
    { key: 'control', name: 'Control', weight: 1 },
    { key: 'b', name: 'B', weight: 1 },
  ];
  const rule = {
    primaryMetricId: cr,
    method: 'frequentist',
    alpha: 0.05,
    minChanceToBeat: 0.95,
    minRelativeLift: 0,
    correction: 'holm',
    guardrails: [{ metricId: cpa, maxWorsening: 0.1, scale: 'relative' }],
    money: {},
    minUnitsPerVariant: 0,
    minDays: 7,
    ...(c.planned ? { plannedSampleSizePerVariant: c.planned } : {}),
    sequentialTuning: 5000,
  };
  const verdict = {
    decision: c.verdict ?? c.decision ?? 'keep_running',
    variantKey: c.verdict === 'ship' ? 'b' : null,
    reasons: ['seeded'],
    perVariant: (c.statuses ?? []).map((s) => ({ key: 'b', name: 'B', status: s, reasons: [] })),
  };
  const objectiveId = c.objective ? objectiveIds[c.objective]! : null;
  await db()
    .insert(cycles)
    .values({
      id,
      workspaceId: team.workspaceId,
      hypothesisId,
      objectiveId,
      name: c.name,
      status,
      variants,
      budget: c.budget ?? null,
      plannedEnd: c.plannedEnd ?? null,
      minDays: 7,
      plannedSampleSize: c.planned ?? null,
      primaryMetricId: cr,
      decisionRule: rule,
      ruleLockedAt: c.launchedAt,
      launchedAt: c.launchedAt,
      launchedBy: team.ids.lead,
      closedAt: c.closedAt ?? null,
      closedBy: c.closedAt ? team.ids.lead : null,
      decision: status === 'closed' ? c.decision! : null,
      verdict: status === 'closed' ? verdict : null,
      overrideReason: c.overrideReason ?? null,
      createdBy: team.ids.member,
    });
  if (status === 'closed') {
    const lift = c.effect?.lift ?? 0;
    const se = c.effect?.se ?? 0.05;
    const evidence = {
      metrics: [
        {
          metricId: cr,
          name: 'Conversion rate',
          role: 'primary',
          direction: 'increase',
          kind: 'proportion',
          comparison: c.effect
            ? {
                kind: 'proportion',
                result: {
                  variants: [
                    {
                      name: 'B',
                      relativeLift: lift,
                      relative: { stddev: se, ci: [lift - 1.96 * se, lift + 1.96 * se], pValue: 0.01 },
                    },
                  ],
                },
              }
            : null,
        },
      ],
      progress: { plannedPerVariant: c.planned ?? null, unitsLeft: c.planned == null ? null : (c.unitsLeft ?? 0) },
    };
    await db()
      .insert(learnings)
      .values({
        id: uid(),
        workspaceId: team.workspaceId,
        cycleId: id,
        hypothesisId,
        title: `Learning of ${c.name}`,
        summary: 'seeded',
        decision: c.decision!,
        verdict: verdict.decision,
        isOverride: c.decision !== verdict.decision,
        overrideReason: c.decision !== verdict.decision ? (c.overrideReason ?? null) : null,
        evidence,
        tags: ['seeded'],
        channelId: c.channel ? channel(c.channel) : null,
        lever: c.lever ?? null,
        publishedAt: c.closedAt!,
        publishedBy: team.ids.lead,
      });
  }
  for (const s of c.spend ?? [])
    await db()
      .insert(snapshots)
      .values(
        (['control', 'b'] as const).map((variantKey) => ({
          id: uid(),
          workspaceId: team.workspaceId,
          cycleId: id,
          metricId: cr,
          variantKey,
          date: s.date,
          units: 1000,
          conversions: 50,
          spend: variantKey === 'control' ? s.control : s.treatment,
          createdBy: team.ids.member,
        })),
      );
  return { id, hypothesisId };
}

/** Cumulative results on a running cycle: conversion rate and CPA per variant on one date. */
export async function seedResults(
  team: Team,
  cycleId: string,
  date: string,
  rows: { variantKey: string; units: number; conversions: number; spend: number }[],
) {
  const { metric } = await catalog(team.admin);
  await db()
    .insert(snapshots)
    .values(
      [metric('Conversion rate'), metric('CPA')].flatMap((metricId) =>
        rows.map((r) => ({
          id: uid(),
          workspaceId: team.workspaceId,
          cycleId,
          metricId,
          date,
          createdBy: team.ids.member,
          ...r,
        })),
      ),
    );
}
