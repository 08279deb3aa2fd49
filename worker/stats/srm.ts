/** Sample-ratio mismatch: Pearson chi-square goodness of fit of the units against the planned split. */
import { chiSquareSf } from './distributions';
import type { SrmResult } from './types';

/** A split this unlikely under the plan means the assignment is broken, not unlucky. */
export const SRM_THRESHOLD = 0.001;

export function srm(observed: number[], weights?: number[]): SrmResult {
  const k = observed.length;
  const w = weights ?? observed.map(() => 1);
  const total = observed.reduce((s, o) => s + o, 0);
  const weightSum = w.reduce((s, x) => s + x, 0);
  if (total === 0 || k < 2) return { chiSquare: null, df: Math.max(0, k - 1), pValue: null, mismatch: false };
  let chiSquare = 0;
  observed.forEach((o, i) => {
    const expected = (total * (w[i] ?? 0)) / weightSum;
    chiSquare += ((o - expected) * (o - expected)) / expected;
  });
  if (!Number.isFinite(chiSquare)) return { chiSquare: null, df: k - 1, pValue: null, mismatch: false };
  const pValue = chiSquareSf(chiSquare, k - 1);
  return { chiSquare, df: k - 1, pValue, mismatch: pValue < SRM_THRESHOLD };
}
