import type { ExpectedValue } from '../../../worker/funnel/expected-value';

/** The expected value the backlog API attached to a hypothesis (absent on ideas not synced yet). */
export function expectedValueOf(h: unknown): ExpectedValue | null {
  const ev = h && typeof h === 'object' ? (h as { expectedValue?: ExpectedValue | null }).expectedValue : null;
  return ev && typeof ev.expectedValue === 'number' && Array.isArray(ev.assumptions) ? ev : null;
}

/** Backlog order by expected value: highest first, ideas without one last (then by ICE). */
export const byExpectedValue = (
  a: { iceScore: number | null; expectedValue?: unknown },
  b: { iceScore: number | null; expectedValue?: unknown },
) =>
  (expectedValueOf(b)?.expectedValue ?? Number.NEGATIVE_INFINITY) -
    (expectedValueOf(a)?.expectedValue ?? Number.NEGATIVE_INFINITY) || (b.iceScore ?? -1) - (a.iceScore ?? -1);
