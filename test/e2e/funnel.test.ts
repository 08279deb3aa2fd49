import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, ApiUser, axe, liveApp, PASSWORD, screenshot, signIn } from './support/server';

/**
 * The money layer on a 360 px phone, in real Chromium against `wrangler dev`: a lead builds the funnel of an
 * objective, runs the "conversion −15%" stress test and sees CAC cross the objective's ceiling, then the backlog
 * re-sorts by expected value. Screenshots: test-artifacts/screens/funnel-0*.png.
 */
const live = liveApp();

async function phone360(): Promise<Page> {
  const ctx = await live.browser.newContext({
    baseURL: live.server.base,
    viewport: { width: 360, height: 780 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  ctx.setDefaultTimeout(20_000);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

/** Types a value and commits it (the funnel inputs apply on change, like a slider released). */
async function set(page: Page, name: string, value: string) {
  const input = page.locator(`input[name="${name}"]`);
  await input.fill(value);
  await input.dispatchEvent('change');
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('the funnel on a phone', () => {
  it('a lead models an objective, stress-tests it against the CAC ceiling and ranks the backlog by value', async () => {
    const admin = new ApiUser(live.server.base);
    const setup = await admin.request('POST', '/api/auth/setup', {
      workspace: 'Northwind',
      name: 'Ada Admin',
      email: 'ada@northwind.test',
      password: PASSWORD,
    });
    expect(setup.status, JSON.stringify(setup.body)).toBe(201);
    await admin.login('ada@northwind.test', PASSWORD);
    await addMember(admin, 'leo@northwind.test', 'Leo Lead', 'lead');
    const lead = await new ApiUser(live.server.base).login('leo@northwind.test', PASSWORD);
    const objective = await lead.request<{ id: string }>('POST', '/api/objectives', {
      title: 'More first orders at CAC ≤ €45',
      guardrails: { cacMax: 45 },
      budgetEnvelope: 60000,
    });
    expect(objective.status).toBe(201);
    const idea = (title: string, extra: Record<string, unknown>) =>
      lead.request('POST', '/api/hypotheses', { title, objectiveId: objective.body.id, ...extra });
    // ICE favours the small checkout tweak; expected value will favour the broad-match traffic play.
    await idea('Checkout button colour', {
      impact: 10,
      confidence: 3,
      ease: 10,
      funnelStage: 'conversion',
      expectedImpact: 0.02,
    });
    await idea('Broad match on top keywords', {
      impact: 4,
      confidence: 6,
      ease: 3,
      funnelStage: 'awareness',
      expectedImpact: 0.3,
    });

    const page = await phone360();
    await signIn(page, 'leo@northwind.test');
    (page as Page & { errors: string[] }).errors.length = 0; // the signed-out /api/auth/me 401 before sign-in is expected
    await page.goto(`/objectives/${objective.body.id}/funnel`);
    await page.getByRole('heading', { name: /Funnel: More first orders/ }).waitFor();
    await page.getByText(/No funnel yet/).waitFor();

    // 120 000 visits × 50% × 12% × 30% = 2 160 orders a month for €66 000: CAC €30.56 (ceiling €45).
    await set(page, 'traffic', '120000');
    await set(page, 'spend', '66000');
    await set(page, 'stage-0-name', 'product view');
    await set(page, 'stage-0-rate', '50');
    await set(page, 'stage-1-name', 'add to cart');
    await set(page, 'stage-1-rate', '12');
    await page.getByRole('button', { name: '+ Stage' }).click();
    await set(page, 'stage-2-name', 'order');
    await set(page, 'stage-2-rate', '30');
    await set(page, 'value', '110');
    await set(page, 'margin', '50');
    const today = page.getByTestId('scenario-grid').locator('article').first();
    await expect.poll(() => today.textContent()).toMatch(/2,160/);
    // The scenario being edited has no changes yet: it is today's funnel, side by side.
    const editing = page.getByTestId('scenario-grid').locator('article').nth(1);
    await expect.poll(() => editing.textContent()).toMatch(/2,160/);
    await page.getByRole('button', { name: 'Save funnel and scenarios' }).click();
    await page.getByText('Funnel saved').waitFor();
    await screenshot(page, 'funnel-01-model');

    // One tap: every rate −15% → 2 160 × 0.85³ ≈ 1 326.5 orders → CAC ≈ €49.75, over the €45 ceiling.
    await page.getByRole('button', { name: 'Conversion −15%' }).click();
    const cac = page.getByTestId('guardrail-cacMax');
    await expect.poll(() => cac.textContent()).toMatch(/CAC €49\.7\d crosses the ceiling of €45/);
    expect(await cac.getAttribute('class')).toContain('crossed');
    await screenshot(page, 'funnel-02-stress-conversion');
    expect(await axe(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);

    // CPC +20% at equal traffic keeps CAC under the ceiling (€36.67).
    await page.getByRole('button', { name: 'CPC +20%' }).click();
    await expect.poll(() => cac.textContent()).toMatch(/stays under the ceiling/);

    await page.getByRole('button', { name: 'Show the tornado chart' }).click();
    await page.getByTestId('tornado').waitFor();
    await screenshot(page, 'funnel-03-tornado');
    expect(await noSidewaysScroll(page)).toBe(true);

    // The saved funnel is the server's: it survives a reload.
    const stored = await lead.request<{ funnel: { model: { traffic: number; stages: unknown[] } } }>(
      'GET',
      `/api/funnels/${objective.body.id}`,
    );
    expect(stored.body.funnel.model).toMatchObject({ traffic: 120000, spend: 66000, value: 110, margin: 0.5 });
    expect(stored.body.funnel.model.stages).toHaveLength(3);

    // The backlog: ICE puts the checkout tweak first; ranking by expected value puts broad match first.
    await page.goto('/');
    await page.reload();
    await page.getByRole('heading', { name: 'Backlog' }).waitFor();
    const titles = () => page.getByTestId('hypothesis-card').locator('.card-title').allTextContents();
    await expect.poll(titles).toEqual(['Checkout button colour', 'Broad match on top keywords']);
    await page.getByTestId('filters-toggle').click(); // folded on phones
    await page.getByLabel('Rank by').selectOption('value');
    await expect.poll(titles).toEqual(['Broad match on top keywords', 'Checkout button colour']);
    const figure = page.getByTestId('expected-value').first();
    await figure.locator('summary').click();
    await figure.getByText(/chance it works: 60%/).waitFor();
    await screenshot(page, 'funnel-04-backlog-by-value');
    expect(await axe(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
  });
});
