import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, ApiUser, liveApp, PASSWORD, phone, screenshot, signIn } from './support/server';

/**
 * A conversation on a running test, on phones: a member mentions the lead while offline (the comment waits in
 * the outbox and is posted once back online); the lead sees the unread mention in the header, opens the inbox,
 * follows it to the test and answers; the member's inbox then holds the reply.
 */
const live = liveApp();

const noSidewaysScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

async function runningTest(lead: ApiUser, member: ApiUser) {
  const metrics = (await member.request('GET', '/api/metrics')).body.items as { id: string; name: string }[];
  const cr = metrics.find((m) => m.name === 'Conversion rate')!.id;
  const h = await member.request('POST', '/api/hypotheses', { title: 'Countdown on the offer page' });
  const cycle = await member.request('POST', '/api/cycles', {
    hypothesisId: h.body.id,
    name: 'Countdown A/B',
    variants: [
      { key: 'control', name: 'Control', weight: 1 },
      { key: 'countdown', name: 'Countdown', weight: 1 },
    ],
    decisionRule: {
      primaryMetricId: cr,
      method: 'frequentist',
      alpha: 0.05,
      minRelativeLift: 0.02,
      guardrails: [],
      minDays: 0,
    },
  });
  expect(cycle.status, JSON.stringify(cycle.body)).toBe(201);
  expect((await lead.request('POST', `/api/cycles/${cycle.body.id}/launch`, {})).status).toBe(200);
  return cycle.body.id as string;
}

describe('discussing a running test', () => {
  it('a member mentions the lead (offline), the lead reads it in the inbox on a phone and answers', async () => {
    const admin = new ApiUser(live.server.base);
    const setup = await admin.request('POST', '/api/auth/setup', {
      workspace: 'Talk Co',
      name: 'Ada Admin',
      email: 'ada@talk.test',
      password: PASSWORD,
    });
    expect(setup.status).toBe(201);
    await addMember(admin, 'mia@talk.test', 'Mia Member', 'member');
    await addMember(admin, 'leo@talk.test', 'Leo Lead', 'lead');
    const member = await new ApiUser(live.server.base).login('mia@talk.test', PASSWORD);
    const lead = await new ApiUser(live.server.base).login('leo@talk.test', PASSWORD);
    const cycleId = await runningTest(lead, member);

    // The member, on a phone, loses the network while writing.
    const mctx = await phone(live.browser, live.server.base);
    const mpage = await mctx.newPage();
    await mpage.setViewportSize({ width: 360, height: 740 });
    await signIn(mpage, 'mia@talk.test');
    await mpage.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 30_000 });
    await mpage.goto(`/cycles/${cycleId}`);
    await mpage.getByText(/No comments yet/).waitFor();
    await mctx.setOffline(true);
    await mpage.getByTestId('comment-input').fill('@leolead CPA jumped on Sunday: extend the window by a week?');
    await mpage.getByRole('button', { name: 'Post' }).click();
    await mpage.getByTestId('comment-pending').getByText('waiting to be sent').waitFor();
    await screenshot(mpage, 'comments-01-member-offline');
    await mctx.setOffline(false);
    await mpage
      .getByTestId('comment')
      .getByText(/extend the window/)
      .waitFor({ timeout: 45_000 });
    expect(await mpage.getByTestId('comment-pending').count()).toBe(0);
    await noSidewaysScroll(mpage);

    // Stored once, with one mention for the lead.
    const thread = await lead.request('GET', `/api/comments?targetType=cycle&targetId=${cycleId}`);
    expect(thread.body.items).toHaveLength(1);

    // The lead sees the unread count in the header, opens the inbox and follows the mention to the test.
    const lctx = await phone(live.browser, live.server.base);
    const lpage = await lctx.newPage();
    await lpage.setViewportSize({ width: 360, height: 740 });
    await signIn(lpage, 'leo@talk.test');
    await lpage.getByTestId('inbox-unread').getByText('1').waitFor();
    await lpage.getByTestId('inbox-link').click();
    await lpage.getByRole('heading', { name: 'Inbox' }).waitFor();
    await lpage.getByText('Mia Member mentioned you on a test').waitFor();
    expect(await lpage.getByTestId('my-handles').textContent()).toContain('@leolead');
    await noSidewaysScroll(lpage);
    await screenshot(lpage, 'comments-02-lead-inbox');
    await lpage.getByText('Mia Member mentioned you on a test').click();
    await lpage.getByRole('heading', { name: 'Countdown A/B' }).waitFor();
    await lpage.getByTestId('comment-input').fill('Yes, one more week. @mia keep an eye on CPA.');
    await lpage.getByRole('button', { name: 'Post' }).click();
    await lpage
      .getByTestId('comment')
      .getByText(/one more week/)
      .waitFor({ timeout: 30_000 });
    // A typo fixed within the 15 minutes: the author edits in place.
    await lpage
      .getByTestId('comment')
      .filter({ hasText: 'one more week' })
      .getByRole('button', { name: 'Edit' })
      .click();
    await lpage.getByLabel('Edit your comment').fill('Yes, one more week, then we decide. @mia keep an eye on CPA.');
    await lpage.getByRole('button', { name: 'Save', exact: true }).click();
    await lpage
      .getByTestId('comment')
      .getByText(/then we decide/)
      .waitFor();
    await noSidewaysScroll(lpage);
    await screenshot(lpage, 'comments-03-lead-answers');
    expect(await lpage.getByTestId('inbox-unread').count()).toBe(0);

    // The member hears back: a mention (by email handle) in their inbox.
    const inbox = await member.request('GET', '/api/inbox');
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({ kind: 'mention', comment: { authorName: 'Leo Lead', version: 2 } });
  });
});
