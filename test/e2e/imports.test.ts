import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, ApiUser, liveApp, PASSWORD, screenshot, signIn } from './support/server';

/**
 * Results in from ad platforms on a 360 px phone, in real Chromium against `wrangler dev`: a lead picks a Google Ads
 * export, maps its campaigns to variants, previews the totals, imports, and sees the analysis update; then a Meta
 * export mapped by ad name; then a file shared to Hadi (Web Share Target) through the service worker.
 */
const live = liveApp();
const FIXTURES = 'test/fixtures/imports';
const expected = JSON.parse(readFileSync(`${FIXTURES}/expected.json`, 'utf8')).files;
const fixture = (name: string) => `${FIXTURES}/${name}`;
type Ids = { cycleId: string; metaCycleId: string };

async function arrange(): Promise<Ids> {
  const admin = new ApiUser(live.server.base);
  const setup = await admin.request('POST', '/api/auth/setup', {
    workspace: 'Acme Growth',
    name: 'Ada Admin',
    email: 'admin@acme.test',
    password: PASSWORD,
  });
  expect(setup.status, JSON.stringify(setup.body)).toBeLessThan(300);
  await addMember(admin, 'leo@acme.test', 'Leo Lead', 'lead');
  const metrics = (await admin.request('GET', '/api/metrics')).body.items as { id: string; name: string }[];
  const metric = (name: string) => metrics.find((m) => m.name === name)!.id;
  const ccr = await admin.request('POST', '/api/metrics', {
    name: 'Click conversion rate',
    kind: 'proportion',
    unit: 'click',
    direction: 'increase',
    costFormula: null,
    description: 'Purchases per ad click',
    archived: false,
  });
  const cycle = async (name: string) => {
    const h = await admin.request('POST', '/api/hypotheses', { title: `${name}: a better ad` });
    const c = await admin.request('POST', '/api/cycles', {
      hypothesisId: h.body.id,
      name,
      variants: [
        { key: 'control', name: 'Control', weight: 1 },
        { key: 'b', name: 'Challenger', weight: 1 },
      ],
      secondaryMetricIds: [metric('Click-through rate')],
      decisionRule: {
        primaryMetricId: ccr.body.id,
        method: 'frequentist',
        alpha: 0.05,
        minRelativeLift: 0.02,
        guardrails: [{ metricId: metric('CPA'), maxWorsening: 0.1, scale: 'relative' }],
        minDays: 0,
      },
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect((await admin.request('POST', `/api/cycles/${c.body.id}/launch`, {})).status).toBe(200);
    return c.body.id as string;
  };
  return { cycleId: await cycle('Search headlines'), metaCycleId: await cycle('Meta video hooks') };
}

async function phone360(): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await live.browser.newContext({
    baseURL: live.server.base,
    viewport: { width: 360, height: 780 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    serviceWorkers: 'allow',
  });
  ctx.setDefaultTimeout(15_000);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  (page as any).consoleErrors = errors;
  return { ctx, page };
}

const noSidewaysScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
/** The test screen's cost of learning, in the workspace currency (EUR) as the PWA formats it. */
const spendText = (x: number) =>
  new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: Math.abs(x) < 100 ? 2 : 0,
  }).format(x);

describe('importing ad-platform exports on a phone', () => {
  let ids: Ids;

  it('Google Ads: pick the file, map campaigns, preview, import, see the analysis update', async () => {
    ids = await arrange();
    const { page } = await phone360();
    await signIn(page, 'leo@acme.test');
    await page.goto(`/cycles/${ids.cycleId}`);
    await page.getByTestId('verdict').waitFor();
    await expect(page.getByText(/Spend so far/).count()).resolves.toBe(0);
    await page.getByTestId('import-link').click();
    await page.getByRole('heading', { name: 'Import from ad platform' }).waitFor();
    await noSidewaysScroll(page);
    await screenshot(page, 'imports-01-pick');

    await page.getByTestId('import-file').setInputFiles(fixture('google-title-lines.csv'));
    await expect(page.getByTestId('import-platform').textContent()).resolves.toContain('Google Ads');
    await page.getByLabel(/Brand - Control/).selectOption('control');
    await page.getByLabel(/Brand - New headlines/).selectOption('b');
    const want = expected['google-title-lines.csv'];
    const totals = page.getByTestId('import-totals');
    await totals.getByText(`${want.totals.b.clicks.toLocaleString('en-US')} clicks`, { exact: false }).waitFor();
    await page.locator('details.daily').first().locator('summary').click();
    await noSidewaysScroll(page);
    await screenshot(page, 'imports-02-google-preview');

    await page.getByTestId('import-submit').click();
    await page.waitForURL(new RegExp(`/cycles/${ids.cycleId}$`));
    await page.getByText(/Imported from Google Ads: 42 new results, 0 replaced/).waitFor();
    const spend = want.totals.control.spend + want.totals.b.spend;
    await page.getByText(`${spendText(spend)} spent on this test`).waitFor();
    await noSidewaysScroll(page);
    await screenshot(page, 'imports-03-google-analysis');
    expect((page as any).consoleErrors).toEqual([]);

    // The mapping is remembered for this test: importing the same file again maps itself and creates nothing.
    await page.goto(`/cycles/${ids.cycleId}/import`);
    await page.getByTestId('import-file').setInputFiles(fixture('google-title-lines.csv'));
    await expect(page.getByLabel(/Brand - Control/).inputValue()).resolves.toBe('control');
    await page.getByTestId('import-submit').click();
    await page.getByText(/0 new results, 0 replaced/).waitFor();
  });

  it('Meta: ads mapped by name, an unmapped ad skipped and said so, analysis updated', async () => {
    const { page } = await phone360();
    await signIn(page, 'leo@acme.test');
    await page.goto(`/cycles/${ids.metaCycleId}/import`);
    await page.getByTestId('import-file').setInputFiles(fixture('meta-bom-currency-header.csv'));
    await expect(page.getByTestId('import-platform').textContent()).resolves.toMatch(/Meta Ads.*amounts in EUR/);
    await page.getByLabel(/Video - hook A/).selectOption('control');
    await page.getByLabel(/Video - hook B/).selectOption('b');
    await page
      .getByTestId('import-skipped')
      .getByText(/7 rows belong to no variant/)
      .waitFor();
    await noSidewaysScroll(page);
    await screenshot(page, 'imports-04-meta-preview');
    await page.getByTestId('import-submit').click();
    await page.waitForURL(new RegExp(`/cycles/${ids.metaCycleId}$`));
    await page.getByText(/Imported from Meta Ads: 42 new results, 0 replaced, 7 rows skipped/).waitFor();
    const want = expected['meta-bom-currency-header.csv#ads-only'];
    await page.getByText(`${spendText(want.totals.control.spend + want.totals.b.spend)} spent on this test`).waitFor();
    await screenshot(page, 'imports-05-meta-analysis');
  });

  it('a bad file names its line and column; a file in another currency is refused before sending', async () => {
    const { page } = await phone360();
    await signIn(page, 'leo@acme.test');
    await page.goto(`/cycles/${ids.cycleId}/import`);
    await page.getByTestId('import-file').setInputFiles(fixture('bad-not-a-number.csv'));
    await page.getByTestId('import-problems').getByText("Line 7, Cost: not a number: 'abc'").waitFor();
    await page.getByTestId('import-file').setInputFiles(fixture('tiktok-total-row.csv'));
    await page.getByText(/This file is in USD but the workspace reports in EUR/).waitFor();
    await noSidewaysScroll(page);
    await screenshot(page, 'imports-06-problems');
  });

  it('Share → Hadi: the service worker keeps the shared file and the app opens on it', async () => {
    const { page } = await phone360();
    await signIn(page, 'leo@acme.test');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    });
    const manifest = await (await page.request.get('/manifest.webmanifest')).json();
    expect(manifest.share_target).toMatchObject({ action: '/share-target', method: 'POST' });
    const csv = readFileSync(fixture('google-title-lines.csv'), 'utf8');
    // What Android does on "Share → Hadi": a multipart POST of the file to the share target, as a navigation.
    await page.evaluate((text) => {
      const form = document.createElement('form');
      form.method = 'POST';
      form.action = '/share-target';
      form.enctype = 'multipart/form-data';
      const input = document.createElement('input');
      input.type = 'file';
      input.name = 'file';
      const files = new DataTransfer();
      files.items.add(new File([text], 'Campaign report.csv', { type: 'text/csv' }));
      input.files = files.files;
      form.appendChild(input);
      document.body.appendChild(form);
      form.submit();
    }, csv);
    await page.waitForURL(/\/import\?shared=1$/);
    await page.getByTestId('shared-file').getByText('Campaign report.csv').waitFor();
    await screenshot(page, 'imports-07-shared');
    await page.getByRole('link', { name: 'Search headlines' }).click();
    await expect(page.getByTestId('import-platform').textContent()).resolves.toContain('Google Ads');
    await page.getByLabel(/Brand - Control/).selectOption('control');
    await page.getByTestId('import-totals').waitFor();
  });
});
