import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiUser, axe, liveApp, PASSWORD, phone, screenshot, signIn } from './support/server';

/**
 * A member's week on a phone, through the PWA only: log a hypothesis, design its test and save the design as a
 * draft that reopens whole (metrics, guardrail, money rule). Then the design screen at 360 px in each of its states
 * (new, draft reopened, problems shown, launch dialog open): axe and no sideways scrolling. Then a save that must
 * keep the fields the screen does not show.
 *
 * The people join through the PWA too: the admin invites each from the Members screen with a role and copies the
 * invite link, which the invitee opens on their own phone. Everything checked here is made by clicking in the PWA,
 * except the last test, which stores fields the PWA cannot write on purpose.
 */
const live = liveApp();
const TITLE = 'Sponsored products on our top sellers';
let hypothesisPath = '';
let draftPath = '';
let admin: ApiUser;

async function newPage(width = 390): Promise<Page> {
  const ctx = await phone(live.browser, live.server.base);
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: live.server.base });
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height: 800 });
  page.on('dialog', (d) => {
    throw new Error(`unexpected browser dialog: ${d.message()}`);
  });
  return page;
}

/** The admin invites someone from Admin → Members (reached through More) and copies the invite link. */
async function invite(admin: Page, email: string, name: string, role: 'member' | 'lead') {
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
  await admin
    .locator('main')
    .getByRole('link', { name: /^Admin/ })
    .click();
  await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Members' }).click();
  await admin.getByRole('button', { name: '+ Invite' }).click();
  const dialog = admin.locator('dialog[open]');
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Role').selectOption(role);
  await dialog.getByRole('button', { name: 'Invite' }).click();
  const shown = await dialog.getByTestId('invite-link').inputValue();
  await dialog.getByRole('button', { name: 'Copy' }).click();
  const copied = await admin.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown);
  expect(copied).toMatch(/\/invite\/[\w-]+$/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await admin.getByTestId('member-row').filter({ hasText: name }).getByText('Invited, not joined yet').waitFor();
  return copied;
}

/** The invitee opens the link on their own phone, chooses a password and lands on the backlog, signed in. */
async function join(link: string, name: string): Promise<Page> {
  const page = await newPage();
  await page.goto(link);
  await page.getByRole('heading', { name: 'Join your team on Hadi' }).waitFor();
  await page.getByLabel('Your name (optional)').fill(name);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('heading', { name: 'Backlog' }).waitFor();
  return page;
}

const synced = (page: Page) => page.getByTestId('pending-count').waitFor({ state: 'detached' });
const selectedText = (page: Page, selector: string) =>
  page.locator(selector).evaluate((s) => (s as unknown as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
/** Is the element fully on screen, below the sticky header and above the bottom tabs? */
const inClearView = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const header = document.querySelector('header.top')!.getBoundingClientRect();
    const tabs = document.querySelector('nav.tabs')!.getBoundingClientRect();
    return r.top >= header.bottom && r.bottom <= tabs.top;
  });

describe('a member on a phone', () => {
  it('logs a hypothesis and saves its test design as a draft that reopens whole', async () => {
    // First run, in the PWA: the setup screen creates the workspace and its admin.
    const first = await newPage();
    await first.goto('/');
    await first.getByRole('button', { name: /Set up a workspace/ }).click();
    await first.getByLabel('Workspace name').fill('Trail Co');
    await first.getByLabel('Your name').fill('Ada Admin');
    await first.getByLabel('Email').fill('admin@trail.test');
    await first.getByLabel('Password').fill(PASSWORD);
    await first.getByRole('button', { name: 'Create workspace' }).click();
    await first.getByRole('heading', { name: 'Backlog' }).waitFor();
    const miaLink = await invite(first, 'mia@trail.test', 'Mia Member', 'member');
    const leoLink = await invite(first, 'leo@trail.test', 'Leo Lead', 'lead');
    await first
      .getByTestId('member-row')
      .filter({ hasText: 'Leo Lead' })
      .getByText(/^Lead · /)
      .waitFor();
    await screenshot(first, 'member-00-admin-invited');
    await join(leoLink, 'Leo Lead');
    // The last test arranges what the PWA cannot write through the API, as this admin.
    admin = await new ApiUser(live.server.base).login('admin@trail.test', PASSWORD);

    const member = await join(miaLink, 'Mia Member');
    const role = await member.evaluate(
      async () => ((await (await fetch('/api/auth/me')).json()) as { role: string }).role,
    );
    expect(role).toBe('member');
    await member.getByText(/No hypotheses yet/).waitFor();
    await member.getByTestId('sync-pill').getByText('Synced').waitFor();
    await screenshot(member, 'member-01-backlog');

    // The hypothesis, with the guided form. ICE starts honestly unscored.
    await member.getByRole('link', { name: '+ New hypothesis' }).click();
    await member.locator('input[name=title]').fill(TITLE);
    expect(await member.locator('#ice-impact').getAttribute('aria-valuetext')).toBe('not scored');
    await member.locator('label[for=ice-impact]').getByText('not scored').waitFor();
    await member.locator('textarea[name=change]').fill('move 20% of the marketplace budget to sponsored products');
    await member.locator('input[name=audience]').fill('shoppers searching our top-5 SKUs');
    await member.locator('select[name=channelId]').selectOption({ label: 'Marketplaces' });
    await member.locator('select[name=metricId]').selectOption({ label: 'Conversion rate' });
    await member.locator('select[name=move]').selectOption('increase');
    await member.locator('input[name=expectedImpact]').fill('6');
    await member.locator('textarea[name=rationale]').fill('sponsored slots convert better than organic on top SKUs');
    await member.locator('select[name=lever]').selectOption('budget');
    await member.locator('#ice-impact').fill('8');
    await member.locator('#ice-confidence').fill('6');
    await member.locator('#ice-ease').fill('9');
    await member.locator('label[for=ice-impact]').getByText('8 of 10').waitFor();
    await member
      .getByTestId('ice-total')
      .getByText(/^ICE 7.7 of 10/)
      .waitFor();
    await screenshot(member, 'member-02-hypothesis');
    await member.getByRole('button', { name: 'Save' }).click();

    // The backlog: ICE with its scale, its parts on a tap, and the sync state in words.
    const card = member.getByTestId('hypothesis-card').filter({ hasText: TITLE });
    await card.waitFor();
    await synced(member);
    await member.getByTestId('sync-pill').getByText('Synced').waitFor();
    expect((await card.locator('.ice summary').textContent())?.replace(/\s+/g, ' ').trim()).toBe('ICE 7.7 of 10');
    await card.locator('.ice summary').click();
    await card.getByText(/^Impact 8, confidence 6, ease 9/).waitFor();
    await screenshot(member, 'member-03-backlog-ice');

    // On a phone the filters fold behind one button that counts the active ones; search stays in view.
    expect(await member.getByLabel('Channel').isVisible()).toBe(false);
    await member.getByRole('searchbox', { name: 'Search' }).waitFor();
    await member.getByTestId('filters-toggle').click();
    await member.getByLabel('Channel').selectOption({ label: 'Marketplaces' });
    await member.getByTestId('filters-toggle').getByText('1 active').waitFor();
    await card.waitFor();

    // Its test design: α 0.05 and percentages are valid as they come, so a member can save.
    await card.locator('.card-title').click();
    await member.getByRole('heading', { name: 'Edit hypothesis' }).waitFor();
    hypothesisPath = new URL(member.url()).pathname;
    await member.getByRole('link', { name: /Design a test/ }).click();
    await member.getByRole('heading', { name: 'Design a test' }).waitFor();
    expect(await member.locator('input[name=alpha]').inputValue()).toBe('0.05');
    expect(await member.getByRole('button', { name: /Launch/ }).count()).toBe(0); // launching is a lead's call
    await member.getByRole('button', { name: '+ Add guardrail' }).click();
    await member.getByLabel('Guardrail metric').selectOption({ label: 'Refund rate' });
    await member.locator('input[name=minRelativeLift]').fill('5');
    await member.locator('input[name=cpaCeiling]').fill('45');
    await member.getByLabel(/^Budget/).fill('20000');
    await member
      .getByTestId('rule-text')
      .getByText(
        /Ship if Conversion rate rises .*lift ≥ 5%.*Refund rate worsens by more than 10%.*CPA could exceed €45/,
      )
      .waitFor();
    await member.getByRole('button', { name: 'Use this plan' }).click();
    await screenshot(member, 'member-04-design');

    // A wrong value is named in words and brought into view below the sticky header, and nothing is sent.
    await member.locator('input[name=alpha]').fill('0.9');
    await member.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await member.getByRole('button', { name: 'Save draft' }).click();
    await member.getByTestId('design-problems').getByText('Significance level α').waitFor();
    expect(await member.getByTestId('design-problems').textContent()).toMatch(/Significance level α: .*0\.2/);
    expect(await member.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('alpha');
    expect(await inClearView(member, 'input[name=alpha]')).toBe(true);
    await screenshot(member, 'member-05-design-problem');
    await member.locator('input[name=alpha]').fill('0.05');

    await member.getByRole('button', { name: 'Save draft' }).click();
    await member.getByRole('heading', { name: 'Test design' }).waitFor();
    draftPath = new URL(member.url()).pathname;
    expect(draftPath).toMatch(/^\/cycles\/[0-9a-f-]{36}\/design$/);

    // Reopened from scratch, the draft shows its metrics, guardrail and money rule (not "Choose…").
    await member.reload();
    await member.getByRole('heading', { name: 'Test design' }).waitFor();
    await member
      .getByTestId('rule-text')
      .getByText(/CPA could exceed/)
      .waitFor();
    expect(await selectedText(member, 'select[name=primaryMetricId]')).toBe('Conversion rate');
    expect(await selectedText(member, 'select[name="decisionRule.guardrails.0.metricId"]')).toBe('Refund rate');
    expect(await member.locator('input[name=cpaCeiling]').inputValue()).toBe('45');
    expect(await member.locator('input[name=minRelativeLift]').inputValue()).toBe('5');
    expect(await member.getByLabel(/^Budget/).inputValue()).toBe('20000');
    await screenshot(member, 'member-06-draft-reopened');

    // And the cycles list has it as a draft.
    await member.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cycles' }).click();
    await member.getByText(TITLE).first().waitFor();
    await screenshot(member, 'member-07-cycles');
  });

  it('has no axe violations and no sideways scrolling at 360 px in every state of the design screen', async () => {
    expect(draftPath).not.toBe('');
    const page = await newPage(360);
    const found: Record<string, unknown> = {};
    const check = async (state: string) => {
      await page.waitForTimeout(150);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const violations = await axe(page);
        if (violations.length) found[`${state} (${colorScheme})`] = violations;
      }
      // With a mobile viewport the page zooms out to fit a too-wide layout, so compare with 360, not innerWidth.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 360) found[`${state}: ${width} px wide at 360 px`] = true;
      await screenshot(page, `member-360-${state}`);
    };
    await signIn(page, 'leo@trail.test');
    await page.goto(`/cycles/new/${hypothesisPath.split('/')[2]}`);
    await page.getByRole('heading', { name: 'Design a test' }).waitFor();
    await check('design-new');
    await page.goto(draftPath);
    await page.getByRole('heading', { name: 'Test design' }).waitFor();
    await page
      .getByTestId('rule-text')
      .getByText(/CPA could exceed/)
      .waitFor();
    await check('design-draft');
    await page.locator('input[name=minDays]').fill('400');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByTestId('design-problems').getByText('Run at least (days)').waitFor();
    await check('design-problems');
    await page.locator('input[name=minDays]').fill('14');
    await page.getByRole('button', { name: 'Launch (locks the rule)' }).click();
    await page.getByRole('dialog', { name: 'Launch this test?' }).waitFor();
    await check('design-launch-dialog');
    expect(found).toEqual({});

    // The dialog's launch goes through: the rule locks and the results screen opens.
    await page.getByRole('button', { name: 'Launch and lock the rule' }).click();
    await page.getByRole('heading', { name: /Add results/ }).waitFor();
  });

  it('keeps the fields the design screen does not show when a member saves it', async () => {
    // Stored on purpose through the API: fields the PWA has no input for.
    const metrics = await admin.request<{ items: { id: string; name: string; version: number }[] }>(
      'GET',
      '/api/metrics',
    );
    const id = (name: string) => metrics.body.items.find((m) => m.name === name)!.id;
    const h = await admin.request<{ id: string }>('POST', '/api/hypotheses', { title: 'Free returns badge' });
    const rule = {
      primaryMetricId: id('Conversion rate'),
      method: 'sequential',
      alpha: 0.05,
      correction: 'bh',
      sequentialTuning: 777,
      guardrails: [{ metricId: id('Refund rate'), maxWorsening: 0.005, scale: 'absolute' }],
      money: { cpaCeiling: 45, roasFloor: 2 },
      minDays: 10,
    };
    const cycle = await admin.request<{ id: string }>('POST', '/api/cycles', {
      hypothesisId: h.body.id,
      name: 'Free returns badge',
      plannedStart: '2026-12-07',
      variants: [
        { key: 'control', name: 'Control', weight: 1, description: 'no badge' },
        { key: 'badge', name: 'Badge', weight: 1, description: 'badge under the price' },
      ],
      decisionRule: rule,
    });
    expect(cycle.status).toBe(201);

    const member = await newPage();
    await signIn(member, 'mia@trail.test');
    await member.goto(`/cycles/${cycle.body.id}/design`);
    await member.getByRole('heading', { name: 'Test design' }).waitFor();
    // The catalog has arrived once the rule names its metric.
    await member
      .getByTestId('rule-text')
      .getByText(/Conversion rate/)
      .waitFor();
    // The stored money rule is shown, and the absolute guardrail is labelled in points.
    expect(await member.locator('input[name=cpaCeiling]').inputValue()).toBe('45');
    expect(await member.locator('input[name=roasFloor]').inputValue()).toBe('2');
    await member.getByLabel('May worsen by at most (points)').waitFor();
    expect(await selectedText(member, 'select[name=primaryMetricId]')).toBe('Conversion rate');

    // A catalog change arriving by sync rebuilds the metric options: the chosen ones must stay chosen.
    const cr = metrics.body.items.find((m) => m.name === 'Conversion rate')!;
    const renamed = await admin.request('PATCH', `/api/metrics/${cr.id}`, {
      name: 'Conversion rate (orders)',
      version: cr.version,
    });
    expect(renamed.status).toBe(200);
    await member.evaluate(() => window.dispatchEvent(new Event('online'))); // the app syncs when back online
    await member
      .locator('select[name=primaryMetricId] option', { hasText: 'Conversion rate (orders)' })
      .waitFor({ state: 'attached' });
    expect(await selectedText(member, 'select[name=primaryMetricId]')).toBe('Conversion rate (orders)');
    expect(await selectedText(member, 'select[name="decisionRule.guardrails.0.metricId"]')).toBe('Refund rate');
    await member.locator('input[name=name]').fill('Free returns badge (v2)');
    await member.getByRole('button', { name: 'Save draft' }).click();
    await member.getByText('Draft saved: Free returns badge (v2)').waitFor();

    type Stored = {
      name: string;
      plannedStart: string;
      variants: { description?: string }[];
      decisionRule: typeof rule;
    };
    const saved = await admin.request<Stored>('GET', `/api/cycles/${cycle.body.id}`);
    expect(saved.body.name).toBe('Free returns badge (v2)');
    expect(saved.body.plannedStart).toBe('2026-12-07');
    expect(saved.body.variants.map((v) => v.description)).toEqual(['no badge', 'badge under the price']);
    expect(saved.body.decisionRule).toMatchObject({
      method: 'sequential',
      correction: 'bh',
      sequentialTuning: 777,
      guardrails: [{ metricId: id('Refund rate'), maxWorsening: 0.005, scale: 'absolute' }],
      money: { cpaCeiling: 45, roasFloor: 2 },
      minDays: 10,
    });
  });
});
