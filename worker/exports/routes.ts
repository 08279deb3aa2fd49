import { and, asc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { channels, hypotheses, learnings, metrics, workspaces } from '../../db/schema';
import type { AppEnv } from '../env';
import { idParam } from '../http/common';
import { notFound } from '../http/errors';
import { valid } from '../http/validate';
import { learningMarkdown } from './markdown';
import { csvResponse, toCsv } from './csv';
import { CYCLE_COLUMNS, cycleFigures } from './cycles';

type Hypothesis = typeof hypotheses.$inferSelect;
type Learning = typeof learnings.$inferSelect;

/** Cap on rows per file: a workspace's whole history fits many times over; a runaway export does not. */
const MAX_ROWS = 50_000;

const hypothesisColumns = (channel: (id: string | null) => string, metric: (id: string | null) => string) => [
  { header: 'id', value: (h: Hypothesis) => h.id },
  { header: 'title', value: (h: Hypothesis) => h.title },
  { header: 'status', value: (h: Hypothesis) => h.status },
  { header: 'change', value: (h: Hypothesis) => h.change },
  { header: 'audience', value: (h: Hypothesis) => h.audience },
  { header: 'channel', value: (h: Hypothesis) => channel(h.channelId) },
  { header: 'metric', value: (h: Hypothesis) => metric(h.metricId) },
  { header: 'move', value: (h: Hypothesis) => h.move },
  { header: 'expected_impact', value: (h: Hypothesis) => h.expectedImpact },
  { header: 'rationale', value: (h: Hypothesis) => h.rationale },
  { header: 'lever', value: (h: Hypothesis) => h.lever },
  { header: 'funnel_stage', value: (h: Hypothesis) => h.funnelStage },
  { header: 'impact', value: (h: Hypothesis) => h.impact },
  { header: 'confidence', value: (h: Hypothesis) => h.confidence },
  { header: 'ease', value: (h: Hypothesis) => h.ease },
  { header: 'ice_score', value: (h: Hypothesis) => h.iceScore },
  { header: 'tags', value: (h: Hypothesis) => h.tags },
  { header: 'created_at', value: (h: Hypothesis) => h.createdAt },
  { header: 'updated_at', value: (h: Hypothesis) => h.updatedAt },
];

const learningColumns = (channel: (id: string | null) => string) => [
  { header: 'id', value: (l: Learning) => l.id },
  { header: 'published_at', value: (l: Learning) => l.publishedAt },
  { header: 'title', value: (l: Learning) => l.title },
  { header: 'decision', value: (l: Learning) => l.decision },
  { header: 'rule_verdict', value: (l: Learning) => l.verdict },
  { header: 'overrode_rule', value: (l: Learning) => l.isOverride },
  { header: 'override_reason', value: (l: Learning) => l.overrideReason },
  { header: 'summary', value: (l: Learning) => l.summary },
  { header: 'next_steps', value: (l: Learning) => l.nextSteps },
  { header: 'channel', value: (l: Learning) => channel(l.channelId) },
  { header: 'lever', value: (l: Learning) => l.lever },
  { header: 'spend', value: (l: Learning) => l.spend },
  { header: 'tags', value: (l: Learning) => l.tags },
  { header: 'cycle_id', value: (l: Learning) => l.cycleId },
  { header: 'hypothesis_id', value: (l: Learning) => l.hypothesisId },
];

const namer = (rows: { id: string; name: string }[]) => {
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return (id: string | null) => (id ? (names.get(id) ?? '') : '');
};

/** Spreadsheet files of the workspace's records, readable by every role (each read in one D1 batch). */
export const exportsRoutes = new Hono<AppEnv>()
  .get('/hypotheses.csv', describeRoute({ summary: 'The backlog as CSV' }), async (c) => {
    const db = c.get('db');
    const workspaceId = c.get('actor').workspaceId;
    const [rows, channelRows, metricRows] = await db.batch([
      db
        .select()
        .from(hypotheses)
        .where(and(eq(hypotheses.workspaceId, workspaceId), isNull(hypotheses.deletedAt)))
        .orderBy(asc(hypotheses.createdAt), asc(hypotheses.id))
        .limit(MAX_ROWS),
      db.select({ id: channels.id, name: channels.name }).from(channels).where(eq(channels.workspaceId, workspaceId)),
      db.select({ id: metrics.id, name: metrics.name }).from(metrics).where(eq(metrics.workspaceId, workspaceId)),
    ]);
    return csvResponse(toCsv(hypothesisColumns(namer(channelRows), namer(metricRows)), rows), 'hadi-backlog.csv');
  })
  .get('/cycles.csv', describeRoute({ summary: 'Cycles as CSV: one row per variant × metric' }), async (c) => {
    const rows = await cycleFigures(c.get('db'), c.get('actor').workspaceId);
    return csvResponse(toCsv(CYCLE_COLUMNS, rows), 'hadi-cycles.csv');
  })
  .get('/learnings.csv', describeRoute({ summary: 'Learnings as CSV' }), async (c) => {
    const db = c.get('db');
    const workspaceId = c.get('actor').workspaceId;
    const [rows, channelRows] = await db.batch([
      db
        .select()
        .from(learnings)
        .where(eq(learnings.workspaceId, workspaceId))
        .orderBy(asc(learnings.publishedAt), asc(learnings.id))
        .limit(MAX_ROWS),
      db.select({ id: channels.id, name: channels.name }).from(channels).where(eq(channels.workspaceId, workspaceId)),
    ]);
    return csvResponse(toCsv(learningColumns(namer(channelRows)), rows), 'hadi-learnings.csv');
  });

/** A learning as Markdown (mounted under /api/learnings). */
export const learningMarkdownRoutes = new Hono<AppEnv>().get('/:id/markdown', valid('param', idParam), async (c) => {
  const db = c.get('db');
  const { workspaceId } = c.get('actor');
  const id = c.req.valid('param').id;
  const mine = and(eq(learnings.workspaceId, workspaceId), eq(learnings.id, id));
  const [rows, workspaceRows, channelRows] = await db.batch([
    db.select().from(learnings).where(mine).limit(1),
    db.select({ currency: workspaces.currency }).from(workspaces).where(eq(workspaces.id, workspaceId)),
    db
      .select({ name: channels.name })
      .from(channels)
      .innerJoin(learnings, eq(learnings.channelId, channels.id))
      .where(and(mine, eq(channels.workspaceId, workspaceId))),
  ]);
  const learning = rows[0];
  if (!learning) throw notFound('Learning');
  const body = learningMarkdown(learning, {
    channel: channelRows[0]?.name ?? null,
    currency: workspaceRows[0]?.currency ?? 'EUR',
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="learning-${learning.id}.md"`,
    },
  });
});
