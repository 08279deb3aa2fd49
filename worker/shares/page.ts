import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { insights, learnings } from '../../db/schema';
import type { Pooled } from '../insights/pool';

type Learning = typeof learnings.$inferSelect;
type Insight = typeof insights.$inferSelect;

const DECISIONS: Record<string, string> = { ship: 'Ship', kill: 'Kill', iterate: 'Iterate' };

/** A shared learning: plain server-rendered HTML, nothing of the workspace but this learning. */
/** One read-only page for people outside the workspace: no script, noindex, every user string escaped. */
function sharedPage(kind: 'learning' | 'insight', title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex, nofollow" />
    <title>${title} · shared ${kind}</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 0 auto; padding: 1rem; color: #111827; }
      h1 { font-size: 1.5rem; overflow-wrap: anywhere; }
      dt { font-weight: 600; margin-top: 0.75rem; }
      dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
      .muted { color: #4b5563; font-size: 0.9rem; }
    </style>
  </head>
  <body>
    <p class="muted">${kind === 'learning' ? 'A learning' : 'An insight'} shared from Hadi, read-only.</p>
    <h1 data-testid="shared-title">${title}</h1>
    ${body}
  </body>
</html>`;
}

export function sharedLearningPage(l: Learning, channel: string | null) {
  return sharedPage(
    'learning',
    l.title,
    html`<dl>
      <dt>What we learned</dt>
      <dd data-testid="shared-summary">${l.summary}</dd>
      <dt>Decision</dt>
      <dd>${DECISIONS[l.decision] ?? l.decision}${l.verdict ? ` (the pre-registered rule said: ${l.verdict.replace(/_/g, ' ')})` : ''}</dd>
      ${l.isOverride && l.overrideReason ? html`<dt>Why the rule was overridden</dt><dd>${l.overrideReason}</dd>` : ''}
      ${l.nextSteps ? html`<dt>Next steps</dt><dd>${l.nextSteps}</dd>` : ''}
      ${channel ? html`<dt>Channel</dt><dd>${channel}</dd>` : ''}
      <dt>Published</dt>
      <dd>${l.publishedAt.slice(0, 10)}</dd>
    </dl>`,
  );
}

const pct = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const tests = (n: number) => `${n} test${n === 1 ? '' : 's'}`;
const METHODS: Record<string, string> = {
  random: 'random effects (the tests may differ from one another)',
  fixed: 'a fixed effect (one true lift shared by the tests)',
};

/** The pooled evidence in words: what the cited tests say together, without naming them. */
export function pooledInWords(p: Pooled, stances: { supports: number; contradicts: number }): string {
  const cited = `${tests(stances.supports + stances.contradicts)} cited: ${stances.supports} supporting, ${stances.contradicts} contradicting.`;
  if (!p.result) return `No cited test has a measured lift yet. ${cited}`;
  const r = p.result;
  const chance = r.pValue < 0.05 ? 'this is unlikely to be chance alone' : 'this could still be chance';
  return [
    `Together the ${tests(p.studies)} with a measured lift show ${pct(r.estimate)} on their primary metric`,
    `(95% interval ${pct(r.ci[0])} to ${pct(r.ci[1])}); ${chance} (p = ${r.pValue.toPrecision(2)}).`,
    `${p.heterogeneity} Pooled with ${METHODS[p.method] ?? p.method}. ${cited}`,
  ].join(' ');
}

/** The public page of a shared insight: its claim and pooled evidence in words; no cited test is named. */
export function sharedInsightPage(i: Insight, pooled: Pooled, stances: { supports: number; contradicts: number }) {
  return sharedPage(
    'insight',
    i.title,
    html`<dl>
      ${i.claim ? html`<dt>The claim</dt><dd data-testid="shared-claim">${i.claim}</dd>` : ''}
      <dt>What the tests say together</dt>
      <dd data-testid="shared-pooled">${pooledInWords(pooled, stances)}</dd>
      <dt>Published</dt>
      <dd>${i.publishedAt.slice(0, 10)}</dd>
    </dl>`,
  );
}

export const goneShareHtml = html`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
  <meta name="robots" content="noindex, nofollow" /><title>Link not available</title></head>
  <body style="font: 16px/1.5 system-ui, sans-serif; padding: 1rem">
    <h1>This link is not available</h1>
    <p>It may have expired or been revoked. Ask the person who shared it for a new one.</p>
  </body>
</html>`;
