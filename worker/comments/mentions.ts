/**
 * `@handle` mentions. A member answers to two handles: their name with accents, spaces and punctuation
 * dropped, lower-cased ("Léa Martin" → `@leamartin`), and the local part of their email (`@lea.m` for
 * lea.m@acme.com). Handles are case-insensitive. Pure: resolution against members happens in the routes.
 */
const MENTION = /(?:^|[^\w@.])@([\p{L}\p{N}._-]+)/gu;

export const nameHandle = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

export const emailHandle = (email: string) => (email.split('@')[0] ?? '').toLowerCase();

/** The handles written in a text, lower-cased, without trailing punctuation ("@ada." → "ada"). */
export function mentionedHandles(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(MENTION)) {
    const handle = (m[1] ?? '').replace(/[._-]+$/, '').toLowerCase();
    if (handle) found.add(handle);
  }
  return [...found];
}

/** Members (by id) whose name or email handle is mentioned in the text. */
export function resolveMentions(text: string, people: { id: string; name: string; email: string }[]): string[] {
  const handles = new Set(mentionedHandles(text));
  if (handles.size === 0) return [];
  return people.filter((p) => handles.has(nameHandle(p.name)) || handles.has(emailHandle(p.email))).map((p) => p.id);
}
