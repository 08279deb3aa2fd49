import { eq, inArray, sql } from 'drizzle-orm';
import { cycles, hypotheses, learnings } from '../../db/schema';
import { auditInsert } from '../audit/record';
import { newId, nowIso, type Db } from '../db';
import type { Actor } from '../env';
import { iceScore } from '../hypotheses/domain';
import { badRequest, conflict } from '../http/errors';
import { assertReferences } from '../records/references';
import { getInWorkspace, updateVersioned } from '../records/versioned';
import { analyzeStoredCycle } from './analysis';
import { hypothesisStatusAfter, isOverride } from './lifecycle';
import type { CloseBody } from './schemas';

type Cycle = typeof cycles.$inferSelect;
type Hypothesis = typeof hypotheses.$inferSelect;

/** What a follow-up inherits from the idea it follows up: same channel, lever, audience, stage, metric, objective. */
export const carriedOver = (parent: Hypothesis, cycle: Pick<Cycle, 'objectiveId'>) => ({
  channelId: parent.channelId,
  lever: parent.lever,
  audience: parent.audience,
  funnelStage: parent.funnelStage,
  metricId: parent.metricId,
  objectiveId: cycle.objectiveId ?? parent.objectiveId,
});

/** A draft's explicit values (null included: "no channel") win; fields it leaves out are carried over. */
const withoutUndefined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/**
 * Insight: the decision checked against the locked rule, the published learning, the hypothesis's new status
 * and the follow-up ideas, all in one batch that only lands if this close wins the version race.
 */
export async function closeCycle(db: Db, actor: Actor, cycle: Cycle, body: CloseBody, expected: number) {
  const analysis = await analyzeStoredCycle(db, cycle);
  const verdict = analysis.verdict.decision;
  const override = isOverride(body.decision, verdict);
  if (override && !body.overrideReason?.trim()) {
    throw badRequest(`The rule's verdict is "${verdict}"; say why you decide "${body.decision}"`, {
      overrideReason: `required: the rule's verdict is ${verdict}`,
    });
  }
  const hypothesis = await getInWorkspace(db, hypotheses, actor.workspaceId, cycle.hypothesisId, 'Hypothesis');
  const followUps = await prepareFollowUps(db, actor, cycle, hypothesis, body.followUps ?? []);
  const closedAt = nowIso();
  const learning = {
    id: newId(),
    workspaceId: actor.workspaceId,
    cycleId: cycle.id,
    hypothesisId: hypothesis.id,
    title: body.learning.title ?? hypothesis.title,
    summary: body.learning.summary,
    decision: body.decision,
    verdict,
    isOverride: override,
    overrideReason: override ? (body.overrideReason ?? null) : null,
    evidence: analysis as unknown as Record<string, unknown>,
    tags: body.learning.tags ?? hypothesis.tags,
    // Channel, lever and funnel stage come from the hypothesis, so the learning log filters like the backlog.
    channelId: hypothesis.channelId,
    lever: hypothesis.lever,
    funnelStage: hypothesis.funnelStage,
    spend: analysis.spend,
    nextSteps: body.learning.nextSteps ?? null,
    publishedAt: closedAt,
    publishedBy: actor.id,
  };
  const hypothesisStatus = hypothesisStatusAfter[body.decision];
  const extra = [
    db.insert(learnings).values(learning),
    auditInsert(db, actor, { action: 'publish', entity: 'learning', entityId: learning.id, after: learning }),
    db
      .update(hypotheses)
      .set({ status: hypothesisStatus, version: sql`${hypotheses.version} + 1`, updatedAt: closedAt })
      .where(eq(hypotheses.id, hypothesis.id)),
    auditInsert(db, actor, {
      action: 'update',
      entity: 'hypothesis',
      entityId: hypothesis.id,
      before: { status: hypothesis.status },
      after: { status: hypothesisStatus },
    }),
    ...followUps.flatMap((f) => [
      db.insert(hypotheses).values(f),
      auditInsert(db, actor, { action: 'create', entity: 'hypothesis', entityId: f.id, after: f }),
    ]),
  ];
  const closed = await updateVersioned(
    db,
    actor,
    cycles,
    'cycle',
    cycle,
    expected,
    {
      status: 'closed',
      closedAt,
      closedBy: actor.id,
      decision: body.decision,
      verdict: analysis.verdict as unknown as Record<string, unknown>,
      overrideReason: learning.overrideReason,
      learningText: body.learning.summary,
    },
    { action: 'close', extra },
  );
  return { cycle: closed, learning, followUps };
}

/**
 * Follow-up hypotheses carry the cycle they came from (the HADI chain) and, unless the draft says otherwise,
 * the context of the idea they follow up (so a one-line follow-up isn't "11 parts missing"); their ids must be new.
 */
async function prepareFollowUps(
  db: Db,
  actor: Actor,
  cycle: Cycle,
  parent: Hypothesis,
  drafts: NonNullable<CloseBody['followUps']>,
) {
  const followUps = drafts.map(({ id, ...f }) => ({
    ...carriedOver(parent, cycle),
    ...withoutUndefined(f),
    id: id ?? newId(),
    workspaceId: actor.workspaceId,
    authorId: actor.id,
    parentCycleId: cycle.id,
    iceScore: iceScore(f),
  }));
  for (const [i, f] of followUps.entries()) {
    await assertReferences(db, actor.workspaceId, f).catch((err) => {
      throw badRequest(
        `Follow-up ${i + 1} refers to an unknown record`,
        Object.fromEntries(Object.entries(err.extra?.fields ?? {}).map(([k, v]) => [`followUps.${i}.${k}`, String(v)])),
      );
    });
  }
  if (followUps.length > 0) {
    const taken = await db
      .select({ id: hypotheses.id })
      .from(hypotheses)
      .where(
        inArray(
          hypotheses.id,
          followUps.map((f) => f.id),
        ),
      );
    if (taken.length > 0) throw conflict('A follow-up id is already used; send new ids', undefined, 'id_taken');
  }
  return followUps;
}
