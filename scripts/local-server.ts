// `wrangler dev` on a fresh local D1 serving the built PWA and the API on one origin, as in production.
// Used by the end-to-end tests and the API benchmark.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');
const ENV = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * A migrated (and, when asked, seeded) local D1, made once per set of migrations and seed scripts and day, then
 * copied for every server: migrating and seeding is most of a server's start-up, and every e2e file starts one.
 */
async function databaseTemplate(seed: boolean): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of ['db/migrations', 'scripts/seed']) {
    for (const file of (await readdir(join(ROOT, folder))).filter((f) => /\.(sql|ts)$/.test(f)).sort()) {
      hash.update(file).update(await readFile(join(ROOT, folder, file)));
    }
  }
  hash.update(new Date().toISOString().slice(0, 10)); // the demo's dates are relative to today
  const template = join(tmpdir(), `hadi-db-${seed ? 'demo' : 'empty'}-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(template)) return template;
  // Built aside and renamed into place, so a concurrent run never copies a half-made database.
  const building = await mkdtemp(join(tmpdir(), 'hadi-db-building-'));
  await migrateAndSeed(building, seed);
  await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
  return template;
}

async function migrateAndSeed(dir: string, seed: boolean) {
  mkdirSync(dir, { recursive: true });
  await promisify(execFile)(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir], {
    cwd: ROOT,
    env: ENV,
  });
  // The demo workspace (npm run seed) for tests that start from a lived-in team rather than first-run setup.
  // Its local workerd proxy sometimes drops the connection on a loaded machine, half-way through; then the
  // database is wiped, migrated again and seeded again (three tries).
  for (let attempt = 1; seed; attempt++) {
    const seeded = await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/seed/run.ts'], {
      cwd: ROOT,
      env: { ...ENV, HADI_PERSIST_TO: dir },
    }).then(
      () => true,
      (err) => {
        if (attempt >= 3) throw err;
        return false;
      },
    );
    if (seeded) break;
    await rm(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await promisify(execFile)(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir], {
      cwd: ROOT,
      env: ENV,
    });
  }
}

/** `pid` is wrangler's: the processes it starts are its descendants. */
export type Server = { base: string; pid: number | undefined; stop(): Promise<void>; log(): string };

/** The built PWA and the API served by `wrangler dev` on a fresh local D1, like production (one origin). */
export async function startServer(options: { vars?: Record<string, string>; seed?: boolean } = {}): Promise<Server> {
  if (!existsSync(join(ROOT, 'web/dist/index.html')) || !existsSync(join(ROOT, 'web/dist/sw.js'))) {
    throw new Error('web/dist is not built: run `npm run build` first (npm test does)');
  }
  const dir = await mkdtemp(join(tmpdir(), 'hadi-e2e-'));
  await cp(await databaseTemplate(Boolean(options.seed)), dir, { recursive: true });
  // A free port can be taken by another server between picking it and wrangler binding it: pick again.
  for (let attempt = 1; ; attempt++) {
    const launched = await launch(dir, options.vars ?? {});
    if (launched.ok) return serving(launched, dir);
    if (!/Address already in use/.test(launched.log()) || attempt >= 3) {
      throw new Error(`wrangler dev exited:\n${launched.log()}`);
    }
  }
}

type Launched = { ok: boolean; child: ChildProcess; base: string; log(): string };

async function launch(dir: string, vars: Record<string, string>): Promise<Launched> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    WRANGLER,
    [
      'dev',
      '--local',
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      dir,
      '--show-interactive-dev-session=false',
      '--inspector-port',
      String(await freePort()),
      ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
    ],
    {
      cwd: ROOT,
      env: ENV,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const base = `http://localhost:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) return { ok: false, child, base, log: () => output };
    const ok = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { ok: true, child, base, log: () => output };
    if (Date.now() > deadline) throw new Error(`wrangler dev did not answer /api/health in 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function serving({ child, base, log }: Launched, dir: string): Server {
  return {
    base,
    pid: child.pid,
    log,
    async stop() {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {}
        await new Promise((r) => setTimeout(r, 500));
        try {
          if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
