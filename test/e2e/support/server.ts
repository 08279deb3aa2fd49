import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');
const ENV = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

export type Server = { base: string; stop(): Promise<void>; log(): string };

/** The built PWA and the API served by `wrangler dev` on a fresh local D1, like production (one origin). */
export async function startServer(options: { seedDemo?: boolean } = {}): Promise<Server> {
  if (!existsSync(join(ROOT, 'web/dist/index.html')) || !existsSync(join(ROOT, 'web/dist/sw.js'))) {
    throw new Error('web/dist is not built: run `npm run build` first (npm test does)');
  }
  const migrate = (to: string) =>
    promisify(execFile)(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', to], {
      cwd: ROOT,
      env: ENV,
    });
  let dir = await mkdtemp(join(tmpdir(), 'hadi-e2e-'));
  await migrate(dir);
  // The demo workspace (npm run seed), for tests that start from what a newcomer sees. A seed that dies midway
  // (it happens on a busy machine) leaves a half-seeded database, so a retry starts over on a fresh one.
  for (let attempt = 1; options.seedDemo; attempt++) {
    try {
      await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/seed/run.ts'], {
        cwd: ROOT,
        env: { ...ENV, HADI_PERSIST_TO: dir },
      });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      await rm(dir, { recursive: true, force: true });
      dir = await mkdtemp(join(tmpdir(), 'hadi-e2e-'));
      await migrate(dir);
    }
  }
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
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`wrangler dev did not answer /api/health in 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    base,
    log: () => output,
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

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A phone: 390×844, touch, mobile. */
export async function phone(browser: Browser, base: string): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    baseURL: base,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    serviceWorkers: 'allow',
  });
  ctx.setDefaultTimeout(15_000);
  return ctx;
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(ROOT, 'test-artifacts/screens', `${name}.png`), fullPage: true });
}

/** A minimal API client for arranging and asserting, with the session cookie carried by hand. */
export class ApiUser {
  private cookie = '';
  constructor(readonly base: string) {}
  async request<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }
  async login(email: string, password: string) {
    const res = await this.request('POST', '/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return this;
  }
}

export const PASSWORD = 'correct-horse-battery';

/** Admin invites someone with a role; they accept with a password. */
export async function addMember(
  admin: ApiUser,
  email: string,
  name: string,
  role: 'viewer' | 'member' | 'lead' | 'admin',
) {
  const invite = await admin.request<{ inviteToken: string }>('POST', '/api/members', { email, name, role });
  if (invite.status !== 201) throw new Error(`invite ${email}: ${invite.status} ${JSON.stringify(invite.body)}`);
  const accepted = await new ApiUser(admin.base).request('POST', '/api/auth/accept-invite', {
    token: invite.body.inviteToken,
    password: PASSWORD,
  });
  if (accepted.status !== 200) throw new Error(`accept ${email}: ${accepted.status} ${JSON.stringify(accepted.body)}`);
}

/** Signs in through the UI. */
export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Backlog' }).waitFor();
}

let axeSource: string | undefined;
/** axe-core on the current screen; returns serious and critical violations. */
export async function axe(page: Page) {
  axeSource ??= await readFile(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource); // evaluated over CDP: the app's CSP forbids inline scripts, rightly
  const results = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')),
    }));
  });
  return (results as { id: string; impact: string; help: string; nodes: string[] }[]).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
}

/** One server and one browser for the calling test file: started before its tests, stopped after. */
export function liveApp(options: { seedDemo?: boolean } = {}) {
  const live = {} as { server: Server; browser: Browser };
  beforeAll(async () => {
    mkdirSync('test-artifacts/screens', { recursive: true });
    [live.server, live.browser] = await Promise.all([startServer(options), launchBrowser()]);
  }, 420_000); // seeding the demo first takes a while on a busy machine
  afterAll(async () => {
    await live.browser?.close();
    await live.server?.stop();
  });
  return live;
}
