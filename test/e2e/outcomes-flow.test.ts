import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, PASSWORD, phone, type Server, screenAudit, signIn, startServer } from './support/server';

/**
 * Objectives, the channel map and the HADI chain, through the PWA only, on a 360 px phone:
 * an admin sets up a workspace, creates an objective and a channel through the screens (errors first);
 * on the demo workspace a viewer finds a learning and walks its chain to the follow-ups, and sees
 * objectives and channels without the controls their role may not use. Every screen and state is
 * checked with axe (light and dark) and for sideways scrolling.
 */
const DEMO_PASSWORD = 'hadi-demo-2026';
let browser: Browser;
const { found, check } = screenAudit();

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(base: string): Promise<Page> {
  const ctx = await phone(browser, base);
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  page.on('pageerror', (e) => (found[`uncaught error on ${page.url()}`] = String(e)));
  return page;
}

const more = async (page: Page, link: string) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
  await page.getByRole('heading', { name: 'More' }).waitFor();
  await page.getByRole('link', { name: new RegExp(`^${link}`) }).click();
};

describe('an admin sets an objective and adds a channel through the screens', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('creates an objective (errors first) and a channel, renames and archives it', async () => {
    const admin = await newPage(server.base);
    await admin.goto('/');
    await admin.getByRole('button', { name: /Set up a workspace/ }).click();
    await admin.getByLabel('Workspace name').fill('Outcome Outfitters');
    await admin.getByLabel('Your name').fill('Ada Admin');
    await admin.getByLabel('Email').fill('admin@outcomes.test');
    await admin.getByLabel('Password').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Create workspace' }).click();
    await admin.getByRole('heading', { name: 'Backlog' }).waitFor();

    // Objectives: empty list that says what to do next.
    await more(admin, 'Objectives');
    await admin
      .getByTestId('objectives-empty')
      .getByText(/No objectives yet\. Set the first one/)
      .waitFor();
    await check(admin, 'objectives-01-empty');
    await admin.getByRole('link', { name: 'Set an objective' }).click();
    await admin.getByRole('heading', { name: 'New objective' }).waitFor();

    // Errors are named next to their fields, in words.
    await admin.getByLabel(/CAC from/).fill('50');
    await admin.getByLabel(/CAC up to/).fill('10');
    await admin.getByLabel(/Payback within/).fill('-3');
    await admin.getByRole('button', { name: 'Create objective' }).click();
    await admin.getByTestId('form-errors').waitFor();
    await admin
      .locator('#err-title')
      .getByText(/Give the objective a name/)
      .waitFor();
    await admin.locator('#err-cacMax').getByText('must be at least the CAC minimum').waitFor();
    await admin
      .locator('#err-paybackDays')
      .getByText(/must be a number of 0 or more/)
      .waitFor();
    expect(await admin.locator('#f-title').getAttribute('aria-invalid')).toBe('true');
    await check(admin, 'objectives-02-form-errors');

    await admin.getByLabel('Name').fill('Grow first orders 20% by Q1');
    await admin.getByLabel('Primary metric (one)').selectOption({ label: 'Conversion rate' });
    await admin.getByLabel(/Baseline/).fill('5');
    await admin.getByLabel(/^Target/).fill('6');
    await admin.getByLabel('Deadline').fill('2027-03-31');
    await admin.getByLabel('Secondary metric 1 (optional)').selectOption({ label: 'Average order value' });
    await admin.getByLabel(/CAC from/).fill('20');
    await admin.getByLabel(/CAC up to/).fill('45');
    await admin.getByLabel(/ROAS at least/).fill('3');
    await admin.getByLabel(/Payback within/).fill('90');
    await admin.getByLabel(/Budget envelope/).fill('60000');
    await admin.getByLabel(/Approval threshold/).fill('15000');
    await admin.getByRole('button', { name: 'Create objective' }).click();

    await admin.getByRole('heading', { name: 'Grow first orders 20% by Q1' }).waitFor();
    await admin.getByText('Conversion rate: 5% → 6% by 2027-03-31').waitFor();
    await admin.getByText('Also watched: Average order value').waitFor();
    await admin
      .getByTestId('toward-target')
      .getByText(/No shipped test has moved Conversion rate yet: it stands at the baseline of 5%, target 6%/)
      .waitFor();
    await admin.getByText('Customer acquisition cost (CAC) between €20 and €45').waitFor();
    await admin.getByText('Return on ad spend (ROAS) at least 3×').waitFor();
    await admin.getByText('€0 committed to tests out of a €60,000 envelope', { exact: false }).waitFor();
    await admin.getByText('A test with a budget over €15,000 needs an admin to launch.').waitFor();
    await admin.getByText(/No test serves this objective yet/).waitFor();
    await check(admin, 'objectives-03-detail');

    // Reopened for editing, every field shows what was saved (selects included), and an edit round-trips.
    await admin.getByRole('link', { name: 'Edit' }).click();
    await admin.getByRole('heading', { name: 'Edit objective' }).waitFor();
    const selected = (label: string | RegExp) =>
      admin.getByLabel(label).evaluate((el) => (el as unknown as HTMLSelectElement).selectedOptions[0]?.textContent);
    await expect(selected('Primary metric (one)')).resolves.toBe('Conversion rate');
    await expect(selected('Secondary metric 1 (optional)')).resolves.toBe('Average order value');
    await expect(selected('Status')).resolves.toBe('Active');
    await expect(admin.getByLabel(/Baseline/).inputValue()).resolves.toBe('5');
    await expect(admin.getByLabel(/CAC up to/).inputValue()).resolves.toBe('45');
    await admin.getByLabel(/^Target/).fill('6.5');
    await admin.getByRole('button', { name: 'Save objective' }).click();
    await admin.getByText('Conversion rate: 5% → 6.5% by 2027-03-31').waitFor();

    await admin.getByRole('link', { name: '← Objectives' }).click();
    await admin
      .getByTestId('objective-card')
      .filter({ hasText: 'Grow first orders 20% by Q1' })
      .getByText('Conversion rate: 5% → 6.5% by 2027-03-31')
      .waitFor();
    await check(admin, 'objectives-04-list');

    // Channel map: every default channel under its job; add one (errors first).
    await more(admin, 'Channel map');
    await admin.getByRole('heading', { name: /^Capture demand/ }).waitFor();
    await admin
      .getByTestId('channel-card')
      .filter({ hasText: 'Paid search' })
      .getByText(/no tests yet/)
      .waitFor();
    await check(admin, 'channels-01-map');
    await admin.getByRole('link', { name: '+ Add channel' }).click();
    await admin.getByRole('heading', { name: 'Add a channel' }).waitFor();
    await admin.getByRole('button', { name: 'Add channel' }).click();
    await admin.locator('#err-name').getByText('Give the channel a name').waitFor();
    await admin
      .locator('#err-kind')
      .getByText(/Choose what kind/)
      .waitFor();
    await admin
      .locator('#err-job')
      .getByText(/Choose the job/)
      .waitFor();
    await admin.getByLabel('Name').fill('paid search');
    await admin.getByRole('button', { name: 'Add channel' }).click();
    await admin.locator('#err-name').getByText('another channel already has this name').waitFor();
    await check(admin, 'channels-02-form-errors');
    await admin.getByLabel('Name').fill('TikTok');
    await admin.getByLabel('Kind').selectOption({ label: 'Paid social' });
    await admin.getByLabel(/^Create demand/).check();
    await admin.getByRole('button', { name: 'Add channel' }).click();
    await admin.getByRole('heading', { name: 'TikTok' }).waitFor();
    await admin.getByText(/No test on this channel yet/).waitFor();
    await admin
      .getByTestId('channel-figures')
      .getByText(/0 tests; no closed test yet; €0 spent/)
      .waitFor();
    await check(admin, 'channels-03-detail-empty');

    await admin.getByRole('button', { name: 'Rename or change job' }).click();
    await expect(
      admin.getByLabel('Kind').evaluate((el) => (el as unknown as HTMLSelectElement).selectedOptions[0]?.textContent),
    ).resolves.toBe('Paid social');
    await admin.getByLabel('Name').fill('TikTok Ads');
    await admin.getByLabel(/^Convert warm intent/).check();
    await check(admin, 'channels-04-edit');
    await admin.getByRole('button', { name: 'Save channel' }).click();
    await admin.getByRole('heading', { name: 'TikTok Ads' }).waitFor();
    await admin.getByText('Convert warm intent', { exact: true }).waitFor();
    await admin.getByRole('button', { name: 'Archive channel' }).click();
    await admin.locator('.badge', { hasText: 'Archived' }).waitFor();
    await admin.getByRole('link', { name: '← Channel map' }).click();
    await admin.getByText('Archived channels (1)').click();
    await admin.getByTestId('channel-card').filter({ hasText: 'TikTok Ads' }).waitFor();
    await check(admin, 'channels-05-map-archived');

    // Reloading proves both were stored, not just shown.
    await admin.reload();
    await admin.getByText('Archived channels (1)').waitFor();
    await admin.goto('/objectives');
    await admin.getByTestId('objective-card').filter({ hasText: 'Grow first orders 20% by Q1' }).waitFor();
  });
});

describe('a viewer walks the HADI chain on the demo workspace', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ seed: true });
  }, 360_000); // migrate + seed + wrangler dev: slow on a loaded machine
  afterAll(async () => {
    await server?.stop();
  });

  it('finds a learning, walks its chain to the follow-ups, and reads objectives and channels', async () => {
    const viewer = await newPage(server.base);
    await signIn(viewer, 'viewer@demo.hadi', DEMO_PASSWORD);
    await viewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learnings' }).click();
    await viewer.getByRole('searchbox', { name: 'Search' }).fill('free-shipping banner');
    await viewer.getByTestId('learning-card').filter({ hasText: 'Free-shipping banner on brand search' }).click();
    const followUps = viewer.getByTestId('follow-ups');
    await followUps.getByRole('link', { name: 'Free-shipping banner on generic landing pages' }).waitFor();
    await followUps.getByRole('link', { name: /Free-shipping threshold at €50/ }).waitFor();
    await check(viewer, 'chain-01-learning-follow-ups');

    await followUps.getByRole('link', { name: 'Walk the whole chain →' }).click();
    await viewer.getByRole('heading', { name: 'HADI chain' }).waitFor();
    const chain = viewer.getByRole('list', { name: 'The chain, oldest first' });
    await chain
      .locator('[aria-current=step]')
      .getByText('Free-shipping banner on brand search landing pages')
      .waitFor();
    await chain.locator('.step-test').getByRole('link', { name: 'Free-shipping banner A/B' }).waitFor();
    await chain.locator('.step-insight').getByText('Decided: Ship').waitFor();
    expect(await chain.getByTestId('chain-follow-up').allTextContents()).toEqual([
      'Free-shipping banner on generic landing pages',
      'Free-shipping threshold at €50 instead of always free',
    ]);
    await check(viewer, 'chain-02-chain');

    // Down to a follow-up: its chain starts at the parent insight, and it kept the parent's channel and lever.
    await chain.getByTestId('chain-follow-up').first().click();
    const child = viewer.getByRole('list', { name: 'The chain, oldest first' });
    await child.locator('[aria-current=step]').getByText('Free-shipping banner on generic landing pages').waitFor();
    await child.locator('[aria-current=step]').getByText('Backlog · Paid search · lever: Offer').waitFor();
    await child.locator('.step-insight').getByText('Free-shipping banner on brand search landing pages').waitFor();
    await viewer.getByText(/This idea has not been tested yet/).waitFor();
    await check(viewer, 'chain-03-follow-up-chain');
    await child.locator('[aria-current=step]').getByRole('link').click();
    await viewer
      .getByTestId('hypothesis-chain')
      .getByText(/Came from the test Free-shipping banner A\/B/)
      .waitFor();
    await check(viewer, 'chain-04-hypothesis-came-from');

    // Objectives and channels: readable, without the controls a viewer may not use.
    await more(viewer, 'Objectives');
    await viewer.getByTestId('objective-card').first().click();
    await viewer
      .getByTestId('toward-target')
      .getByText(/1 shipped test adds up to \+\d+\.\d% on Conversion rate/)
      .waitFor();
    expect(await viewer.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await viewer.getByRole('form', { name: 'Link an idea' }).count()).toBe(0);
    await check(viewer, 'objectives-05-detail-viewer');
    await viewer.goto('/objectives?status=achieved');
    await viewer.getByText('No achieved objectives.').waitFor();
    await check(viewer, 'objectives-06-filter-empty');
    expect(await viewer.getByRole('link', { name: '+ New objective' }).count()).toBe(0);
    await viewer.goto('/objectives/new');
    await viewer.getByText('Leads and admins set objectives.').waitFor();

    await more(viewer, 'Channel map');
    await viewer
      .getByTestId('channel-card')
      .filter({ hasText: 'Paid search' })
      .getByText(/closed tests? shipped/)
      .waitFor();
    expect(await viewer.getByRole('link', { name: '+ Add channel' }).count()).toBe(0);
    await check(viewer, 'channels-06-map-viewer');
    await viewer.getByTestId('channel-card').filter({ hasText: 'Paid search' }).click();
    await viewer.getByRole('heading', { name: 'Tests on this channel' }).waitFor();
    await viewer.getByRole('link', { name: /Free-shipping banner A\/B/ }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Archive channel' }).count()).toBe(0);
    await check(viewer, 'channels-07-detail-viewer');
  });
});

describe('every outcomes screen and state', () => {
  it('has no serious or critical axe violations, no sideways scrolling at 360 px and no uncaught errors', () => {
    expect(found).toEqual({});
  });
});
