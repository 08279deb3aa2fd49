import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../worker/db';
import { listHypotheses } from '../../worker/hypotheses/queries';
import { createTeam, type Team } from './support/client';
import { costOf, recordingD1 } from './support/recording-d1';

const IDEAS = 120;

describe('queries stay flat as data grows (no N+1)', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Query Co');
    for (let i = 0; i < IDEAS; i++) {
      await team.member.post('/api/hypotheses', {
        title: `Idea ${i}`,
        impact: 1 + (i % 10),
        confidence: 5,
        ease: 5,
        tags: [`t${i % 3}`],
      });
    }
  });

  it('lists a page of the ranked backlog in one indexed statement that reads about one page of rows', async () => {
    const { db, statements } = recordingD1(env.DB);
    const page = await listHypotheses(createDb(db), team.workspaceId, { sort: 'score', limit: 20 });
    expect(page.items).toHaveLength(20);
    expect(statements).toHaveLength(1);
    const cost = await costOf(env.DB, statements);
    expect(cost.plans[0]).toContain('hypotheses_backlog');
    expect(cost.plans[0]).not.toContain('TEMP B-TREE');
    expect(cost.rowsRead).toBeLessThanOrEqual(25);
  });

  it('filters by tag and text in one statement', async () => {
    const { db, statements } = recordingD1(env.DB);
    const page = await listHypotheses(createDb(db), team.workspaceId, {
      sort: 'recent',
      limit: 50,
      tag: 't1',
      q: 'Idea',
    });
    expect(page.items).toHaveLength(40);
    expect(statements).toHaveLength(1);
  });
});
