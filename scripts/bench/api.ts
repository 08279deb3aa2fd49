// `npm run bench:api`: the real Worker (`wrangler dev`, local D1) seeded through its own API, then loaded with
// autocannon at 50 connections. Prints, from one run, requests per second as a ratio to the bare route,
// p50/p99 latency, and what each request costs in D1 (round trips, statements, rows read and written, from
// the X-D1-* headers the Worker adds with HADI_METER=1). Ratios travel between machines; absolute times don't.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { startServer } from '../local-server';
import { Api, seedWorkload } from './api-seed';
import { type CpuByRole, cpuByRole, ROLES } from './process-cpu';

const ROOT = resolve(import.meta.dirname, '../..');
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const scale = {
  hypotheses: Number(process.env.BENCH_HYPOTHESES ?? 10_000),
  cycles: Number(process.env.BENCH_CYCLES ?? 500),
  learnings: Number(process.env.BENCH_LEARNINGS ?? 200),
};

type Case = {
  name: string;
  path: string;
  /** Writes may address a different record per request (request -1 is the sample). */
  pathFor?: (i: number) => string;
  method?: 'GET' | 'POST';
  body?: (i: number) => unknown;
  write?: boolean;
  /** Sent instead of the signed-in session (the floor row: a cookie no session has). */
  cookie?: string;
};

async function main() {
  if (!existsSync(join(ROOT, 'web/dist/index.html'))) throw new Error('web/dist is not built: run `npm run build`');
  const server = await startServer({ vars: { HADI_METER: '1' } });
  try {
    const started = Date.now();
    const world = await seedWorkload(server.base, scale, (line) => process.stdout.write(`\r${line}`.padEnd(60)));
    console.log(`\nseeded through the API in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const cases = casesFor(world);
    const rows = [];
    for (const c of cases) rows.push(await measure(world.api, c, server.pid));
    print(rows, scale);
  } finally {
    await server.stop();
  }
}

function casesFor(world: Awaited<ReturnType<typeof seedWorkload>>): Case[] {
  const { cycleId, hypothesisId, writeCycle } = world;
  return [
    { name: 'bare route (GET /api/health)', path: '/api/health' },
    // The floor of any read: the session lookup is its only work, one D1 query, then a 401.
    { name: 'floor: unknown session (1 D1 query, 401)', path: '/api/hypotheses/none', cookie: 'hadi_session=unknown' },
    { name: 'backlog page (ranked, 25)', path: '/api/hypotheses?sort=score&limit=25' },
    { name: 'hypothesis by id', path: `/api/hypotheses/${hypothesisId}` },
    { name: 'cycle detail', path: `/api/cycles/${cycleId}` },
    { name: 'cycle analysis', path: `/api/cycles/${cycleId}/analysis` },
    { name: 'learning log', path: '/api/learnings?limit=25' },
    { name: 'search (backlog q=)', path: '/api/hypotheses?q=checkout&limit=25' },
    { name: 'program view', path: '/api/program' },
    {
      name: 'create hypothesis',
      path: '/api/hypotheses',
      method: 'POST',
      write: true,
      body: (i) => ({ title: `Load-test idea ${i}`, tags: ['bench'] }),
    },
    {
      name: 'add snapshots (one day, 2 arms)',
      path: '/api/cycles/:id/snapshots',
      pathFor: (i) => `/api/cycles/${writeCycle.id(i)}/snapshots`,
      method: 'POST',
      write: true,
      body: (i) => writeCycle.day(i),
    },
  ];
}

type Row = Case & {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  usage: Record<string, string>;
  /** CPU ms per request, by process (null off Linux). */
  cpu: (CpuByRole & { autocannon: number }) | null;
};

async function measure(api: Api, c: Case, serverPid: number | undefined): Promise<Row> {
  // Reads are sampled on their second call, so a stored result (a cycle's analysis) shows what a view costs.
  const caller = c.cookie ? Object.assign(new Api(api.base), { cookie: c.cookie }) : api;
  if (!c.method) await caller.raw('GET', c.path);
  const sample = await caller.raw(c.method ?? 'GET', c.pathFor?.(-1) ?? c.path, c.body?.(-1));
  const usage = Object.fromEntries(
    ['round-trips', 'statements', 'rows-read', 'rows-written'].map((k) => [k, sample.headers.get(`x-d1-${k}`) ?? '–']),
  );
  if (sample.status === 404) return { ...c, rps: 0, p50: 0, p99: 0, non2xx: 0, usage: { missing: 'yes' }, cpu: null };
  let counter = 0;
  const cpuBefore = serverPid ? cpuByRole(serverPid) : null;
  const ownBefore = process.cpuUsage();
  const result = await autocannon({
    url: `${api.base}${c.path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { cookie: caller.cookie, origin: api.base, 'content-type': 'application/json' },
    requests: [
      {
        method: c.method ?? 'GET',
        ...(c.body && {
          setupRequest: (req: object) => {
            const i = counter++;
            return { ...req, ...(c.pathFor && { path: c.pathFor(i) }), body: JSON.stringify(c.body!(i)) };
          },
        }),
      },
    ],
  });
  const cpuAfter = serverPid ? cpuByRole(serverPid) : null;
  const own = process.cpuUsage(ownBefore);
  const perRequest = (ms: number) => ms / Math.max(1, result.requests.total);
  const cpu =
    cpuBefore && cpuAfter
      ? {
          ...(Object.fromEntries(ROLES.map((r) => [r, perRequest(cpuAfter[r] - cpuBefore[r])])) as CpuByRole),
          autocannon: perRequest((own.user + own.system) / 1000),
        }
      : null;
  return {
    ...c,
    cpu,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: c.cookie ? result.errors : result.non2xx + result.errors,
    usage,
  };
}

function print(rows: Row[], seeded: typeof scale) {
  const bare = rows[0]!.rps;
  console.log(
    `\n${seeded.hypotheses} hypotheses, ${seeded.cycles} cycles, ${seeded.learnings} learnings; ` +
      `${CONNECTIONS} connections, ${SECONDS} s per route\n`,
  );
  console.log(
    '| route | × bare | p50 ms | p99 ms | D1 round trips | statements | rows read | rows written | non-2xx |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    if (r.usage.missing) {
      console.log(`| ${r.name} | not built yet (404) | | | | | | | |`);
      continue;
    }
    const u = r.usage;
    console.log(
      `| ${r.name} | ${(r.rps / bare).toFixed(2)} | ${r.p50} | ${r.p99} | ${u['round-trips']} | ${u.statements} | ` +
        `${u['rows-read']} | ${u['rows-written']} | ${r.non2xx} |`,
    );
  }
  printCpu(rows);
}

/** Which process each route's time goes to: CPU ms per request, by process, over the same load. */
function printCpu(rows: Row[]) {
  const measured = rows.filter((r) => r.cpu);
  if (!measured.length) return;
  console.log('\nCPU ms per request, by process, over the same load:\n');
  console.log(`| route | ${ROLES.join(' | ')} | autocannon |`);
  console.log(`|---|${ROLES.map(() => '---|').join('')}---|`);
  for (const r of measured) {
    const cpu = r.cpu!;
    console.log(
      `| ${r.name} | ${[...ROLES.map((role) => cpu[role]), cpu.autocannon].map((ms) => ms.toFixed(2)).join(' | ')} |`,
    );
  }
}

await main();
