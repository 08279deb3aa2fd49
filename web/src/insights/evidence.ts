import type { InferResponseType } from 'hono/client';
import type { api, Cycle, Learning } from '../api';
import { poolCitations, type Pooled } from '../../../worker/insights/pool';
import { measuredEffect, type MeasuredEffect, type StoredPrimary } from '../../../worker/program/effects';

export type Insight = InferResponseType<(typeof api.insights)[':id']['$get'], 200>;

/**
 * A closed cycle's measured primary effect read on the device from its learning's stored analysis: the same
 * pure function the Worker uses, so the preview of a citation equals what the server will pool.
 */
export function effectOnDevice(learning: Learning | undefined, cycle: Cycle | undefined): MeasuredEffect | null {
  if (!learning || !cycle) return null;
  const metrics = (learning.evidence as { metrics?: (StoredPrimary & { role?: string })[] }).metrics ?? [];
  const primary = metrics.find((m) => m.role === 'primary');
  const shipped = (cycle.verdict as { variantKey?: string | null } | null)?.variantKey ?? null;
  return measuredEffect(primary, cycle.variants, shipped);
}

/** The insight's evidence with one more (or one fewer) test, pooled exactly as the Worker will. */
export function previewPool(insight: Insight, extra: MeasuredEffect | null): Pooled {
  return poolCitations([...insight.citations.map((c) => c.effect), ...(extra ? [extra] : [])], insight.method);
}

export const methodLabel = { random: 'random effects (tests may differ)', fixed: 'fixed effect (one true lift)' };
