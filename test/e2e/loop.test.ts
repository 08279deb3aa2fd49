import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, ApiUser, axe, liveApp, PASSWORD, phone, screenshot, signIn } from './support/server';

/**
 * The whole HADI loop on a phone, in real Chromium against `wrangler dev`: first-run setup → a member logs a
 * hypothesis → a lead designs and launches the test → results → close with an override reason → a viewer
 * finds the learning. Then accessibility (axe-core) on the main screens and an XSS title rendered as text.
 */
const live = liveApp();
const TITLE = 'Free shipping banner on product pages';
const REASON = 'Peak season ends this week; the early lift is worth taking now';
let cycleUrl = '';
let learningUrl = '';

async function newPage(): Promise<Page> {
  const ctx = await phone(live.browser, live.server.base);
  const page = await ctx.newPage();
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  return page;
}

const synced = (page: Page) => page.getByTestId('pending-count').waitFor({ state: 'detached' });

describe('the HADI loop on a phone', () => {
  it('runs from first setup to a learning a stakeholder can find', async () => {
    // First run: the setup screen creates the workspace and its admin.
    const admin = await newPage();
    await admin.goto('/');
    await admin.getByRole('heading', { name: 'Sign in to Hadi' }).waitFor();
    await screenshot(admin, '01-sign-in');
    await admin.getByRole('button', { name: /Set up a workspace/ }).click();
    await admin.getByLabel('Workspace name').fill('Acme Growth');
    await admin.getByLabel('Your name').fill('Ada Admin');
    await admin.getByLabel('Email').fill('admin@acme.test');
    await admin.getByLabel('Password').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Create workspace' }).click();
    await admin.getByRole('heading', { name: 'Backlog' }).waitFor();
    await admin.getByText(/No hypotheses yet/).waitFor();

    // The admin invites the team (through the API, as the members screen is the admin's).
    const api = await new ApiUser(live.server.base).login('admin@acme.test', PASSWORD);
    await addMember(api, 'mia@acme.test', 'Mia Member', 'member');
    await addMember(api, 'leo@acme.test', 'Leo Lead', 'lead');
    await addMember(api, 'vic@acme.test', 'Vic Viewer', 'viewer');

    // A member logs a hypothesis with the guided form.
    const member = await newPage();
    await signIn(member, 'mia@acme.test');
    await member.getByRole('link', { name: '+ New hypothesis' }).click();
    await member.locator('input[name=title]').fill(TITLE);
    await member.locator('textarea[name=change]').fill('show a free-shipping banner above the fold');
    await member.locator('input[name=audience]').fill('first-time visitors');
    await member.locator('select[name=channelId]').selectOption({ label: 'Paid social' });
    await member.locator('select[name=metricId]').selectOption({ label: 'Conversion rate' });
    await member.locator('select[name=move]').selectOption('increase');
    await member.locator('input[name=expectedImpact]').fill('8');
    await member.locator('textarea[name=rationale]').fill('shipping cost is the top checkout objection');
    await member.locator('select[name=lever]').selectOption('offer');
    await member.locator('#ice-impact').fill('8');
    await member.locator('#ice-confidence').fill('6');
    await member.locator('#ice-ease').fill('9');
    await member.locator('input[name=tags]').fill('shipping, checkout');
    await member.getByText(/^If we show a free-shipping banner/).waitFor();
    await screenshot(member, '02-hypothesis-form');
    await member.getByRole('button', { name: 'Save' }).click();
    const card = member.getByTestId('hypothesis-card').filter({ hasText: TITLE });
    await card.waitFor();
    await synced(member);
    await expect(card.locator('.ice-value').textContent()).resolves.toBe('7.7');
    await screenshot(member, '03-backlog');
    await member.getByRole('button', { name: 'Board by status' }).click();
    await member.getByRole('region', { name: 'Backlog' }).getByText(TITLE).waitFor();
    await screenshot(member, '04-board');

    // The lead designs the test from it and launches it (the rule locks).
    const lead = await newPage();
    await signIn(lead, 'leo@acme.test');
    await lead.getByTestId('hypothesis-card').filter({ hasText: TITLE }).click();
    await lead.getByRole('link', { name: /Design a test/ }).click();
    await lead.getByRole('heading', { name: 'Design a test' }).waitFor();
    await expect(lead.locator('input[name=name]').inputValue()).resolves.toBe(TITLE);
    await lead.getByRole('button', { name: '+ Add guardrail' }).click();
    await lead.getByLabel('Guardrail metric').selectOption({ label: 'Refund rate' });
    await lead.locator('input[name=minRelativeLift]').fill('5');
    await lead
      .getByTestId('rule-text')
      .getByText(/Ship if Conversion rate rises with p < 0.05 .*lift ≥ 5%.*unless Refund rate worsens by more than 10%/)
      .waitFor();
    await lead.getByRole('button', { name: 'Use this plan' }).click();
    await screenshot(lead, '05-cycle-design');
    await lead.getByRole('button', { name: 'Launch (locks the rule)' }).click();
    await lead.getByRole('button', { name: 'Launch and lock the rule' }).click();
    await lead.getByRole('heading', { name: /Add results/ }).waitFor();
    cycleUrl = new URL(lead.url()).pathname;
    expect(cycleUrl).toMatch(/^\/cycles\/[0-9a-f-]{36}$/);

    // Results come in (cumulative totals per variant) from the member's phone.
    await member.goto(cycleUrl);
    const results = member.getByRole('form', { name: 'Add results' });
    await results.locator('input[name="control.units"]').fill('4000');
    await results.locator('input[name="control.conversions"]').fill('120');
    await results.locator('input[name="b.units"]').fill('4000');
    await results.locator('input[name="b.conversions"]').fill('150');
    await results.getByRole('button', { name: 'Save results' }).click();
    await member.getByText('Results sent', { exact: true }).waitFor(); // both writes are queued by now
    await synced(member);

    // The lead imports the guardrail's numbers from an export: a wrong line is named, the fixed file lands.
    const day = new Date().toISOString().slice(0, 10);
    const refunds = (variant: string) => ({
      name: 'refunds.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `date,variant,metric,units,conversions\n${day},control,Refund rate,4000,40\n${day},${variant},Refund rate,4000,38\n`,
      ),
    });
    const importer = lead.getByRole('region', { name: 'Import results' });
    await importer.locator('input[type=file]').setInputFiles(refunds('Variant Z'));
    await importer
      .getByTestId('csv-problems')
      .getByText(/^Line 3, variant: unknown variant "Variant Z"/)
      .waitFor();
    expect(await importer.getByRole('button', { name: /Import/ }).isDisabled()).toBe(true);
    await importer.locator('input[type=file]').setInputFiles(refunds('Variant B'));
    await importer.getByTestId('csv-summary').getByText('refunds.csv: 2 results ready.').waitFor();
    await importer.getByRole('button', { name: 'Import 2 results' }).click();
    await lead.getByText('Imported 2 results').waitFor();
    const stored = await api.request<{ items: { variantKey: string; conversions: number }[] }>(
      'GET',
      `${cycleUrl.replace('/cycles/', '/api/cycles/')}/snapshots`,
    );
    expect(stored.body.items.map((s) => `${s.variantKey}:${s.conversions}`).sort()).toEqual([
      'b:150',
      'b:38',
      'control:120',
      'control:40',
    ]);

    // The lead reads the analysis and closes against the rule's verdict, with a reason.
    await lead.reload();
    await lead.getByTestId('verdict').waitFor();
    await lead.locator('figure').filter({ hasText: 'Lift vs control' }).locator('svg').waitFor();
    await lead.locator('figure').filter({ hasText: 'over time' }).locator('svg').waitFor();
    await screenshot(lead, '06-cycle-detail');
    const verdict = (await lead.getByTestId('close-verdict').textContent())?.trim();
    const decision = verdict === 'Ship' ? 'kill' : 'ship';
    await lead.locator(`input[name=decision][value=${decision}]`).check();
    await lead.locator('textarea[name=overrideReason]').fill(REASON);
    await lead.locator('textarea[name=summary]').fill('The banner lifted conversion; refunds held steady.');
    await lead.locator('textarea[name=nextSteps]').fill('Try the banner on mobile checkout too.');
    await lead.locator('textarea[name=followUps]').fill('Free-shipping threshold at 50');
    await screenshot(lead, '07-close');
    await lead.getByRole('button', { name: 'Close and publish the learning' }).click();
    await lead.getByText(/^Closed with/).waitFor();

    // A stakeholder finds the learning and reads it in plain words.
    const viewer = await newPage();
    await signIn(viewer, 'vic@acme.test');
    await expect(viewer.getByRole('link', { name: '+ New hypothesis' }).count()).resolves.toBe(0);
    await viewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learnings' }).click();
    await viewer.getByRole('searchbox', { name: 'Search' }).fill('banner');
    await viewer.getByTestId('learning-card').filter({ hasText: TITLE }).click();
    await viewer.getByRole('heading', { name: TITLE }).waitFor();
    await viewer.getByText(`Overridden because: ${REASON}`).waitFor();
    await viewer.getByText('Try the banner on mobile checkout too.').waitFor();
    await viewer.getByText(/Conversion rate moved/).waitFor();
    learningUrl = new URL(viewer.url()).pathname;
    await screenshot(viewer, '08-learning');

    // The follow-up idea landed in the backlog, tied to the cycle.
    const backlog = await api.request<{ items: { title: string; parentCycleId: string | null }[] }>(
      'GET',
      '/api/hypotheses?limit=200',
    );
    expect(backlog.body.items.find((h) => h.title === 'Free-shipping threshold at 50')?.parentCycleId).toBe(
      cycleUrl.split('/')[2],
    );
  });

  it('has no serious or critical axe violations and no sideways scrolling at 360 px, light and dark', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in to Hadi' }).waitFor();
    const found: Record<string, unknown> = {};
    const check = async (name: string) => {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const v = await axe(page);
        if (v.length) found[`${name} (${colorScheme})`] = v;
      }
      // A mobile viewport zooms out to fit a too-wide page (innerWidth grows with it), so compare with 360 itself.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - 360);
      if (overflow > 0) found[`${name} (scrolls ${overflow}px sideways at 360px)`] = true;
    };
    await check('sign-in');
    await signIn(page, 'leo@acme.test');
    await check('backlog');
    const screens: [string, string, string | RegExp][] = [
      ['hypothesis-form', '/h/new', 'New hypothesis'],
      ['cycles', '/cycles', 'Cycles'],
      ['cycle-detail', cycleUrl || '/cycles', /.+/],
      ['learnings', '/learnings', 'Learning log'],
      ['learning-detail', learningUrl || '/learnings', /.+/],
      ['calculators', '/calc', 'Calculators'],
      ['sync', '/sync', 'Sync'],
    ];
    for (const [name, path, heading] of screens) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
      await page.waitForTimeout(150);
      await check(name);
    }
    await screenshot(page, '09-calculators-or-last');
    expect(found).toEqual({});
  });

  it('renders an XSS payload title as text', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    const page = await newPage();
    await signIn(page, 'mia@acme.test');
    await page.evaluate(() => ((window as any).__xss = 0));
    await page.getByRole('link', { name: '+ New hypothesis' }).click();
    await page.locator('input[name=title]').fill(payload);
    await page.getByRole('button', { name: 'Save' }).click();
    const card = page.getByTestId('hypothesis-card').filter({ hasText: payload });
    await card.waitFor();
    await synced(page);
    await page.reload();
    await card.waitFor();
    expect(await card.locator('.card-title').textContent()).toBe(payload);
    expect(await page.locator('#root img').count()).toBe(0);
    await card.click();
    await expect(page.locator('input[name=title]').inputValue()).resolves.toBe(payload);
    expect(await page.locator('#root img').count()).toBe(0);
    await screenshot(page, '10-xss-as-text');
  });
});
