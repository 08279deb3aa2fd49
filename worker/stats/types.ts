/**
 * Input and output shapes of the statistics engine. Inputs are per-variant summaries; the first variant is
 * the control; every difference reads treatment − control and relative lift is (treatment − control) / control.
 * Outputs never contain NaN or Infinity: anything undefined is `null`, with the reason in `notes`.
 */

export type ProportionVariant = { name: string; units: number; conversions: number };
export type MeanVariant =
  | { name: string; units: number; mean: number; sd: number }
  | { name: string; units: number; sum: number; sumSquares: number };

export type CompareInput = {
  metric: 'proportion' | 'mean';
  variants: (ProportionVariant | MeanVariant)[];
  /** Two-sided level; intervals are at 1 − alpha. Default 0.05. */
  alpha?: number;
  /** Multiple-treatment adjustment of the fixed-horizon p-values. Default 'holm'. */
  correction?: 'none' | 'holm' | 'bh';
  /** Planned allocation, for the SRM check. Default equal. */
  weights?: number[];
  /** gbstats' sequential tuning parameter (the n at which the confidence sequence is tightest). Default 5000. */
  sequentialTuning?: number;
};

export type Interval = [number, number];

export type BayesianResult = {
  chanceToBeatControl: number;
  expectedLossTreatment: number;
  expectedLossControl: number;
  /**
   * 1 − alpha credible interval of the relative lift from the same posterior as the chance: exact Beta(1,1)
   * posteriors for proportions, gbstats' flat-prior Gaussian for means (worker/stats/credible.ts). Set by
   * compare(); absent when the relative lift is undefined.
   */
  credibleInterval?: Interval;
};
export type RelativeResult = { stddev: number; ci: Interval; pValue: number };
export type SequentialResult = { ci: Interval; pValue: number };

export type VariantComparison = {
  name: string;
  units: number;
  estimate: number | null;
  absoluteLift: number | null;
  relativeLift: number | null;
  test: {
    statistic: number | null;
    df: number | null;
    pValue: number | null;
    adjustedPValue: number | null;
    ciAbsolute: Interval | null;
  };
  relative: RelativeResult | null;
  sequential: SequentialResult | null;
  bayesian: BayesianResult | null;
  /** Plain-English reasons for every null above. */
  notes: string[];
};

export type SrmResult = { chiSquare: number | null; df: number; pValue: number | null; mismatch: boolean };

export type CompareResult = {
  control: { name: string; units: number; estimate: number | null };
  variants: VariantComparison[];
  srm: SrmResult;
};

export type CostFormula = 'cpa' | 'cpc' | 'roas';
export type CostVariant = {
  name: string;
  units: number;
  spend: number;
  conversions?: number;
  revenue?: number;
  revenueSd?: number;
};
export type CostInput = { formula: CostFormula; variants: CostVariant[]; alpha?: number };
export type CostComparison = {
  name: string;
  estimate: number | null;
  ci: Interval | null;
  absoluteLift: number | null;
  relativeLift: number | null;
  ciAbsolute: Interval | null;
  pValue: number | null;
  relative: RelativeResult | null;
  notes: string[];
};
export type CostResult = {
  control: { name: string; estimate: number | null; ci: Interval | null };
  variants: CostComparison[];
};

export type SampleSizePlan = { perVariant: number; total: number; days: number | null };
export type SampleSizeProportionInput = {
  baselineRate: number;
  relativeMde: number;
  alpha?: number;
  power?: number;
  variants?: number;
  dailyUnits?: number;
};
export type SampleSizeMeanInput = {
  baselineMean: number;
  sd: number;
  relativeMde: number;
  alpha?: number;
  power?: number;
  variants?: number;
  dailyUnits?: number;
};
