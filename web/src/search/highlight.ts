/** Splits a snippet marked with «…» (worker/search/match.ts) into plain and matched parts, rendered as text. */
export function highlightParts(snippet: string): { text: string; match: boolean }[] {
  return snippet
    .split(/(«[^«»]*»)/)
    .filter(Boolean)
    .map((part) =>
      part.startsWith('«') && part.endsWith('»')
        ? { text: part.slice(1, -1), match: true }
        : { text: part, match: false },
    );
}
