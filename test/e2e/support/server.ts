import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { freePort, type Server, startServer } from '../../../scripts/local-server';

const ROOT = resolve(import.meta.dirname, '../../..');

export { freePort, type Server, startServer };

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
export function liveApp(options: { seed?: boolean } = {}) {
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

/**
 * Problems found on each screen state, asserted once at the end of a file: axe violations (light and dark) and
 * sideways scrolling at 360 px; every check also leaves a screenshot (`prefix` numbers them in order).
 */
export function screenAudit(prefix?: string) {
  const found: Record<string, unknown> = {};
  let shots = 0;
  async function check(page: Page, name: string) {
    await page.waitForTimeout(150);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const violations = await axe(page);
      if (violations.length) found[`${name} (${colorScheme})`] = violations;
    }
    await page.emulateMedia({ colorScheme: 'light' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) found[`${name} (scrolls ${overflow}px sideways at 360px)`] = true;
    await screenshot(page, prefix ? `${prefix}-${String(++shots).padStart(2, '0')}-${name}` : name);
  }
  return { found, check };
}
