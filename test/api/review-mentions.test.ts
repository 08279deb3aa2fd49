import { env } from 'cloudflare:test';
import { inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { comments, inboxItems } from '../../db/schema';
import { createDb } from '../../worker/db';
import { createTeam, type Team } from './support/client';
import { draftCycle } from './support/fixtures';

/** Moves comments (and the inbox items they made) to a past moment: the API stamps "now", a review needs a past week. */
async function backdate(ids: string[], day: string) {
  const db = createDb(env.DB);
  for (const [i, id] of ids.entries()) {
    const at = `${day}T0${i + 1}:00:00.000Z`; // one hour apart, in the order written
    await db
      .update(comments)
      .set({ createdAt: at })
      .where(inArray(comments.id, [id]));
    await db
      .update(inboxItems)
      .set({ createdAt: at })
      .where(inArray(inboxItems.commentId, [id]));
  }
}

describe('mentions in the weekly review', () => {
  let team: Team;
  let other: Team;
  let cycle: { id: string; name: string };
  let hypothesis: { id: string; title: string };
  beforeAll(async () => {
    team = await createTeam('Mentions');
    other = await createTeam('Other place');
    ({ cycle, hypothesis } = await draftCycle(team));
    const post = async (t: Team, targetType: string, targetId: string, body: string) =>
      (await t.member.post('/api/comments', { targetType, targetId, body })).body.id as string;
    const inWeek = [
      await post(team, 'cycle', cycle.id, '@leadperson can you check the split before Friday?'),
      await post(team, 'hypothesis', hypothesis.id, 'Worth a retest, @leadperson and @viewerperson'),
    ];
    const later = [await post(team, 'cycle', cycle.id, '@viewerperson next week already')];
    const elsewhere = await draftCycle(other);
    const theirs = [await post(other, 'cycle', elsewhere.cycle.id, '@leadperson in another workspace')];
    await backdate(inWeek, '2026-03-24');
    await backdate(theirs, '2026-03-24');
    await backdate(later, '2026-03-31');
  });

  it('lists each person mentioned that week and where, in the figures and the Markdown', async () => {
    const review = await team.lead.post('/api/reviews', { weekStart: '2026-03-23' });
    expect(review.status).toBe(201);
    expect(review.body.figures.mentions).toEqual([
      {
        memberId: team.ids.lead,
        name: 'lead person',
        mentions: [
          expect.objectContaining({
            targetType: 'cycle',
            targetId: cycle.id,
            targetName: cycle.name,
            author: 'member person',
            excerpt: '@leadperson can you check the split before Friday?',
          }),
          expect.objectContaining({ targetType: 'hypothesis', targetName: hypothesis.title }),
        ],
      },
      {
        memberId: team.ids.viewer,
        name: 'viewer person',
        mentions: [expect.objectContaining({ targetType: 'hypothesis', targetId: hypothesis.id })],
      },
    ]);
    const md = await team.viewer.get(`/api/reviews/${review.body.id}/markdown`);
    expect(md.status).toBe(404); // a draft: viewers read published reviews only
    const text = (await team.lead.get(`/api/reviews/${review.body.id}/markdown`)).body as string;
    expect(text).toContain('## Mentions (2 people)');
    expect(text).toContain('- lead person, mentioned 2 times:');
    expect(text).toContain(
      `  - by member person on the test ${cycle.name}: “@leadperson can you check the split before Friday?”`,
    );
    expect(text).not.toContain('another workspace');
    expect(text).not.toContain('next week already');
  });

  it('says so when nobody was mentioned', async () => {
    const review = await team.lead.post('/api/reviews', { weekStart: '2026-03-09' });
    expect(review.body.figures.mentions).toEqual([]);
    const text = (await team.lead.get(`/api/reviews/${review.body.id}/markdown`)).body as string;
    expect(text).toContain('## Mentions (0 people)\n\n_Nobody was mentioned in a comment this week._');
  });

  it('another workspace’s review carries only its own mentions', async () => {
    const theirs = await other.lead.post('/api/reviews', { weekStart: '2026-03-23' });
    expect(theirs.body.figures.mentions).toEqual([
      { memberId: other.ids.lead, name: 'lead person', mentions: [expect.objectContaining({ targetType: 'cycle' })] },
    ]);
    expect(JSON.stringify(theirs.body.figures.mentions)).not.toContain(hypothesis.id);
  });
});
