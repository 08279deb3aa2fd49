import { beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Team } from './support/client';
import { draftCycle } from './support/fixtures';

/** Keyset pages of the newest-first lists: every record exactly once, in order, however the pages fall. */
describe('newest-first pagination', () => {
  let team: Team;
  let created: string[];
  beforeAll(async () => {
    team = await createTeam('Pages Co');
    created = [];
    for (let i = 0; i < 5; i++) created.push((await draftCycle(team, { name: `Test ${i}` })).cycle.id);
  });

  async function walk(path: string, limit: number) {
    const seen: { id: string; updatedAt: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { id: string; updatedAt: string }[]; nextCursor: string | null } } =
        await team.viewer.get(`${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    return { seen, pages };
  }

  it('walks the cycles in pages of 1, 2 and 5 and sees each once, newest first', async () => {
    for (const limit of [1, 2, 5]) {
      const { seen, pages } = await walk('/api/cycles', limit);
      expect(seen.map((c) => c.id).sort()).toEqual([...created].sort());
      expect(pages).toBe(Math.ceil(5 / limit)); // limit + 1 rows are read, so a full last page has no empty page after it
      const keys = seen.map((c) => `${c.updatedAt}|${c.id}`);
      expect(keys).toEqual([...keys].sort().reverse());
    }
  });

  it('refuses a forged cursor with a 400 naming the field', async () => {
    const res = await team.viewer.get('/api/cycles?cursor=not-a-cursor');
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('cursor');
  });
});
