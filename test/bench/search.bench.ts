/**
 * Search at scale (`npm run bench`; nothing here asserts a duration): one search page against the ranked
 * backlog page on a workspace of 100,000 hypotheses, in the same run, and their ratio (issue 14's target: a
 * search page costs no more than 2× the backlog page). Runs inside workerd on the real local D1 (the `api`
 * project); skipped in the Node project. The seed is one INSERT … SELECT over a recursive CTE per 20,000 rows:
 * the insert triggers of migration 0013 fill search_docs and the FTS5 index as any writer would.
 */
import { test } from 'vitest';
import { createDb, type Db } from '../../worker/db';
import { listHypotheses } from '../../worker/hypotheses/queries';
import { searchRecords } from '../../worker/search/queries';

const inWorkerd = typeof navigator !== 'undefined' && navigator.userAgent === 'Cloudflare-Workers';
const HYPOTHESES = 100_000;
const PER_STATEMENT = 20_000;
/** Every title carries one of these; `walrus` is rare (1 in 1,000), `banner` common (1 in 8). */
const WORDS = ['banner', 'checkout', 'shipping', 'retargeting', 'bundle', 'pricing', 'onboarding', 'referral'];

type Env = { DB: D1Database };

async function seed(env: Env) {
  const { createWorkspace } = await import('../../worker/workspaces/create');
  const { workspaceId, memberId } = await createWorkspace(createDb(env.DB), {
    workspace: `Search bench ${crypto.randomUUID()}`,
    name: 'Bench',
    email: `search-bench-${crypto.randomUUID()}@example.com`,
    password: 'bench password 2026',
  });
  const word = `CASE n % ${WORDS.length} ${WORDS.map((w, i) => `WHEN ${i} THEN '${w}'`).join(' ')} END`;
  const started = Date.now();
  for (let from = 0; from < HYPOTHESES; from += PER_STATEMENT) {
    await env.DB.prepare(
      `WITH RECURSIVE seq(n) AS (SELECT ?1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?2)
       INSERT INTO hypotheses (id, workspace_id, title, change, audience, rationale, tags, status, ice_score,
         impact, confidence, ease, author_id)
       SELECT lower(hex(randomblob(16))), ?3,
         'Idea ' || n || ': ' || ${word} || CASE WHEN n % 1000 = 0 THEN ' walrus' ELSE '' END,
         'Change the ' || ${word} || ' for segment ' || (n % 97), 'Returning visitors on mobile',
         'Exit surveys and session recordings point at friction number ' || (n % 13), '["q' || (n % 4) || '"]',
         'backlog', 1 + (n % 90) / 10.0, 1 + n % 10, 1 + (n / 10) % 10, 1 + (n / 100) % 10, ?4
       FROM seq`,
    )
      .bind(from + 1, Math.min(from + PER_STATEMENT, HYPOTHESES), workspaceId, memberId)
      .run();
  }
  console.log(`[search bench] seeded ${HYPOTHESES.toLocaleString('en')} hypotheses in ${Date.now() - started} ms`);
  return { workspaceId };
}

test.skipIf(!inWorkerd)(
  'search page against the ranked backlog page on 100,000 hypotheses',
  { timeout: 900_000 },
  async ({ bench }) => {
    const { env } = (await import(/* @vite-ignore */ 'cloudflare:test' as string)) as { env: Env };
    const { recordingD1, costOf } = await import('../api/support/recording-d1');
    const { workspaceId } = await seed(env);
    const search = (q: string) => (db: Db) => searchRecords(db, workspaceId, { q, limit: 20, offset: 0 });
    const jobs = {
      'backlog page (50 by ICE)': (db: Db) => listHypotheses(db, workspaceId, { sort: 'score', limit: 50 }),
      'search page (20), common word, 12,500 hits': search('banner'),
      'search page (20), two words + prefix': search('checkout segm'),
      'search page (20), rare word, 100 hits': search('walrus'),
    };
    const report: string[] = [];
    for (const [name, job] of Object.entries(jobs)) {
      const recorder = recordingD1(env.DB);
      const result = await job(createDb(recorder.db));
      const found = 'items' in result ? result.items.length : result.hits.length;
      const { rowsRead } = await costOf(env.DB, recorder.statements);
      report.push(`${name.padEnd(44)} ${String(found).padStart(3)} items ${String(rowsRead).padStart(8)} rows read`);
    }
    console.log(`[search bench] D1 rows read (${HYPOTHESES.toLocaleString('en')} hypotheses)\n${report.join('\n')}`);
    const db = createDb(env.DB);
    const results = await bench.compare(
      ...Object.entries(jobs).map(([name, job]) =>
        bench(name, async () => {
          await job(db);
        }),
      ),
      { iterations: 60, time: 0, warmupIterations: 5, warmupTime: 0 },
    );
    // The median, not the mean: on a shared machine a few slow samples would decide the ratio.
    const median = (name: string) =>
      (results.get(name as never) as unknown as { latency: { p50: number } }).latency.p50;
    const backlog = median('backlog page (50 by ICE)');
    console.log(
      `[search bench] cost of a search page in backlog pages (target ≤ 2×):\n${Object.keys(jobs)
        .slice(1)
        .map(
          (name) =>
            `${name.padEnd(44)} ${(median(name) / backlog).toFixed(2)}× (${median(name).toFixed(1)} ms vs ${backlog.toFixed(1)} ms)`,
        )
        .join('\n')}`,
    );
  },
);
