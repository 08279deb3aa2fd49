/**
 * The HADI chain of one idea: the insights it came from (parent cycle → its learning → its hypothesis, up to the
 * first idea), then its own tests, each with its learning and the follow-up ideas that learning produced.
 * Pure: the Worker assembles it from D1 rows, the PWA from its offline copies, and both get the same shape.
 */
type HypothesisRow = {
  id: string;
  title: string;
  status: string;
  parentCycleId: string | null;
  channelId: string | null;
  lever: string | null;
  objectiveId: string | null;
  createdAt: string;
  deletedAt?: string | null;
};
type CycleRow = {
  id: string;
  hypothesisId: string;
  name: string;
  status: string;
  decision: string | null;
  launchedAt: string | null;
  closedAt: string | null;
  createdAt: string;
};
type LearningRow = {
  id: string;
  cycleId: string;
  title: string;
  summary: string;
  decision: string;
  verdict: string | null;
  isOverride: boolean;
  nextSteps: string | null;
  publishedAt: string;
};
export type ChainRows = { hypotheses: HypothesisRow[]; cycles: CycleRow[]; learnings: LearningRow[] };

/** How far up the chain we walk: enough for any real lineage, and a guard against a cycle in bad data. */
export const MAX_ANCESTORS = 10;

const hypothesisLink = (h: HypothesisRow) => ({
  id: h.id,
  title: h.title,
  status: h.status,
  channelId: h.channelId,
  lever: h.lever,
  objectiveId: h.objectiveId,
  parentCycleId: h.parentCycleId,
});
const cycleLink = (c: CycleRow) => ({
  id: c.id,
  name: c.name,
  status: c.status,
  decision: c.decision,
  launchedAt: c.launchedAt,
  closedAt: c.closedAt,
});
const learningLink = (l: LearningRow) => ({
  id: l.id,
  title: l.title,
  summary: l.summary,
  decision: l.decision,
  verdict: l.verdict,
  isOverride: l.isOverride,
  nextSteps: l.nextSteps,
  publishedAt: l.publishedAt,
});

export type HypothesisLink = ReturnType<typeof hypothesisLink>;
export type CycleLink = ReturnType<typeof cycleLink>;
export type LearningLink = ReturnType<typeof learningLink>;
/** One step of the chain: a test, the insight it published (if closed) and the ideas that insight led to. */
export type TestLink = { cycle: CycleLink; learning: LearningLink | null; followUps: HypothesisLink[] };
export type Chain = {
  /** Oldest first: the ideas and insights this idea grew out of; the last one is its direct parent. */
  ancestors: { hypothesis: HypothesisLink | null; cycle: CycleLink; learning: LearningLink | null }[];
  hypothesis: HypothesisLink;
  tests: TestLink[];
};

const byCreated = <T extends { createdAt: string }>(a: T, b: T) => a.createdAt.localeCompare(b.createdAt);

/** The chain around `hypothesisId`, or null when the rows don't hold that idea. */
export function assembleChain(hypothesisId: string, rows: ChainRows): Chain | null {
  const live = rows.hypotheses.filter((h) => !h.deletedAt);
  const hypothesis = live.find((h) => h.id === hypothesisId);
  if (!hypothesis) return null;
  const learningOf = (cycleId: string) => rows.learnings.find((l) => l.cycleId === cycleId);
  const link = (c: CycleRow): TestLink => {
    const learning = learningOf(c.id);
    return {
      cycle: cycleLink(c),
      learning: learning ? learningLink(learning) : null,
      followUps: live
        .filter((h) => h.parentCycleId === c.id)
        .sort(byCreated)
        .map(hypothesisLink),
    };
  };
  const ancestors: Chain['ancestors'] = [];
  const seen = new Set([hypothesis.id]);
  let parentCycleId = hypothesis.parentCycleId;
  while (parentCycleId && ancestors.length < MAX_ANCESTORS) {
    const cycle = rows.cycles.find((c) => c.id === parentCycleId);
    if (!cycle) break;
    const parent = live.find((h) => h.id === cycle.hypothesisId);
    const learning = learningOf(cycle.id);
    ancestors.unshift({
      hypothesis: parent ? hypothesisLink(parent) : null,
      cycle: cycleLink(cycle),
      learning: learning ? learningLink(learning) : null,
    });
    if (!parent || seen.has(parent.id)) break;
    seen.add(parent.id);
    parentCycleId = parent.parentCycleId;
  }
  return {
    ancestors,
    hypothesis: hypothesisLink(hypothesis),
    tests: rows.cycles
      .filter((c) => c.hypothesisId === hypothesis.id)
      .sort(byCreated)
      .map(link),
  };
}
