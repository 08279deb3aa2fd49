import type { ReviewFigures } from './build';

/**
 * The weekly review as a Markdown document people paste into a doc or an email. User text (titles, reasons,
 * the narrative) is written as text: characters a renderer would read as HTML or as Markdown links are escaped.
 */
export type ReviewForMarkdown = {
  weekStart: string;
  status: 'draft' | 'published';
  narrative: string;
  publishedAt: string | null;
  figures: ReviewFigures;
};

const escapeInline = (text: string) =>
  text
    .replace(/[\\`*_[\]<>#|]/g, (ch) => `\\${ch}`)
    .replace(/\s+/g, ' ')
    .trim();
const escapeBlock = (text: string) => text.replace(/[<>]/g, (ch) => (ch === '<' ? '&lt;' : '&gt;'));
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const decisionWord = { ship: 'ship', kill: 'kill', iterate: 'iterate', keep_running: 'keep running' } as Record<
  string,
  string
>;

function list<T>(items: T[], empty: string, line: (item: T) => string): string[] {
  return items.length ? items.map((i) => `- ${line(i)}`) : [`_${empty}_`];
}

export function reviewMarkdown(review: ReviewForMarkdown, workspaceName: string): string {
  const f = review.figures;
  const money = (x: number) =>
    new Intl.NumberFormat('en', { style: 'currency', currency: f.currency, maximumFractionDigits: 0 }).format(x);
  const lines = [
    `# Weekly review — ${escapeInline(workspaceName)}`,
    '',
    `Week of ${f.week.weekStart} to ${f.week.lastDay} (${f.week.timeZone})${review.status === 'draft' ? ' · draft' : ''}`,
    '',
    '## Narrative',
    '',
    review.narrative.trim() ? escapeBlock(review.narrative.trim()) : '_No narrative written yet._',
    '',
    `## Tests launched (${f.launched.length})`,
    '',
    ...list(
      f.launched,
      'No test launched this week.',
      (c) => `${escapeInline(c.name)}${c.budget ? ` — budget ${money(c.budget)}` : ''}`,
    ),
    '',
    `## Tests closed (${f.closed.length}) — ${f.followedRule.followed} of ${f.followedRule.closed} followed their pre-registered rule`,
    '',
    ...list(f.closed, 'No test closed this week.', (c) =>
      c.followedRule
        ? `${escapeInline(c.name)}: **${c.decision}**, as the rule said`
        : `${escapeInline(c.name)}: **${c.decision}**, the rule said ${decisionWord[c.verdict ?? ''] ?? 'nothing yet'} — override: ${escapeInline(c.overrideReason ?? 'no reason recorded')}`,
    ),
    '',
    `## Learnings and insights published (${f.learnings.length + f.insights.length})`,
    '',
    ...list(
      [
        ...f.learnings.map((l) => `Learning: ${escapeInline(l.title)} (${l.decision})`),
        ...f.insights.map(
          (i) => `Insight: ${escapeInline(i.title)} (${i.citations} cited test${i.citations === 1 ? '' : 's'})`,
        ),
      ],
      'Nothing published this week.',
      (s) => s,
    ),
    '',
    `## Needs a decision (${f.needsDecision.length})`,
    '',
    ...list(
      f.needsDecision,
      'No running test is waiting for a decision.',
      (c) =>
        `${escapeInline(c.name)} — day ${c.daysRunning}, the rule says ${decisionWord[c.verdict] ?? c.verdict}${c.overdue.length ? `; ${c.overdue.map(escapeInline).join('; ')}` : ''}`,
    ),
    '',
    `## Warnings (${f.warnings.length})`,
    '',
    ...list(f.warnings, 'No sample-ratio or guardrail warning.', (c) =>
      [
        escapeInline(c.name),
        c.srm.mismatch ? `sample ratio mismatch (p = ${c.srm.pValue?.toPrecision(2)}): fix the split first` : null,
        ...c.guardrailBreaches.map(escapeInline),
      ]
        .filter(Boolean)
        .join(' — '),
    ),
    '',
    `## Mentions (${(f.mentions ?? []).length} people)`,
    '',
    ...(f.mentions ?? []).flatMap((p) => [
      `- ${escapeInline(p.name)}, mentioned ${p.mentions.length} time${p.mentions.length === 1 ? '' : 's'}:`,
      ...p.mentions.map(
        (m) =>
          `  - by ${escapeInline(m.author)} on the ${m.targetType === 'cycle' ? 'test' : m.targetType} ${escapeInline(m.targetName ?? 'that was removed')}: “${escapeInline(m.excerpt)}”`,
      ),
    ]),
    ...((f.mentions ?? []).length ? [] : ['_Nobody was mentioned in a comment this week._']),
    '',
    '## Spend against budget envelopes',
    '',
    ...list(f.spend, 'No objective yet.', (o) =>
      o.envelope
        ? `${escapeInline(o.title)}: ${money(o.spentToDate)} of ${money(o.envelope)} (${pct(o.share ?? 0)}), ${money(o.spentThisWeek)} this week`
        : `${escapeInline(o.title)}: ${money(o.spentToDate)} spent, ${money(o.spentThisWeek)} this week (no envelope set)`,
    ),
    '',
    '## Proposed next actions (top of the backlog)',
    '',
    ...list(
      f.nextActions,
      'The backlog is empty: log new hypotheses.',
      (h) =>
        `${escapeInline(h.title)} — ICE ${h.iceScore ?? 'not scored'}${h.missing.length ? ` (still missing: ${h.missing.join(', ')})` : ''}`,
    ),
    '',
    `_Figures built by Hadi from stored data as of the end of the week${review.publishedAt ? `; published ${review.publishedAt.slice(0, 10)}` : ''}._`,
    '',
  ];
  return lines.join('\n');
}
