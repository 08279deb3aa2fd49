import type { metrics } from '../../db/schema';
import type { FieldErrors } from '../http/errors';
import type { SnapshotInput } from './schemas';

type Metric = Pick<typeof metrics.$inferSelect, 'kind' | 'costFormula' | 'name'>;

/**
 * What a snapshot must carry for its metric's kind, and impossible combinations (more conversions than
 * units, a negative variance). Pure: returns field errors keyed by path, empty when the snapshot is sound.
 */
export function snapshotProblems(s: SnapshotInput, metric: Metric, prefix = ''): FieldErrors {
  const errors: FieldErrors = {};
  const need = (field: keyof SnapshotInput, why: string) => {
    if (s[field] == null) errors[prefix + field] = why;
  };
  if (metric.kind === 'proportion') need('conversions', `required for ${metric.name} (a proportion metric)`);
  if (metric.kind === 'mean') {
    const bySums = s.valueSum != null || s.valueSumSquares != null;
    if (bySums) {
      need('valueSum', 'send valueSum and valueSumSquares together');
      need('valueSumSquares', 'send valueSum and valueSumSquares together');
    } else {
      need('mean', `required for ${metric.name} (a mean metric): mean and sd, or valueSum and valueSumSquares`);
      need('sd', `required for ${metric.name} (a mean metric): mean and sd, or valueSum and valueSumSquares`);
    }
    if (s.valueSum != null && s.valueSumSquares != null && s.units > 0) {
      const variance = s.valueSumSquares - (s.valueSum * s.valueSum) / s.units;
      if (variance < -1e-9 * Math.max(1, s.valueSumSquares))
        errors[`${prefix}valueSumSquares`] = 'too small for valueSum: the variance would be negative';
    }
  }
  if (metric.kind === 'cost') {
    need('spend', `required for ${metric.name} (a cost metric)`);
    if (metric.costFormula === 'cpa') need('conversions', 'required for CPA (spend per conversion)');
    if (metric.costFormula === 'roas') need('revenue', 'required for ROAS (revenue per spend)');
  }
  if (s.conversions != null && s.conversions > s.units)
    errors[`${prefix}conversions`] = `cannot exceed units (${s.conversions} > ${s.units})`;
  return errors;
}
