import { describe, expect, it } from 'vitest';
import { withBookmarks } from '../../worker/d1/bookmarks';

describe('D1 bookmarks in the API client', () => {
  it('sends back the bookmark of the latest answer, and keeps it when an answer has none', async () => {
    const sent: (string | null)[] = [];
    const answers = ['b1', null, 'b2'];
    const fetchLike = withBookmarks(async (_input, init) => {
      sent.push(new Headers(init?.headers).get('x-d1-bookmark'));
      const bookmark = answers.shift();
      return new Response('{}', { headers: bookmark ? { 'x-d1-bookmark': bookmark } : {} });
    });
    for (let i = 0; i < 4; i++) await fetchLike('https://hadi.test/api/hypotheses', { headers: { accept: 'x' } });
    expect(sent).toEqual([null, 'b1', 'b1', 'b2']);
  });
});
