import type { FunnelChange } from '../../../worker/funnel';
import { FIXED_TARGETS } from '../../../worker/funnel';

const pct1 = (x: number) => `${Math.round(x * 1000) / 10}%`;
export const signedPct = (x: number | null) => (x == null ? '—' : `${x > 0 ? '+' : ''}${pct1(x)}`);
export const isRate = (target: string) => !(FIXED_TARGETS as readonly string[]).includes(target);

/** "lead +1.2 pts", "traffic +25%", "value −200": a change in words. */
export function describeChange(c: FunnelChange): string {
  if (c.relative !== undefined) return `${c.target} ${signedPct(c.relative)}`;
  const a = c.absolute ?? 0;
  const sign = a > 0 ? '+' : a < 0 ? '−' : '';
  return isRate(c.target)
    ? `${c.target} ${sign}${Math.abs(a * 100).toFixed(1)} pts`
    : `${c.target} ${sign}${Math.abs(a).toLocaleString()}`;
}
