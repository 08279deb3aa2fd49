/**
 * The operating rhythm at scale (`npm run bench`; nothing here asserts a duration): the program view and a
 * weekly review build on a workspace with 2,000 closed cycles and 20,000 snapshots, against the backlog page
 * in the same run. Runs inside workerd on the real local D1 (the `api` project); in the Node project it is
 * skipped, as it needs D1. Prints the D1 rows read by each (replaying every recorded statement for
 * `meta.rows_read`) before the timings.
 */
import { test } from 'vitest';
import { createDb } from '../../worker/db';
import { listHypotheses } from '../../worker/hypotheses/queries';
import { programView } from '../../worker/program/queries';
import { buildReviewFigures } from '../../worker/reviews/build';
import { addDays, lastCompleteWeek, localTime, mondayOf } from '../../worker/reviews/week';
import { analyzeCycle } from '../../worker/rules/analysis';
import { decisionRuleSchema } from '../../worker/rules/schema';

const inWorkerd = typeof navigator !== 'undefined' && navigator.userAgent === 'Cloudflare-Workers';
const CLOSED = 2000;
const SNAPSHOTS_PER_CYCLE = 10; // 5 dates × 2 variants → 20,000
const RUNNING = 20;
const BACKLOG = 300;
const DAY = 86_400_000;

type Env = { DB: D1Database };

/** Multi-row INSERTs under D1's 100-parameter limit, sent in batches. */
async function insertRows(d1: D1Database, table: string, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]!);
  const perStatement = Math.floor(99 / columns.length);
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const placeholders = chunk.map(() => `(${columns.map(() => '?').join(',')})`).join(',');
    statements.push(
      d1
        .prepare(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${placeholders}`)
        .bind(...chunk.flatMap((r) => columns.map((c) => r[c] ?? null))),
    );
  }
  for (let i = 0; i < statements.length; i += 200) await d1.batch(statements.slice(i, i + 200));
}

async function seedLargeWorkspace(env: Env) {
  const { createWorkspace } = await import('../../worker/workspaces/create');
  const db = createDb(env.DB);
  const { workspaceId, memberId } = await createWorkspace(db, {
    workspace: `Bench ${crypto.randomUUID()}`,
    name: 'Bench',
    email: `bench-${crypto.randomUUID()}@example.com`,
    password: 'bench password 2026',
  });
  const metric = (await env.DB.prepare("SELECT id FROM metrics WHERE workspace_id = ? AND name = 'Conversion rate'")
    .bind(workspaceId)
    .first<{ id: string }>())!.id;
  const channelIds = (
    await env.DB.prepare('SELECT id FROM channels WHERE workspace_id = ?').bind(workspaceId).all<{ id: string }>()
  ).results.map((r) => r.id);
  const objectiveId = crypto.randomUUID();
  await insertRows(env.DB, 'objectives', [
    {
      id: objectiveId,
      workspace_id: workspaceId,
      title: 'Grow first orders',
      primary_metric_id: metric,
      budget_envelope: 1e6,
      created_by: memberId,
    },
  ]);
  const rule = decisionRuleSchema.parse({ primaryMetricId: metric, minDays: 7, plannedSampleSizePerVariant: 5000 });
  const variants = [
    { key: 'control', name: 'Control', weight: 1 },
    { key: 'b', name: 'B', weight: 1 },
  ];
  // A real stored analysis (the evidence a close writes), so JSON sizes are what production reads.
  const analysis = analyzeCycle({
    rule,
    variants,
    daysRunning: 14,
    metrics: [{ id: metric, name: 'Conversion rate', kind: 'proportion', direction: 'increase', costFormula: null }],
    results: ['control', 'b'].map((variantKey, i) => ({
      metricId: metric,
      variantKey,
      units: 6000,
      conversions: 300 + 60 * i,
      valueSum: null,
      valueSumSquares: null,
      mean: null,
      sd: null,
      spend: 3000,
      revenue: null,
    })),
  });
  const evidence = JSON.stringify({ ...analysis, spend: 6000 });
  const verdict = JSON.stringify(analysis.verdict);
  const now = Date.now();
  const hypotheses: Record<string, unknown>[] = [];
  const cycles: Record<string, unknown>[] = [];
  const learnings: Record<string, unknown>[] = [];
  const snapshots: Record<string, unknown>[] = [];
  const decisions = ['ship', 'kill', 'iterate'] as const;
  for (let i = 0; i < CLOSED + RUNNING; i++) {
    const running = i >= CLOSED;
    const hypothesisId = crypto.randomUUID();
    const cycleId = crypto.randomUUID();
    const closedAt = running ? null : new Date(now - (i * 730 * DAY) / CLOSED - DAY).toISOString();
    const launchedAt = new Date((closedAt ? Date.parse(closedAt) : now) - 14 * DAY).toISOString();
    hypotheses.push({
      id: hypothesisId,
      workspace_id: workspaceId,
      title: `Idea ${i}`,
      channel_id: channelIds[i % channelIds.length],
      lever: ['offer', 'creative', 'audience'][i % 3],
      funnel_stage: 'conversion',
      status: running ? 'testing' : 'validated',
      author_id: memberId,
    });
    cycles.push({
      id: cycleId,
      workspace_id: workspaceId,
      hypothesis_id: hypothesisId,
      objective_id: objectiveId,
      name: `Test ${i}`,
      status: running ? 'running' : 'closed',
      variants: JSON.stringify(variants),
      decision_rule: JSON.stringify(rule),
      primary_metric_id: metric,
      launched_at: launchedAt,
      closed_at: closedAt,
      decision: running ? null : decisions[i % 3],
      verdict: running ? null : verdict,
      created_by: memberId,
    });
    if (!running)
      learnings.push({
        id: crypto.randomUUID(),
        workspace_id: workspaceId,
        cycle_id: cycleId,
        hypothesis_id: hypothesisId,
        title: `Test ${i}`,
        summary: 'What we learned',
        decision: decisions[i % 3],
        verdict: analysis.verdict.decision,
        is_override: decisions[i % 3] === analysis.verdict.decision ? 0 : 1,
        evidence,
        published_at: closedAt,
        published_by: memberId,
      });
    for (let d = 0; d < SNAPSHOTS_PER_CYCLE / 2; d++)
      for (const [v, variantKey] of ['control', 'b'].entries())
        snapshots.push({
          id: crypto.randomUUID(),
          workspace_id: workspaceId,
          cycle_id: cycleId,
          metric_id: metric,
          variant_key: variantKey,
          date: new Date(Date.parse(launchedAt) + (d + 1) * 2 * DAY).toISOString().slice(0, 10),
          units: 1200 * (d + 1),
          conversions: (60 + 12 * v) * (d + 1),
          spend: 600 * (d + 1),
          created_by: memberId,
        });
  }
  for (let i = 0; i < BACKLOG; i++)
    hypotheses.push({
      id: crypto.randomUUID(),
      workspace_id: workspaceId,
      title: `Backlog idea ${i}`,
      status: 'backlog',
      ice_score: 1 + (i % 90) / 10,
      impact: 5,
      confidence: 5,
      ease: 5,
      author_id: memberId,
    });
  await insertRows(env.DB, 'hypotheses', hypotheses);
  await insertRows(env.DB, 'cycles', cycles);
  await insertRows(env.DB, 'learnings', learnings);
  await insertRows(env.DB, 'snapshots', snapshots);
  return { workspaceId };
}

test.skipIf(!inWorkerd)(
  'program view and weekly review at 2,000 closed cycles and 20,000 snapshots',
  { timeout: 900_000 },
  async ({ bench }) => {
    const { env } = (await import(/* @vite-ignore */ 'cloudflare:test' as string)) as { env: Env };
    const { recordingD1, costOf } = await import('../api/support/recording-d1');
    const { workspaceId } = await seedLargeWorkspace(env);
    const now = Date.now();
    const today = localTime(now, 'UTC').date;
    const from = addDays(mondayOf(today), -7 * 104);
    const window = {
      fromDate: from,
      toDate: today,
      from: `${from}T00:00:00.000Z`,
      to: `${addDays(today, 1)}T00:00:00.000Z`,
    };
    const weekStart = lastCompleteWeek(now, 'UTC');
    const workspace = { id: workspaceId, timeZone: 'UTC', currency: 'EUR' };
    const jobs = {
      'program view (2 years, all 2,000 closed)': (db: ReturnType<typeof createDb>) =>
        programView(db, { workspaceId }, window, { instant: now, lastDate: today }, 'UTC'),
      'weekly review build': (db: ReturnType<typeof createDb>) => buildReviewFigures(db, workspace, weekStart),
      'backlog page (50 by ICE)': (db: ReturnType<typeof createDb>) =>
        listHypotheses(db, workspaceId, { sort: 'score', limit: 50 }),
    };
    const report: string[] = [];
    for (const [name, job] of Object.entries(jobs)) {
      const recorder = recordingD1(env.DB);
      await job(createDb(recorder.db));
      const { rowsRead } = await costOf(env.DB, recorder.statements);
      report.push(
        `${name.padEnd(42)} ${String(recorder.statements.length).padStart(3)} queries ${String(rowsRead).padStart(8)} rows read`,
      );
    }
    console.log(
      `[rhythm bench] D1 rows read (workspace: ${CLOSED} closed, ${RUNNING} running, ${CLOSED * SNAPSHOTS_PER_CYCLE + RUNNING * SNAPSHOTS_PER_CYCLE} snapshots, ${BACKLOG} backlog ideas)\n${report.join('\n')}`,
    );
    const db = createDb(env.DB);
    await bench.compare(
      ...Object.entries(jobs).map(([name, job]) =>
        bench(name, async () => {
          await job(db);
        }),
      ),
      // Seconds per call on a big workspace: a handful of samples is enough to compare them.
      { iterations: 8, time: 0, warmupIterations: 1, warmupTime: 0 },
    );
  },
);
