import { benjaminiHochberg, holm, type Interval } from '../stats';
import type { MetricComparison } from './comparisons';
import type { DecisionRule } from './schema';

/**
 * One treatment's effect on one metric, oriented so that positive is good (a CPA drop is a gain), with the
 * evidence the rule's method reads: a p-value (already corrected for several variants) or a chance to win.
 * The p-value always belongs to the interval beside it: the delta-method relative test's p with its relative
 * interval (fixed horizon), the always-valid p with the confidence sequence (sequential); only when the relative
 * lift is undefined (control at 0) does the absolute test speak, and then `gain` is null.
 */
export type Effect = {
  index: number;
  units: number;
  gain: number | null; // relative lift, signed so that > 0 is better
  gainCi: Interval | null; // its interval, same orientation
  absoluteGain: number | null; // absolute difference, same orientation
  absoluteGainCi: Interval | null;
  pValue: number | null;
  chanceBetter: number | null;
  notes: string[];
};

const orient = (good: boolean, x: number | null) => (x == null ? null : good ? x : -x);
const orientCi = (good: boolean, ci: Interval | null | undefined): Interval | null =>
  ci ? (good ? ci : [-ci[1], -ci[0]]) : null;

function correct(ps: (number | null)[], correction: DecisionRule['correction']) {
  if (correction === 'holm') return holm(ps);
  if (correction === 'bh') return benjaminiHochberg(ps);
  return ps;
}

/** Reads the comparison the way the rule's method says: fixed-horizon, always-valid sequential, or Bayesian. */
export function effectsOf(
  comparison: MetricComparison,
  direction: 'increase' | 'decrease',
  rule: DecisionRule,
): Effect[] {
  const up = direction === 'increase';
  if (comparison.kind === 'cost') {
    const adjusted = correct(
      comparison.result.variants.map((v) => v.relative?.pValue ?? (v.relativeLift == null ? v.pValue : null)),
      rule.correction,
    );
    return comparison.result.variants.map((v, i) => ({
      index: i + 1,
      units: 0,
      gain: orient(up, v.relativeLift),
      gainCi: orientCi(up, v.relative?.ci),
      absoluteGain: orient(up, v.absoluteLift),
      absoluteGainCi: orientCi(up, v.ciAbsolute),
      pValue: adjusted[i] ?? null,
      chanceBetter: null,
      notes: v.notes,
    }));
  }
  const variants = comparison.result.variants;
  const sequential = rule.method === 'sequential';
  const adjusted = correct(
    variants.map((v) =>
      sequential
        ? (v.sequential?.pValue ?? null)
        : (v.relative?.pValue ?? (v.relativeLift == null ? v.test.pValue : null)),
    ),
    rule.correction,
  );
  return variants.map((v, i) => {
    const chance = v.bayesian?.chanceToBeatControl;
    return {
      index: i + 1,
      units: v.units,
      gain: orient(up, v.relativeLift),
      gainCi: orientCi(up, sequential ? v.sequential?.ci : v.relative?.ci),
      absoluteGain: orient(up, v.absoluteLift),
      absoluteGainCi: orientCi(up, v.test.ciAbsolute),
      pValue: adjusted[i] ?? null,
      chanceBetter: chance == null ? null : up ? chance : 1 - chance,
      notes: v.notes,
    };
  });
}
