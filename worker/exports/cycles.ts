import { and, asc, eq, ne } from 'drizzle-orm';
import { cycles } from '../../db/schema';
import { cycleWithAnalysis } from '../cycles/analysis';
import type { Db } from '../db';

type Cycle = typeof cycles.$inferSelect;
type Analysis = Awaited<ReturnType<typeof cycleWithAnalysis>>['analysis'];

/** One CSV row: one variant of one cycle on one metric, with the figures of the cycle's analysis. */
export type CycleFigureRow = {
  cycle: Cycle;
  metric: string;
  role: string;
  variant: string;
  units: number | null;
  estimate: number | null;
  absoluteLift: number | null;
  relativeLift: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
};

export const CYCLE_COLUMNS = [
  { header: 'cycle_id', value: (r: CycleFigureRow) => r.cycle.id },
  { header: 'cycle', value: (r: CycleFigureRow) => r.cycle.name },
  { header: 'status', value: (r: CycleFigureRow) => r.cycle.status },
  { header: 'decision', value: (r: CycleFigureRow) => r.cycle.decision },
  { header: 'launched_at', value: (r: CycleFigureRow) => r.cycle.launchedAt },
  { header: 'closed_at', value: (r: CycleFigureRow) => r.cycle.closedAt },
  { header: 'metric', value: (r: CycleFigureRow) => r.metric },
  { header: 'metric_role', value: (r: CycleFigureRow) => r.role },
  { header: 'variant', value: (r: CycleFigureRow) => r.variant },
  { header: 'units', value: (r: CycleFigureRow) => r.units },
  { header: 'estimate', value: (r: CycleFigureRow) => r.estimate },
  { header: 'absolute_lift', value: (r: CycleFigureRow) => r.absoluteLift },
  { header: 'relative_lift', value: (r: CycleFigureRow) => r.relativeLift },
  { header: 'ci_low', value: (r: CycleFigureRow) => r.ciLow },
  { header: 'ci_high', value: (r: CycleFigureRow) => r.ciHigh },
  { header: 'p_value', value: (r: CycleFigureRow) => r.pValue },
];

const none = { absoluteLift: null, relativeLift: null, ciLow: null, ciHigh: null, pValue: null };

/** The rows of one cycle's analysis: the control first, then each variant against it, per metric. */
export function figureRows(cycle: Cycle, analysis: Analysis): CycleFigureRow[] {
  return analysis.metrics.flatMap((m): CycleFigureRow[] => {
    const base = { cycle, metric: m.name, role: m.role };
    const c = m.comparison;
    if (!c) return [];
    if (c.kind === 'cost')
      return [
        { ...base, ...none, variant: c.result.control.name, units: null, estimate: c.result.control.estimate },
        ...c.result.variants.map((v) => ({
          ...base,
          variant: v.name,
          units: null,
          estimate: v.estimate,
          absoluteLift: v.absoluteLift,
          relativeLift: v.relativeLift,
          ciLow: v.ciAbsolute?.[0] ?? null,
          ciHigh: v.ciAbsolute?.[1] ?? null,
          pValue: v.pValue,
        })),
      ];
    return [
      {
        ...base,
        ...none,
        variant: c.result.control.name,
        units: c.result.control.units,
        estimate: c.result.control.estimate,
      },
      ...c.result.variants.map((v) => ({
        ...base,
        variant: v.name,
        units: v.units,
        estimate: v.estimate,
        absoluteLift: v.absoluteLift,
        relativeLift: v.relativeLift,
        ciLow: v.test.ciAbsolute?.[0] ?? null,
        ciHigh: v.test.ciAbsolute?.[1] ?? null,
        pValue: v.test.pValue,
      })),
    ];
  });
}

/**
 * Every launched cycle's figures. Each analysis is the stored one when still current (worker/cycles/analysis.ts),
 * so this costs one round trip per cycle at most; a cycle without analysable results contributes no rows.
 */
export async function cycleFigures(db: Db, workspaceId: string): Promise<CycleFigureRow[]> {
  const launched = await db
    .select({ id: cycles.id })
    .from(cycles)
    .where(and(eq(cycles.workspaceId, workspaceId), ne(cycles.status, 'draft')))
    .orderBy(asc(cycles.createdAt), asc(cycles.id))
    .limit(2_000);
  const rows: CycleFigureRow[] = [];
  for (const { id } of launched) {
    const { cycle, analysis } = await cycleWithAnalysis(db, workspaceId, id).catch(() => ({
      cycle: null,
      analysis: null,
    }));
    if (cycle && analysis) rows.push(...figureRows(cycle, analysis));
  }
  return rows;
}
