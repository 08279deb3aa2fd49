import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { liveApp, PASSWORD, phone, screenAudit, signIn } from './support/server';

/**
 * The admin's part of the loop through the PWA only, on a 360 px phone: first-run setup → a metric → invite a
 * member (copy the link) who joins in a fresh browser and signs in → change their role → an API token shown once,
 * copied, working, revoked (then refused by the API) → the audit trail filtered down to those changes. Every
 * admin screen in every state passes axe (light and dark) with no sideways scrolling. Members and viewers get
 * no Admin entry and are refused by URL.
 */
const live = liveApp();
const { found, check } = screenAudit('admin');

async function newPhone(): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await phone(live.browser, live.server.base);
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: live.server.base });
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  page.on('pageerror', (e) => (found[`page error: ${e.message}`] = true));
  return { ctx, page };
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
/** Admin is an entry of the More screen (the tab bar keeps five tabs at 360 px). */
async function openMore(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
  await page.getByRole('heading', { name: 'More', level: 1 }).waitFor();
}
const adminEntry = (page: Page) => page.locator('main').getByRole('link', { name: /^Admin/ });
const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name }).click();
const dialog = (page: Page) => page.locator('dialog[open]');

/** The invitee opens the link in a fresh browser, joins, signs out, and signs in with the new password. */
async function join(link: string, email: string, name: string) {
  const { page } = await newPhone();
  await page.goto(link);
  await page.getByRole('heading', { name: 'Join your team on Hadi' }).waitFor();
  await page.getByLabel('Your name (optional)').fill(name);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('heading', { name: 'Backlog' }).waitFor();
  await openMore(page); // sign-out sits on More, keeping the header one row on a phone
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Hadi' }).waitFor();
  await signIn(page, email);
  return page;
}

async function invite(page: Page, email: string, name: string, role: string) {
  await page.getByRole('button', { name: '+ Invite' }).click();
  await dialog(page).getByLabel('Email').fill(email);
  await dialog(page).getByLabel('Name').fill(name);
  await dialog(page).getByLabel('Role').selectOption(role);
  await dialog(page).getByRole('button', { name: 'Invite' }).click();
  const link = await dialog(page).getByTestId('invite-link').inputValue();
  expect(link).toMatch(/\/invite\/[\w-]+$/);
  return link;
}

describe('admin on a phone', () => {
  it('runs metrics, people, tokens and the audit trail through the PWA', async () => {
    const { page } = await newPhone();
    await page.goto('/');
    await page.getByRole('button', { name: /Set up a workspace/ }).click();
    await page.getByLabel('Workspace name').fill('Acme Admin');
    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('Email').fill('ada@acme.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { name: 'Backlog' }).waitFor();

    // The Admin entry is in the main navigation for an admin.
    await openMore(page);
    await adminEntry(page).click();
    await page.getByRole('heading', { name: 'Admin', level: 1 }).waitFor();
    await check(page, 'home');

    // Metrics: errors name the field, then a cost metric is created and edited.
    await section(page, 'Metrics');
    await page.getByTestId('metric-row').first().waitFor();
    await check(page, 'metrics');
    await page.getByRole('button', { name: '+ New metric' }).click();
    await dialog(page).getByLabel('Kind').selectOption('cost');
    await dialog(page).getByRole('button', { name: 'Add metric' }).click();
    await dialog(page).getByText('Name: required').first().waitFor();
    await dialog(page).getByLabel('Name').fill('Cost per qualified lead');
    await dialog(page).getByRole('button', { name: 'Add metric' }).click();
    await dialog(page)
      .getByText(/Cost formula: required for cost metrics/)
      .first()
      .waitFor();
    await check(page, 'metric-dialog-errors');
    await dialog(page).getByLabel('Cost formula').selectOption('cpa');
    await dialog(page).getByLabel('Counted per (unit)').selectOption('lead');
    await dialog(page).getByLabel('Good direction').selectOption('decrease');
    await dialog(page).getByRole('button', { name: 'Add metric' }).click();
    const metricRow = page.getByTestId('metric-row').filter({ hasText: 'Cost per qualified lead' });
    await expect(metricRow.textContent()).resolves.toContain('CPA · per lead · lower is better');
    await metricRow.getByRole('button', { name: /Edit/ }).click();
    await dialog(page)
      .getByText(/cannot change once created/)
      .waitFor();
    await check(page, 'metric-dialog-edit');
    await dialog(page).getByLabel('Name').fill('Cost per SQL');
    await dialog(page).getByRole('button', { name: 'Save metric' }).click();
    await page.getByTestId('metric-row').filter({ hasText: 'Cost per SQL' }).waitFor();

    // Members: only the admin so far; an invite with a bad email names the field; then two invites.
    await section(page, 'Members');
    await page.getByText(/Only you so far/).waitFor();
    await check(page, 'members-empty');
    await page.getByRole('button', { name: '+ Invite' }).click();
    await dialog(page).getByLabel('Email').fill('not-an-email');
    await dialog(page).getByLabel('Name').fill('Mia Member');
    await dialog(page).getByRole('button', { name: 'Invite' }).click();
    await dialog(page)
      .getByText(/^Email: /)
      .waitFor();
    await check(page, 'invite-dialog-error');
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    const miaLink = await invite(page, 'mia@acme.test', 'Mia Member', 'member');
    await dialog(page).getByRole('button', { name: 'Copy' }).click();
    await expect(clipboard(page)).resolves.toBe(miaLink);
    await check(page, 'invite-link-shown');
    await dialog(page).getByRole('button', { name: 'Done' }).click();
    const vicLink = await invite(page, 'vic@acme.test', 'Vic Viewer', 'viewer');
    await dialog(page).getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('member-row').filter({ hasText: 'Invited, not joined yet' }).first().waitFor();

    // The invitees join in fresh browsers and sign in; neither sees Admin, and the URL refuses them.
    const mia = await join(miaLink, 'mia@acme.test', 'Mia Member');
    const vic = await join(vicLink, 'vic@acme.test', 'Vic Viewer');
    for (const [who, p] of [
      ['member', mia],
      ['viewer', vic],
    ] as const) {
      await openMore(p);
      await expect(adminEntry(p).count(), `${who} sees no Admin entry`).resolves.toBe(0);
      await p.goto('/admin/members');
      await p.getByTestId('admin-refused').waitFor();
      await expect(p.getByTestId('member-row').count()).resolves.toBe(0);
      const status = await p.evaluate(async () => (await fetch('/api/tokens')).status);
      expect(status, `${who} asking the API for tokens`).toBe(403);
    }
    await check(vic, 'refused-viewer');

    // The admin changes Mia's role; demoting the last admin is refused with the reason.
    await page.reload();
    const miaRow = page.getByTestId('member-row').filter({ hasText: 'Mia Member' });
    await expect(miaRow.textContent()).resolves.toContain('Member · Active');
    await check(page, 'members');
    await miaRow.getByRole('button', { name: 'Manage Mia Member' }).click();
    await dialog(page).getByLabel('Role').selectOption('lead');
    await check(page, 'manage-dialog');
    await dialog(page).getByRole('button', { name: 'Change role' }).click();
    await expect(miaRow.getByText('Lead · Active').textContent()).resolves.toBeTruthy();
    await page.getByTestId('member-row').filter({ hasText: '(you)' }).getByRole('button').click();
    await dialog(page).getByLabel('Role').selectOption('viewer');
    await dialog(page).getByRole('button', { name: 'Change role' }).click();
    await dialog(page).getByText('A workspace needs at least one active admin').waitFor();
    await check(page, 'last-admin-refused');
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    const roleOf = async (p: Page) =>
      p.evaluate(async () => (await (await fetch('/api/auth/me')).json()) as { role: string });
    await expect(roleOf(mia)).resolves.toMatchObject({ role: 'lead' });

    // Disabling Vic signs them out at once; re-enabling lets them back in.
    const vicRow = page.getByTestId('member-row').filter({ hasText: 'Vic Viewer' });
    await vicRow.getByRole('button', { name: 'Manage Vic Viewer' }).click();
    await dialog(page).getByRole('button', { name: 'Disable Vic Viewer' }).click();
    await vicRow.getByText('Viewer · Disabled').waitFor();
    await check(page, 'member-disabled');
    await expect(roleOf(vic)).resolves.toMatchObject({ error: { code: 'unauthorized' } });
    await vicRow.getByRole('button', { name: 'Manage Vic Viewer' }).click();
    await dialog(page).getByRole('button', { name: 'Re-enable Vic Viewer' }).click();
    await vicRow.getByText('Viewer · Active').waitFor();
    await expect(roleOf(vic)).resolves.toMatchObject({ error: { code: 'unauthorized' } }); // the old session ended
    await vic.goto('/');
    await vic.getByRole('heading', { name: 'Sign in to Hadi' }).waitFor(); // the app notices and asks to sign in
    await signIn(vic, 'vic@acme.test');

    // Tokens: empty, created with a role and shown once with a copy button, works, revoked, refused.
    await section(page, 'Tokens');
    await page.getByText(/No tokens yet/).waitFor();
    await check(page, 'tokens-empty');
    await page.getByRole('button', { name: '+ New token' }).click();
    await dialog(page).getByRole('button', { name: 'Create token' }).click();
    await dialog(page).getByText('Name: required').first().waitFor();
    await check(page, 'token-dialog-error');
    await dialog(page).getByLabel(/^Name/).fill('Ads importer');
    await dialog(page).getByLabel('Role').selectOption('member');
    await dialog(page).getByRole('button', { name: 'Create token' }).click();
    const secret = await dialog(page).getByTestId('token-secret').inputValue();
    expect(secret).toMatch(/^hadi_/);
    await dialog(page)
      .getByText(/only time the token/)
      .waitFor();
    await dialog(page).getByRole('button', { name: 'Copy' }).click();
    await expect(clipboard(page)).resolves.toBe(secret);
    await check(page, 'token-shown-once');
    await dialog(page).getByRole('button', { name: 'I have copied it' }).click();
    const tokenRow = page.getByTestId('token-row').filter({ hasText: 'Ads importer' });
    await expect(tokenRow.textContent()).resolves.toContain('Member · created');
    await expect(page.content()).resolves.not.toContain(secret);
    const asBot = async () =>
      (await fetch(`${live.server.base}/api/hypotheses`, { headers: { authorization: `Bearer ${secret}` } })).status;
    await expect(asBot()).resolves.toBe(200);
    await check(page, 'tokens');
    await tokenRow.getByRole('button', { name: 'Revoke Ads importer' }).click();
    await check(page, 'revoke-dialog');
    await dialog(page).getByRole('button', { name: 'Revoke token' }).click();
    await tokenRow.getByText(/revoked just now/).waitFor();
    await expect(tokenRow.getByRole('button', { name: /Revoke/ }).count()).resolves.toBe(0);
    await expect(asBot()).resolves.toBe(401);

    // Audit trail: filtered by actor and record type, then one record's history, then a bad date range.
    await section(page, 'Audit');
    await page.getByTestId('audit-entry').first().waitFor();
    await check(page, 'audit');
    await page.getByTestId('filters-toggle').click(); // folded on phones
    // The read for the first filter answers after the read for the second: the list must show the second's.
    const slowRead = /\/api\/audit\?(?!.*actorId).*entity=member/;
    await page.route(slowRead, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    const slowAnswer = page.waitForResponse(slowRead);
    await page.getByLabel('Record type').selectOption('member');
    await page.getByLabel('Who').selectOption({ label: 'Ada Admin' });
    const roleChange = page.getByTestId('audit-entry').filter({ hasText: 'Ada Admin changed the member “Mia Member”' });
    await expect(roleChange.textContent()).resolves.toMatch(/role: member → lead/);
    await expect(roleChange.textContent()).resolves.toMatch(/just now|seconds? ago|minutes? ago/);
    const entries = () => page.getByTestId('audit-entry').allTextContents();
    await expect.poll(async () => (await entries()).length).toBe(5); // 2 invites, a role change, disable, re-enable
    await (await slowAnswer).finished(); // the slow read has answered; give the page a moment to take it
    await page.waitForTimeout(200);
    await page.unroute(slowRead);
    expect((await entries()).every((t) => t.startsWith('Ada Admin'))).toBe(true);
    expect(await entries()).toHaveLength(5);
    expect((await entries()).some((t) => t.includes('invited the member “Vic Viewer”'))).toBe(true);
    await check(page, 'audit-filtered');
    await page.getByLabel('Record type').selectOption('token');
    await page.getByTestId('audit-entry').filter({ hasText: 'revoked the API token “Ads importer”' }).waitFor();
    await page
      .getByTestId('audit-entry')
      .filter({ hasText: 'created the API token “Ads importer”' })
      .getByRole('button', { name: /History of this/ })
      .click();
    await page.getByTestId('record-filter').waitFor();
    await expect.poll(() => page.getByTestId('audit-entry').count()).toBe(2);
    await check(page, 'audit-record');
    const today = new Date();
    const day = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    await page.getByLabel('From', { exact: true }).fill(day(today));
    await page.getByLabel('To', { exact: true }).fill(day(today));
    await page.getByLabel('To', { exact: true }).dispatchEvent('change');
    await expect.poll(() => page.getByTestId('audit-entry').count()).toBe(2);
    const yesterday = new Date(today.getTime() - 86_400_000);
    await page.getByLabel('To', { exact: true }).fill(day(yesterday));
    await page.getByLabel('To', { exact: true }).dispatchEvent('change');
    await page.getByText(/To: must be after the start/).waitFor();
    await check(page, 'audit-date-error');
    await page.getByLabel('To', { exact: true }).fill('');
    await page.getByLabel('To', { exact: true }).dispatchEvent('change');
    await page.getByLabel('From', { exact: true }).fill(day(new Date(today.getTime() + 2 * 86_400_000)));
    await page.getByLabel('From', { exact: true }).dispatchEvent('change');
    await page.getByText(/No changes match these filters/).waitFor();
    await check(page, 'audit-empty');

    expect(found).toEqual({});
  }, 420_000); // one long flow with 25 screens checked twice (light, dark) on a shared 2-core machine
});
