import { html } from 'hono/html';
import type { learnings } from '../../db/schema';

type Learning = typeof learnings.$inferSelect;

const DECISIONS: Record<string, string> = { ship: 'Ship', kill: 'Kill', iterate: 'Iterate' };

/**
 * The public page of a shared learning: plain server-rendered HTML, every user string escaped by hono/html's
 * tagged template, no script, nothing of the workspace but this learning.
 */
export function sharedLearningPage(l: Learning, channel: string | null) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex, nofollow" />
    <title>${l.title} · shared learning</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 0 auto; padding: 1rem; color: #111827; }
      h1 { font-size: 1.5rem; overflow-wrap: anywhere; }
      dt { font-weight: 600; margin-top: 0.75rem; }
      dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
      .muted { color: #4b5563; font-size: 0.9rem; }
    </style>
  </head>
  <body>
    <p class="muted">A learning shared from Hadi, read-only.</p>
    <h1 data-testid="shared-title">${l.title}</h1>
    <dl>
      <dt>What we learned</dt>
      <dd data-testid="shared-summary">${l.summary}</dd>
      <dt>Decision</dt>
      <dd>${DECISIONS[l.decision] ?? l.decision}${l.verdict ? ` (the pre-registered rule said: ${l.verdict.replace(/_/g, ' ')})` : ''}</dd>
      ${l.isOverride && l.overrideReason ? html`<dt>Why the rule was overridden</dt><dd>${l.overrideReason}</dd>` : ''}
      ${l.nextSteps ? html`<dt>Next steps</dt><dd>${l.nextSteps}</dd>` : ''}
      ${channel ? html`<dt>Channel</dt><dd>${channel}</dd>` : ''}
      <dt>Published</dt>
      <dd>${l.publishedAt.slice(0, 10)}</dd>
    </dl>
  </body>
</html>`;
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
