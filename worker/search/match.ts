/**
 * Turns what a person typed into an FTS5 query that cannot be a syntax error: every word is quoted (so `"`,
 * `*`, `NEAR(`, `OR`, `AND`, `-`, parentheses are just text) and all words must appear; the last word also
 * matches as a prefix, so results come while typing. Null when nothing searchable is left.
 */
export function matchExpression(q: string): string | null {
  const words = q
    .split(/\s+/)
    .map((word) => word.replace(/"/g, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (!words.length) return null;
  return words.map((word, i) => `"${word}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

/** Snippet markers: the PWA renders the text between them as <mark> elements built from text nodes. */
export const MARK_START = '«';
export const MARK_END = '»';
