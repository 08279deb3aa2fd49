import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addMember, ApiUser, liveApp, PASSWORD, phone, screenshot, signIn } from './support/server';

/**
 * An agency lead runs two clients from one sign-in on a phone: switches between them from the header, writes a
 * hypothesis offline in one, switches to the other while still offline, and comes back online. The hypothesis
 * lands in the workspace it was written in, exactly once, and never shows in the other.
 */
const live = liveApp();

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

async function switchTo(page: Page, name: string) {
  await page.getByTestId('workspace-name').click();
  await page.getByRole('heading', { name: 'Workspaces' }).waitFor();
  await page.getByTestId('workspace-item').filter({ hasText: name }).getByRole('button', { name: 'Switch' }).click();
  await page.getByRole('heading', { name: 'Backlog' }).waitFor();
  await page.getByTestId('workspace-name').filter({ hasText: name }).waitFor();
}

describe('several workspaces on a phone', () => {
  it('switches, and a hypothesis written offline lands in its own workspace exactly once', async () => {
    const admin = new ApiUser(live.server.base);
    expect(
      (
        await admin.request('POST', '/api/auth/setup', {
          workspace: 'Client A',
          name: 'Ada',
          email: 'ada@agency.test',
          password: PASSWORD,
        })
      ).status,
    ).toBe(201);
    await addMember(admin, 'lee@agency.test', 'Lee Lead', 'lead');
    const lee = await new ApiUser(live.server.base).login('lee@agency.test', PASSWORD);
    const b = await lee.request<{ id: string }>('POST', '/api/workspaces', { name: 'Client B', currency: 'USD' });
    expect(b.status).toBe(201);

    const ctx = await phone(live.browser, live.server.base);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'lee@agency.test');
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 30_000 });
    await page.getByTestId('workspace-name').filter({ hasText: 'Client A' }).waitFor();
    await screenshot(page, 'workspaces-01-backlog-in-client-a-390');

    await page.getByTestId('workspace-name').click();
    await page.getByTestId('workspace-item').nth(1).waitFor();
    expect(await page.getByTestId('workspace-item').allTextContents()).toEqual([
      expect.stringMatching(/Client A.*Lead · EUR.*You are here/),
      expect.stringMatching(/Client B.*Admin · USD/),
    ]);
    await screenshot(page, 'workspaces-02-switcher-390');

    // Visit B once online (so the phone has it), then go back to A.
    await switchTo(page, 'Client B');
    await page.getByText(/^Synced /).waitFor();
    await switchTo(page, 'Client A');
    await page.getByText(/^Synced /).waitFor();

    // Offline in A: write a hypothesis, then switch to B without a network.
    await ctx.setOffline(true);
    await page.getByTestId('sync-pill').getByText('Offline').waitFor();
    await page.getByRole('link', { name: '+ New hypothesis' }).click();
    await page.locator('input[name=title]').fill('Written offline in A');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('hypothesis-card').filter({ hasText: 'Written offline in A' }).waitFor();
    expect(await page.getByTestId('pending-count').textContent()).toBe('1');

    await switchTo(page, 'Client B');
    expect(await page.getByTestId('hypothesis-card').filter({ hasText: 'Written offline in A' }).count()).toBe(0);
    expect(await page.getByTestId('pending-count').count(), 'B has nothing waiting').toBe(0);
    await page.getByTestId('workspace-name').click();
    await page
      .getByTestId('workspace-item')
      .filter({ hasText: '1 waiting to sync' })
      .filter({ hasText: 'Client A' })
      .waitFor();
    await screenshot(page, 'workspaces-03-offline-in-b-a-still-waiting-390');
    await page.goto('/');
    await page.getByTestId('workspace-name').filter({ hasText: 'Client B' }).waitFor();

    // Back online while B is on screen: A's write goes to A, once.
    await ctx.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const inA = async () =>
      (await admin.request<{ items: { title: string }[] }>('GET', '/api/hypotheses?limit=200')).body.items.filter(
        (h) => h.title === 'Written offline in A',
      ).length;
    for (let i = 0; i < 60 && (await inA()) === 0; i++) await page.waitForTimeout(500);
    expect(await inA()).toBe(1);
    await lee.request('POST', '/api/auth/switch', { workspaceId: b.body.id });
    const inB = await lee.request<{ items: { title: string }[] }>('GET', '/api/hypotheses?limit=200');
    expect(inB.body.items.map((h) => h.title)).not.toContain('Written offline in A');
    await page.waitForTimeout(1500); // another sync round must not send it again
    expect(await inA()).toBe(1);
    await page.getByTestId('workspace-name').filter({ hasText: 'Client B' }).waitFor();
    expect(await page.getByTestId('hypothesis-card').filter({ hasText: 'Written offline in A' }).count()).toBe(0);

    // 360 px: the switcher and B's settings (Lee is B's admin), no sideways scrolling.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByTestId('workspace-name').click();
    await page.getByTestId('workspace-item').first().waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    await screenshot(page, 'workspaces-04-switcher-360');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Workspace settings' }).waitFor();
    await page.locator('select[name=currency]').selectOption('GBP');
    await page.locator('select[name=timeZone]').selectOption('Europe/London');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    await screenshot(page, 'workspaces-05-settings-360');
    const settings = await lee.request<{ currency: string; timeZone: string }>('GET', '/api/workspace');
    expect(settings.body).toMatchObject({ currency: 'GBP', timeZone: 'Europe/London' });

    await switchTo(page, 'Client A');
    await page.getByTestId('hypothesis-card').filter({ hasText: 'Written offline in A' }).waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    await screenshot(page, 'workspaces-06-back-in-a-synced-360');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
