import { describe, expect, it } from 'vitest';
import { emailHandle, mentionedHandles, nameHandle, resolveMentions } from '../../../worker/comments/mentions';

describe('@mentions', () => {
  it('derives handles from the name (accents, spaces and punctuation dropped) and the email local part', () => {
    expect(nameHandle('Léa Martin-Duval')).toBe('leamartinduval');
    expect(nameHandle("Ada O'Neil")).toBe('adaoneil');
    expect(emailHandle('Lea.M@Acme.com')).toBe('lea.m');
  });

  it('finds handles in text, case-insensitively, without trailing punctuation or email addresses', () => {
    expect(mentionedHandles('@Lea.M, can you check? cc @adaoneil. Mail lea@acme.com')).toEqual(['lea.m', 'adaoneil']);
    expect(mentionedHandles('(@ada) and @ada again')).toEqual(['ada']);
    expect(mentionedHandles('no mention @ here')).toEqual([]);
  });

  it('resolves to the given people only, by either handle', () => {
    const people = [
      { id: 'm1', name: 'Léa Martin', email: 'lea.m@acme.com' },
      { id: 'm2', name: 'Ada Admin', email: 'ada@acme.com' },
    ];
    expect(resolveMentions('@leamartin and @ada', people)).toEqual(['m1', 'm2']);
    expect(resolveMentions('@lea.m', people)).toEqual(['m1']);
    expect(resolveMentions('@someone', people)).toEqual([]);
  });
});
