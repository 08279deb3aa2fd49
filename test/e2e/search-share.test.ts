import { describe, expect, it } from 'vitest';
import type { Team } from '../api/support/client';
import { draftCycle, winningResults } from '../api/support/fixtures';
import { addMember, ApiUser, liveApp, PASSWORD, phone, screenshot, signIn } from './support/server';

/**
 * Issue 14 on a phone: a viewer finds a learning by a word of its insight through the search screen; a lead
 * shares it, the link opens signed out in a fresh phone browser, and is refused once revoked. Then an insight and
 * a comment are found by a word, the comment's hit opens its cycle, and an insight is shared and revoked alike.
 */
const live = liveApp();
const INSIGHT = 'Capybara mascots lifted conversion among returning shoppers';

/** The API fixtures want clients with get/post: the lead's ApiUser plays the member's part too. */
const asClient = (user: ApiUser) => ({
  get: (path: string) => user.request('GET', path),
  post: (path: string, body: unknown = {}) => user.request('POST', path, body),
});

async function arrange() {
  const admin = new ApiUser(live.server.base);
  const setup = await admin.request('POST', '/api/auth/setup', {
    workspace: 'Acme Growth',
    name: 'Ada Admin',
    email: 'admin@acme.test',
    password: PASSWORD,
  });
  expect(setup.status, JSON.stringify(setup.body)).toBeLessThan(300);
  await addMember(admin, 'leo@acme.test', 'Leo Lead', 'lead');
  await addMember(admin, 'vic@acme.test', 'Vic Viewer', 'viewer');
  const lead = await new ApiUser(live.server.base).login('leo@acme.test', PASSWORD);
  const team = { member: asClient(lead), lead: asClient(lead) } as unknown as Team;
  const { cycle, metric } = await draftCycle(team);
  expect((await lead.request('POST', `/api/cycles/${cycle.id}/launch`, { version: 1 })).status).toBe(200);
  expect((await lead.request('POST', `/api/cycles/${cycle.id}/snapshots`, winningResults(metric))).status).toBe(201);
  const closed = await lead.request('POST', `/api/cycles/${cycle.id}/close`, {
    decision: 'ship',
    overrideReason: 'e2e',
    learning: { summary: INSIGHT },
  });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  return closed.body.learning as { id: string; title: string; cycleId: string };
}

describe('search and share links on a phone', () => {
  it('finds a learning by a word of its insight, shares it, and refuses the link once revoked', async () => {
    const learning = await arrange();

    const viewer = await (await phone(live.browser, live.server.base)).newPage();
    await signIn(viewer, 'vic@acme.test');
    await viewer.getByTestId('search-link').click();
    await viewer.getByTestId('search-input').fill('capyb');
    const hit = viewer.getByTestId('search-group-learning').getByTestId('search-hit');
    await hit.waitFor();
    expect(await hit.locator('mark').first().textContent()).toBe('Capybara');
    await screenshot(viewer, 'search-01-found');
    await hit.locator('a').click();
    await viewer.getByRole('heading', { name: learning.title }).waitFor();
    expect(await viewer.getByTestId('share-learning').count()).toBe(0); // viewers cannot share

    const leadPage = await (await phone(live.browser, live.server.base)).newPage();
    await signIn(leadPage, 'leo@acme.test');
    await leadPage.goto(`/learnings/${learning.id}`);
    await leadPage.getByTestId('share-learning').click();
    const url = await leadPage.getByTestId('share-url').inputValue();
    expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{40,}$/);
    await screenshot(leadPage, 'search-02-shared');

    const stranger = await (await phone(live.browser, live.server.base)).newPage(); // signed out
    const opened = await stranger.goto(url);
    expect(opened!.status()).toBe(200);
    expect(opened!.headers()['x-robots-tag']).toContain('noindex');
    await stranger.getByText(INSIGHT).waitFor();
    expect(await stranger.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await screenshot(stranger, 'search-03-public-page');

    await leadPage.getByTestId('revoke-share').click();
    await leadPage.getByTestId('share-learning').waitFor();
    const refused = await stranger.goto(url);
    expect(refused!.status()).toBe(404);
    expect(await stranger.getByText(INSIGHT).count()).toBe(0);

    // Insights and comments are searched too, and a lead shares one insight the same way.
    const lead = await new ApiUser(live.server.base).login('leo@acme.test', PASSWORD);
    const insight = await lead.request('POST', '/api/insights', {
      title: 'Mascots win returning shoppers',
      claim: 'Okapi-style mascots beat discounts for people who bought before',
      citations: [{ cycleId: learning.cycleId, stance: 'supports' }],
    });
    expect(insight.status, JSON.stringify(insight.body)).toBe(201);
    const comment = await lead.request('POST', '/api/comments', {
      targetType: 'cycle',
      targetId: learning.cycleId,
      body: 'Could the okapi work on paid social too?',
    });
    expect(comment.status, JSON.stringify(comment.body)).toBe(201);
    await viewer.goto('/search?q=okapi');
    await viewer.getByTestId('search-group-insight').getByTestId('search-hit').waitFor();
    const commentHit = viewer.getByTestId('search-group-comment').getByTestId('search-hit');
    await commentHit.waitFor();
    expect(await viewer.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await screenshot(viewer, 'search-04-insight-and-comment');
    await commentHit.locator('a').click();
    await viewer.waitForURL(`**/cycles/${learning.cycleId}`); // a comment opens what it discusses

    await leadPage.goto(`/insights/${insight.body.id}`);
    await leadPage.getByTestId('share-insight').click();
    const insightUrl = await leadPage.getByTestId('share-url').inputValue();
    const page = await stranger.goto(insightUrl);
    expect(page!.status()).toBe(200);
    await stranger.getByText('Okapi-style mascots beat discounts').waitFor();
    await stranger.getByText(/Together the 1 test with a measured lift show/).waitFor();
    expect(await stranger.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await screenshot(stranger, 'search-05-shared-insight');
    await leadPage.getByTestId('revoke-share').click();
    await leadPage.getByTestId('share-insight').waitFor();
    expect((await stranger.goto(insightUrl))!.status()).toBe(404);
  });
});
