import { describe, expect, it } from 'vitest';
import { matchExpression, rankExpression } from '../../worker/search/match';
import { highlightParts } from '../../web/src/search/highlight';

describe('matchExpression', () => {
  it('quotes every word and makes the last one a prefix', () => {
    expect(matchExpression('free shipping ban')).toBe('"free" "shipping" "ban"*');
  });
  it('turns FTS syntax into plain words', () => {
    expect(matchExpression('NEAR(a b) OR "cd')).toBe('"NEAR(a" "b)" "OR" "cd"*');
    expect(matchExpression('zebra*')).toBe('"zebra*"*');
  });
  it('matches a one-letter last word whole: the index holds prefixes from two letters', () => {
    expect(matchExpression('vitamin c')).toBe('"vitamin" "c"');
    expect(matchExpression('é')).toBe('"é"');
    expect(matchExpression('éé')).toBe('"éé"*');
  });
  it('is null when nothing searchable is left', () => {
    for (const q of ['', '   ', '"', '* ( ) -', '""']) expect(matchExpression(q)).toBeNull();
  });
});

describe('rankExpression', () => {
  it('ranks by the words typed in full; a lone word ranks by itself', () => {
    expect(rankExpression('checkout segm')).toBe('"checkout"');
    expect(rankExpression('free shipping ban')).toBe('"free" "shipping"');
    expect(rankExpression('segm')).toBe('"segm"*');
    expect(rankExpression(' " ')).toBeNull();
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
