/**
 * Hadi's statistics engine: pure functions shared by the Worker and the PWA (no I/O, no Node or Worker
 * APIs). Special functions are hand-written (gamma.ts, distributions.ts) because no browser-friendly
 * library we found keeps 1e-6 relative accuracy in far tails (p ≈ 1e-190): jStat and friends compute
 * upper tails as 1 − cdf, and the incomplete beta loses ~7 digits at 10⁷ units.
 */
export * from './types';
export { compare, DEFAULT_ALPHA, DEFAULT_SEQUENTIAL_TUNING } from './compare';
export { compareCost } from './cost';
export { srm, SRM_THRESHOLD } from './srm';
export { holm, benjaminiHochberg } from './corrections';
export { sampleSizeProportion, sampleSizeMean, sampleSizeProportionExact, sampleSizeMeanExact } from './sample-size';
export { bayesProportions, gaussianBayes, probabilityGreater } from './bayesian';
export {
  normalSf,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalQuantileUpper,
  tSf,
  tCdf,
  tQuantileUpper,
  chiSquareSf,
  incompleteBeta,
} from './distributions';
export {
  compareInputSchema,
  sampleSizeInputSchema,
  sampleSizeMeanInputSchema,
  srmInputSchema,
  costInputSchema,
} from './schemas';
export { costOfLearning, fiellerExactNumerator } from './cost-learning';
export { learningArms } from './cost-arms';
export type { CostOfLearning, LearningArm, ArmCost, RatioEstimate, OpportunityCost } from './cost-learning';
