import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, ApiUser, axe, liveApp, PASSWORD, screenshot, signIn } from './support/server';

/**
 * The Monday meeting on a 360 px phone, in real Chromium against `wrangler dev`: a lead reads the program view,
 * builds last week's review, writes the narrative and publishes it; a viewer reads it and downloads the
 * Markdown; the lead starts an insight and cites a closed test, previewing the pooled lift before citing.
 */
const live = liveApp();

async function phone360(browser: Browser, base: string): Promise<Page> {
  const ctx = await browser.newContext({
    baseURL: base,
    viewport: { width: 360, height: 780 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    acceptDownloads: true,
  });
  ctx.setDefaultTimeout(15_000);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

async function checkScreen(page: Page) {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    'no sideways scroll at 360 px',
  ).toBeLessThanOrEqual(360);
  expect(await axe(page)).toEqual([]);
  expect((page as Page & { errors: string[] }).errors).toEqual([]);
}

/** Signs in through the UI; the signed-out probe's expected 401 before it is not a screen error. */
async function signInAs(page: Page, email: string) {
  await signIn(page, email);
  (page as Page & { errors: string[] }).errors.length = 0;
}

/** Two tests run and closed through the API today: one shipped as its rule said, one iterated against its rule. */
async function arrangeHistory(lead: ApiUser) {
  const metrics = (await lead.request('GET', '/api/metrics')).body.items as { id: string; name: string }[];
  const channels = (await lead.request('GET', '/api/channels')).body.items as { id: string; name: string }[];
  const metric = (name: string) => metrics.find((m) => m.name === name)!.id;
  const date = new Date().toISOString().slice(0, 10);
  const run = async (title: string, conversions: [number, number], decision: 'ship' | 'iterate', reason?: string) => {
    const h = await lead.request('POST', '/api/hypotheses', {
      title,
      channelId: channels.find((c) => c.name === 'Paid social')!.id,
      lever: 'creative',
      tags: ['urgency'],
    });
    const c = await lead.request('POST', '/api/cycles', {
      hypothesisId: h.body.id,
      name: title,
      variants: [
        { key: 'control', name: 'Control', weight: 1 },
        { key: 'b', name: 'Countdown', weight: 1 },
      ],
      decisionRule: {
        primaryMetricId: metric('Conversion rate'),
        method: 'frequentist',
        alpha: 0.05,
        minDays: 0,
        plannedSampleSizePerVariant: 5000,
      },
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect((await lead.request('POST', `/api/cycles/${c.body.id}/launch`, {})).status).toBe(200);
    const cr = metric('Conversion rate');
    await lead.request('POST', `/api/cycles/${c.body.id}/snapshots`, {
      snapshots: [
        { metricId: cr, variantKey: 'control', date, units: 6000, conversions: conversions[0] },
        { metricId: cr, variantKey: 'b', date, units: 6000, conversions: conversions[1] },
      ],
    });
    const closed = await lead.request('POST', `/api/cycles/${c.body.id}/close`, {
      decision,
      ...(reason ? { overrideReason: reason } : {}),
      learning: { summary: `${title}: what we saw` },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  };
  await run('Countdown timer on paid social', [300, 420], 'ship');
  await run('Countdown in the ad copy', [300, 330], 'iterate', 'The copy was off-brand; retry with softer wording');
}

describe('the weekly rhythm on a phone', () => {
  it('a lead reads the program, publishes the weekly review; a viewer downloads it; evidence pools in an insight', async () => {
    const { base } = live.server;
    const admin = new ApiUser(base);
    const setup = await admin.request('POST', '/api/auth/setup', {
      workspace: 'Rhythm Outdoor',
      name: 'Ada Admin',
      email: 'ada@rhythm.test',
      password: PASSWORD,
    });
    expect(setup.status, JSON.stringify(setup.body)).toBeLessThan(300);
    await admin.login('ada@rhythm.test', PASSWORD);
    await addMember(admin, 'lena@rhythm.test', 'Lena Lead', 'lead');
    await addMember(admin, 'sam@rhythm.test', 'Sam Stakeholder', 'viewer');
    await arrangeHistory(await new ApiUser(base).login('lena@rhythm.test', PASSWORD));

    // The lead opens the program view from the tab bar.
    const lead = await phone360(live.browser, base);
    await signInAs(lead, 'lena@rhythm.test');
    await lead.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Program' }).click();
    await lead.getByRole('heading', { name: 'Program', level: 1 }).waitFor();
    await expect(lead.getByTestId('followed-rule').textContent()).resolves.toContain('50% (1 of 2)');
    await lead.getByText(/retry with softer wording/).waitFor();
    await lead.getByRole('heading', { name: 'Needs attention' }).waitFor();
    await screenshot(lead, 'program-01-lead-program-view');
    await checkScreen(lead);

    // Last week's review: built on demand, narrative written, published.
    await lead.getByRole('link', { name: 'Weekly reviews' }).click();
    await lead.getByText(/No review yet/).waitFor();
    await lead.getByRole('button', { name: 'Build review' }).click();
    await lead.getByRole('heading', { name: /^Week of / }).waitFor();
    const narrative = 'Countdown timers won on paid social; rolling out. Next: test urgency on search.';
    await lead.getByLabel('What changed, what we do next').fill(narrative);
    await lead.getByRole('button', { name: 'Save narrative' }).click();
    await lead.getByText('Narrative saved').waitFor();
    await screenshot(lead, 'review-01-lead-writes-narrative');
    await checkScreen(lead);
    await lead.getByRole('button', { name: 'Publish' }).click();
    await lead.locator('.status', { hasText: 'Published' }).waitFor();
    await lead.getByText(narrative).waitFor();
    await screenshot(lead, 'review-02-lead-published');

    // A stakeholder reads it and downloads the Markdown.
    const viewer = await phone360(live.browser, base);
    await signInAs(viewer, 'sam@rhythm.test');
    await viewer.goto('/reviews');
    await viewer.getByTestId('review-card').first().click();
    await viewer.getByText(narrative).waitFor();
    await expect(viewer.getByLabel('What changed, what we do next').count()).resolves.toBe(0);
    const [download] = await Promise.all([
      viewer.waitForEvent('download'),
      viewer.getByRole('link', { name: 'Download Markdown' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^hadi-review-\d{4}-\d{2}-\d{2}\.md$/);
    const markdown = await readFile((await download.path())!, 'utf8');
    expect(markdown).toContain('# Weekly review — Rhythm Outdoor');
    expect(markdown).toContain(narrative);
    expect(markdown).toContain('## Proposed next actions');
    await screenshot(viewer, 'review-03-viewer-reads');
    await checkScreen(viewer);

    // Evidence that compounds: the lead writes an insight and cites both tests, previewing the pooled lift.
    await lead.goto('/insights');
    await lead.getByText('New insight').click();
    await lead.getByLabel('Claim in one line').fill('Urgency lifts conversion on paid social');
    await lead.getByLabel('Tags (comma separated)').fill('urgency');
    await lead.getByRole('button', { name: 'Create and cite tests' }).click();
    await lead.getByRole('heading', { name: 'Urgency lifts conversion on paid social' }).waitFor();
    for (const name of ['Countdown timer on paid social', 'Countdown in the ad copy']) {
      const picker = lead.locator('select[name=cycleId]');
      await picker.selectOption((await picker.locator('option', { hasText: name }).getAttribute('value'))!);
      await lead.getByTestId('cite-preview').waitFor();
      await lead.getByRole('button', { name: 'Cite test' }).click();
      await lead.getByTestId('citation').filter({ hasText: name }).waitFor();
    }
    await lead.getByRole('heading', { name: /Pooled lift: \+\d+\.\d% .* over 2 tests/ }).waitFor();
    await expect(lead.getByTestId('heterogeneity').textContent()).resolves.toMatch(/I² = \d+%/);
    await screenshot(lead, 'insight-01-lead-pools-two-tests');
    await checkScreen(lead);
  });
});
