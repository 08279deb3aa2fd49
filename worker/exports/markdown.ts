import type { learnings } from '../../db/schema';

type Learning = typeof learnings.$inferSelect;

/** Backslash-escapes what Markdown would read as markup, so user text stays text wherever the file is rendered. */
export const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]<>#|~!]/g, (ch) => `\\${ch}`);

const DECISION_WORDS: Record<string, string> = { ship: 'Ship', kill: 'Kill', iterate: 'Iterate' };

/** One learning as a Markdown page for a doc, a slide or a chat message. */
export function learningMarkdown(l: Learning, names: { channel: string | null; currency: string }): string {
  const money =
    l.spend == null
      ? null
      : new Intl.NumberFormat('en', { style: 'currency', currency: names.currency }).format(l.spend);
  const facts = [
    `- **Decision:** ${DECISION_WORDS[l.decision] ?? l.decision}${l.verdict ? ` (the pre-registered rule said ${escapeMarkdown(l.verdict)})` : ''}`,
    l.isOverride && l.overrideReason ? `- **Why the rule was overridden:** ${escapeMarkdown(l.overrideReason)}` : null,
    `- **Published:** ${l.publishedAt.slice(0, 10)}`,
    names.channel ? `- **Channel:** ${escapeMarkdown(names.channel)}` : null,
    l.lever ? `- **Lever:** ${l.lever.replace(/_/g, ' ')}` : null,
    money ? `- **Spend:** ${money}` : null,
    l.tags.length ? `- **Tags:** ${l.tags.map(escapeMarkdown).join(', ')}` : null,
  ].filter(Boolean);
  return [
    `# ${escapeMarkdown(l.title)}`,
    '',
    ...facts,
    '',
    '## What we learned',
    '',
    escapeMarkdown(l.summary),
    ...(l.nextSteps ? ['', '## Next steps', '', escapeMarkdown(l.nextSteps)] : []),
    '',
  ].join('\n');
}
