import { describe, expect, it } from 'vitest';
import { assembleChain, MAX_ANCESTORS } from '../../worker/chain/assemble';

const idea = (id: string, parentCycleId: string | null = null, extra = {}) => ({
  id,
  title: `Idea ${id}`,
  status: 'backlog',
  parentCycleId,
  channelId: 'ch',
  lever: 'offer',
  objectiveId: null,
  createdAt: `2026-01-0${id.length}T00:00:00Z`,
  ...extra,
});
const test = (id: string, hypothesisId: string, createdAt = '2026-01-01T00:00:00Z') => ({
  id,
  hypothesisId,
  name: `Test ${id}`,
  status: 'closed',
  decision: 'iterate',
  launchedAt: null,
  closedAt: null,
  createdAt,
});
const learning = (cycleId: string) => ({
  id: `l-${cycleId}`,
  cycleId,
  title: `Learning of ${cycleId}`,
  summary: 's',
  decision: 'iterate',
  verdict: 'ship',
  isOverride: true,
  nextSteps: null,
  publishedAt: '2026-01-02T00:00:00Z',
  evidence: { big: 'analysis' },
});

describe('the HADI chain (pure, shared by the Worker and the offline PWA)', () => {
  it('walks parent insight → idea → tests → learning → follow-ups, oldest first, leaving deleted ideas out', () => {
    const rows = {
      hypotheses: [
        idea('a'),
        idea('bb', 'ca'),
        idea('ccc', 'cb'),
        idea('dddd', 'cb', { deletedAt: '2026-02-01' }),
        idea('x', 'cb2'),
      ],
      cycles: [test('cb2', 'bb', '2026-01-05T00:00:00Z'), test('ca', 'a'), test('cb', 'bb')],
      learnings: [learning('ca'), learning('cb')],
    };
    const chain = assembleChain('bb', rows)!;
    expect(chain.ancestors.map((a) => [a.hypothesis?.id, a.cycle.id, a.learning?.id])).toEqual([['a', 'ca', 'l-ca']]);
    expect(chain.hypothesis.id).toBe('bb');
    expect(chain.tests.map((t) => [t.cycle.id, t.learning?.id ?? null, t.followUps.map((h) => h.id)])).toEqual([
      ['cb', 'l-cb', ['ccc']],
      ['cb2', null, ['x']],
    ]);
    expect(chain.tests[0]!.learning).not.toHaveProperty('evidence');
    expect(assembleChain('ccc', rows)!.ancestors.map((a) => a.cycle.id)).toEqual(['ca', 'cb']);
    expect(assembleChain('dddd', rows)).toBeNull();
    expect(assembleChain('nope', rows)).toBeNull();
  });

  it('stops on a loop in bad data and after MAX_ANCESTORS steps', () => {
    const loop = {
      hypotheses: [idea('a', 'cb'), idea('bb', 'ca')],
      cycles: [test('ca', 'a'), test('cb', 'bb')],
      learnings: [],
    };
    expect(assembleChain('a', loop)!.ancestors.map((a) => a.cycle.id)).toEqual(['ca', 'cb']);
    const n = MAX_ANCESTORS + 5;
    const long = {
      hypotheses: Array.from({ length: n }, (_, i) => idea(`h${i}`, i ? `c${i - 1}` : null)),
      cycles: Array.from({ length: n }, (_, i) => test(`c${i}`, `h${i}`)),
      learnings: [],
    };
    expect(assembleChain(`h${n - 1}`, long)!.ancestors).toHaveLength(MAX_ANCESTORS);
  });
});
