/**
 * Turns what a person typed into an FTS5 query that cannot be a syntax error: every word is quoted (so `"`,
 * `*`, `NEAR(`, `OR`, `AND`, `-`, parentheses are just text) and all words must appear; the last word also
 * matches as a prefix, so results come while typing. Null when nothing searchable is left.
 */
export function matchExpression(q: string): string | null {
  const words = wordsOf(q);
  if (!words.length) return null;
  return words.map((word, i) => (i === words.length - 1 ? asPrefix(word) : `"${word}"`)).join(' ');
}

/**
 * The words bm25 ranks by: those typed in full. The word still being typed only narrows the matches: as a
 * weight it would rank by how common the completions of an unfinished word are, and counting them is a pass over
 * every document holding one (a third of a two-word search's cost on 100,000 hypotheses). A lone word ranks.
 */
export function rankExpression(q: string): string | null {
  const words = wordsOf(q);
  if (words.length <= 1) return matchExpression(q);
  return words
    .slice(0, -1)
    .map((word) => `"${word}"`)
    .join(' ');
}

const wordsOf = (q: string) =>
  q
    .split(/\s+/)
    .map((word) => word.replace(/"/g, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word));

/**
 * From two characters, the shortest prefix the index holds (migration 0018): a one-letter prefix would merge the
 * doclists of every word starting with that letter (ten times the cost of a search), so it matches as a word.
 */
const asPrefix = (word: string) => (Array.from(word).length >= 2 ? `"${word}"*` : `"${word}"`);

/** Snippet markers: the PWA renders the text between them as <mark> elements built from text nodes. */
export const MARK_START = '«';
export const MARK_END = '»';
