import { describe, expect, it } from 'vitest';
import { matchExpression } from '../../worker/search/match';
import { highlightParts } from '../../web/src/search/highlight';

describe('matchExpression', () => {
  it('quotes every word and makes the last one a prefix', () => {
    expect(matchExpression('free shipping ban')).toBe('"free" "shipping" "ban"*');
  });
  it('turns FTS syntax into plain words', () => {
    expect(matchExpression('NEAR(a b) OR "c')).toBe('"NEAR(a" "b)" "OR" "c"*');
    expect(matchExpression('zebra*')).toBe('"zebra*"*');
  });
  it('is null when nothing searchable is left', () => {
    for (const q of ['', '   ', '"', '* ( ) -', '""']) expect(matchExpression(q)).toBeNull();
  });
});

describe('highlightParts', () => {
  it('splits marked matches from plain text, keeping markup as text', () => {
    expect(highlightParts('a «<b>» c «d»')).toEqual([
      { text: 'a ', match: false },
      { text: '<b>', match: true },
      { text: ' c ', match: false },
      { text: 'd', match: true },
    ]);
  });
});
