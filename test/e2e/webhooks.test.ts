import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiUser,
  launchBrowser,
  PASSWORD,
  phone,
  type Server,
  screenAudit,
  signIn,
  startServer,
} from './support/server';

/**
 * An admin on a 360 px phone registers a webhook in Admin → Webhooks (field errors first), copies the secret shown
 * once, a test is launched, and a receiver in this process gets the delivery through wrangler dev's local Queue and
 * verifies its signature with the copied secret; the delivery log then shows it, and the endpoint is deleted.
 * Every state passes axe (light and dark) with no sideways scrolling.
 */
type Delivery = { body: string; signature: string };
const received: Delivery[] = [];
let receiver: HttpServer;
let hookUrl = '';
let server: Server;
let browser: Browser;
const { found, check } = screenAudit('webhooks');

beforeAll(async () => {
  mkdirSync('test-artifacts/screens', { recursive: true });
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['hadi-signature'] ?? '') });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const address = receiver.address();
  hookUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hadi`;
  [server, browser] = await Promise.all([startServer({ vars: { WEBHOOKS_ALLOW_LOOPBACK: '1' } }), launchBrowser()]);
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => receiver?.close(r));
});

/** A draft test with a decision rule, made through the API, and launched. */
async function launchATest(admin: ApiUser) {
  const metrics = (await admin.request('GET', '/api/metrics')).body.items as { id: string; name: string }[];
  const cr = metrics.find((m) => m.name === 'Conversion rate')!.id;
  const idea = await admin.request('POST', '/api/hypotheses', { title: 'Urgency copy on the checkout page' });
  const cycle = await admin.request('POST', '/api/cycles', {
    hypothesisId: idea.body.id,
    name: 'Urgency copy A/B',
    variants: [
      { key: 'control', name: 'Control', weight: 1 },
      { key: 'urgency', name: 'Urgency', weight: 1 },
    ],
    decisionRule: { primaryMetricId: cr, method: 'frequentist', alpha: 0.05, minRelativeLift: 0.02, minDays: 0 },
  });
  expect(cycle.status, JSON.stringify(cycle.body)).toBe(201);
  expect((await admin.request('POST', `/api/cycles/${cycle.body.id}/launch`, {})).status).toBe(200);
  return cycle.body as { id: string };
}

describe('Admin → Webhooks on a phone', () => {
  it('registers an endpoint, shows the secret once, and the receiver verifies a real delivery', async () => {
    const email = 'ada@example.com';
    const admin = new ApiUser(server.base);
    const setup = await admin.request('POST', '/api/auth/setup', {
      workspace: 'Hooked',
      name: 'Ada Admin',
      email,
      password: PASSWORD,
    });
    expect(setup.status).toBe(201);
    await admin.login(email, PASSWORD);

    const ctx = await phone(browser, server.base);
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    page.on('pageerror', (e) => (found[`page error: ${e.message}`] = true));
    await signIn(page, email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
    await page
      .locator('main')
      .getByRole('link', { name: /^Admin/ })
      .click();
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByText('No endpoints yet').waitFor();
    await check(page, 'empty');

    await page.getByRole('button', { name: '+ New endpoint' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByRole('button', { name: 'Register endpoint' }).click();
    await dialog.getByText('Events: choose at least one event').first().waitFor();
    await dialog.getByLabel('URL (https)').fill('http://10.0.0.5/hook');
    await dialog.getByLabel(/A test is launched/).check();
    await dialog.getByRole('button', { name: 'Register endpoint' }).click();
    await dialog.getByText('URL: must be an https:// URL').first().waitFor();
    await check(page, 'field-errors');

    await dialog.getByLabel('URL (https)').fill(hookUrl);
    await dialog.getByRole('button', { name: 'Register endpoint' }).click();
    const secretField = dialog.getByTestId('webhook-secret');
    await secretField.waitFor();
    await dialog.getByRole('button', { name: 'Copy' }).click();
    const secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toMatch(/^whsec_/);
    expect(await secretField.inputValue()).toBe(secret);
    await check(page, 'secret-once');
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    const row = page.getByTestId('webhook-row');
    await row.getByText('no delivery yet').waitFor();
    expect(await row.textContent()).not.toContain(secret);

    const cycle = await launchATest(admin);
    for (let i = 0; i < 100 && received.length === 0; i++) await page.waitForTimeout(200);
    expect(received).toHaveLength(1);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(received[0]!.signature) ?? [];
    const mac = createHmac('sha256', secret).update(`${t}.${received[0]!.body}`).digest();
    expect(timingSafeEqual(mac, Buffer.from(v1 ?? '', 'hex'))).toBe(true);
    expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(300);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'cycle.launched', data: { cycle: { id: cycle.id } } });

    await page.reload();
    await row.getByRole('button', { name: 'Deliveries' }).click();
    await row.getByTestId('delivery-log').getByText('Delivered').waitFor();
    await row
      .getByText(/HTTP 200/)
      .first()
      .waitFor();
    await check(page, 'delivery-log');

    await row.getByRole('button', { name: /^Delete / }).click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Delete endpoint' }).click();
    await page.getByText('No endpoints yet').waitFor();
    expect((await admin.request('GET', '/api/webhooks')).body.items).toEqual([]);
    expect(found).toEqual({});
  });
});
