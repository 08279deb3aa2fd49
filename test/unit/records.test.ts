import { describe, expect, it } from 'vitest';
import { ApiError } from '../../worker/http/errors';
import { decodeCursor, encodeCursor, page } from '../../worker/records/pagination';
import { expectedVersion } from '../../worker/records/version-header';

describe('expected version', () => {
  it('reads If-Match in its usual spellings before the body', () => {
    expect(expectedVersion('3', 1)).toBe(3);
    expect(expectedVersion('"4"', undefined)).toBe(4);
    expect(expectedVersion('W/"5"', undefined)).toBe(5);
    expect(expectedVersion(undefined, 2)).toBe(2);
  });

  it('refuses a missing or malformed version with a 400 naming the field', () => {
    for (const [header, body] of [
      [undefined, undefined],
      ['abc', undefined],
      [undefined, 0],
      [undefined, 1.5],
    ] as const) {
      try {
        expectedVersion(header, body);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(ApiError);
        expect((err as ApiError).status).toBe(400);
        expect((err as ApiError).extra.fields).toHaveProperty('version');
      }
    }
  });
});

describe('keyset pagination', () => {
  it('round-trips cursors and rejects forged ones', () => {
    const cursor = { sort: 7.5, id: 'abc' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(() => decodeCursor('not-a-cursor')).toThrow(ApiError);
    expect(() => decodeCursor(btoa('{"a":1}'))).toThrow(ApiError);
  });

  it('returns a next cursor only when a further row exists', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(page(rows, 3, (r) => ({ sort: null, id: r.id })).nextCursor).toBeNull();
    const first = page(rows, 2, (r) => ({ sort: null, id: r.id }));
    expect(first.items).toHaveLength(2);
    expect(decodeCursor(first.nextCursor!)).toEqual({ sort: null, id: 'b' });
  });
});
