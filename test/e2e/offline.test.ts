import { describe, expect, it } from 'vitest';
import { addMember, ApiUser, liveApp, PASSWORD, phone, screenshot, signIn } from './support/server';

/**
 * Offline-first capture: with the network off, a member creates five hypotheses and edits one, a half-typed
 * draft survives a reload, the page reloads from the service worker with everything still there, and when the
 * network returns the server ends up with exactly those five, once each, with the edit applied.
 */
const live = liveApp();

describe('offline outbox', () => {
  it('keeps every write made offline and syncs each exactly once', async () => {
    const admin = new ApiUser(live.server.base);
    const setup = await admin.request('POST', '/api/auth/setup', {
      workspace: 'Offline Co',
      name: 'Ada',
      email: 'ada@offline.test',
      password: PASSWORD,
    });
    expect(setup.status).toBe(201);
    await addMember(admin, 'mo@offline.test', 'Mo Member', 'member');

    const ctx = await phone(live.browser, live.server.base);
    const page = await ctx.newPage();
    await signIn(page, 'mo@offline.test');
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 30_000 });
    await page.getByText(/^Synced /).waitFor();

    await ctx.setOffline(true);
    await page.getByTestId('sync-pill').getByText('Offline').waitFor();

    const titles = [1, 2, 3, 4, 5].map((i) => `Offline idea ${i}`);
    for (const title of titles) {
      await page.getByRole('link', { name: '+ New hypothesis' }).click();
      await page.locator('input[name=title]').fill(title);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByTestId('hypothesis-card').filter({ hasText: title }).waitFor();
    }
    await page.getByTestId('hypothesis-card').filter({ hasText: 'Offline idea 3' }).click();
    await page.locator('input[name=title]').fill('Offline idea 3 (edited)');
    await page.locator('textarea[name=change]').fill('add a countdown to the offer');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('hypothesis-card').filter({ hasText: 'Offline idea 3 (edited)' }).waitFor();
    expect(await page.getByTestId('pending-count').textContent()).toBe('5');

    // A half-typed idea is kept as a draft, even across a reload.
    await page.getByRole('link', { name: '+ New hypothesis' }).click();
    await page.locator('input[name=title]').fill('Half-typed idea');
    await page.waitForTimeout(500);

    await page.reload();
    await page.locator('input[name=title]').waitFor();
    expect(await page.locator('input[name=title]').inputValue()).toBe('Half-typed idea');
    await page.goto('/');
    await page.getByTestId('hypothesis-card').first().waitFor();
    expect(await page.getByTestId('hypothesis-card').count()).toBe(5);
    expect(await page.getByText('Not synced yet').count()).toBe(5);
    expect(await page.getByTestId('pending-count').textContent()).toBe('5');
    await screenshot(page, '11-offline-backlog');

    await ctx.setOffline(false);
    await page.getByTestId('pending-count').waitFor({ state: 'detached', timeout: 45_000 });
    await page.getByText('Not synced yet').first().waitFor({ state: 'detached' });

    const list = await admin.request<{
      items: { id: string; title: string; change: string | null; version: number }[];
    }>('GET', '/api/hypotheses?limit=200&sort=recent');
    const expected = [
      'Offline idea 1',
      'Offline idea 2',
      'Offline idea 3 (edited)',
      'Offline idea 4',
      'Offline idea 5',
    ];
    expect(list.body.items.map((h) => h.title).sort()).toEqual(expected);
    expect(new Set(list.body.items.map((h) => h.id)).size).toBe(5);
    const edited = list.body.items.find((h) => h.title === 'Offline idea 3 (edited)');
    expect(edited?.change).toBe('add a countdown to the offer');
    expect(edited?.version).toBe(1); // the edit folded into the create: one write, not a create plus a patch

    // Another sync (app start, interval) must not duplicate anything.
    await page.reload();
    await page.getByText(/^Synced /).waitFor();
    const again = await admin.request<{ items: unknown[] }>('GET', '/api/hypotheses?limit=200');
    expect(again.body.items).toHaveLength(5);
    await ctx.close();
  });
});
