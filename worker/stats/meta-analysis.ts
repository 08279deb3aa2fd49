/**
 * Meta-analysis: pooling the effects of several tests of one claim. Inverse-variance fixed effect, or
 * DerSimonian–Laird random effects (between-test variance τ² by the method of moments), with Wald z intervals
 * and tests as metafor::rma does by default. Checked against metafor in test/stats/meta-analysis.test.ts.
 */
import { z } from 'zod';
import { chiSquareSf, normalQuantileUpper, normalSf } from './distributions';
import type { Interval } from './types';

export type Study = { effect: number; se: number };
export type MetaMethod = 'fixed' | 'random';
export type MetaInput = { studies: Study[]; method: MetaMethod; level?: number };
export type MetaResult = {
  estimate: number;
  se: number;
  ci: Interval;
  pValue: number;
  /** Between-test variance (0 for the fixed-effect model). */
  tau2: number;
  /** Share of the spread beyond chance, in percent (0–100). */
  i2: number;
  /** Cochran's Q with k − 1 degrees of freedom; its p-value is null with one study. */
  q: number;
  qPValue: number | null;
};

export const MAX_STUDIES = 1000;
const MAX_EFFECT = 1e6;
// 1/se² must stay finite and summable over MAX_STUDIES studies.
const MIN_SE = 1e-12;

export const metaAnalysisInputSchema = z.object({
  studies: z
    .array(
      z.object({
        effect: z.number().min(-MAX_EFFECT).max(MAX_EFFECT),
        se: z
          .number()
          .min(MIN_SE, { error: `se must be at least ${MIN_SE} (a test always has some uncertainty)` })
          .max(MAX_EFFECT),
      }),
    )
    .min(1, { error: 'send at least one study' })
    .max(MAX_STUDIES),
  method: z.enum(['fixed', 'random']),
  level: z
    .number()
    .gt(0, { error: 'level must be between 0 and 1, e.g. 0.95' })
    .lt(1, { error: 'level must be between 0 and 1, e.g. 0.95' })
    .optional(),
});

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/** Weighted mean and its standard error for weights w. */
function pool(studies: Study[], w: number[]) {
  const total = sum(w);
  const estimate = sum(studies.map((s, i) => w[i]! * s.effect)) / total;
  return { estimate, se: Math.sqrt(1 / total), total };
}

export function metaAnalysis({ studies, method, level = 0.95 }: MetaInput): MetaResult {
  const k = studies.length;
  const w = studies.map((s) => 1 / (s.se * s.se));
  const fixed = pool(studies, w);
  const q = k > 1 ? sum(studies.map((s, i) => w[i]! * (s.effect - fixed.estimate) ** 2)) : 0;
  const df = k - 1;
  // DerSimonian–Laird: τ² = max(0, (Q − df) / (Σw − Σw²/Σw)); I² = (Q − df)/Q, which equals τ²/(τ² + typical variance).
  const c = fixed.total - sum(w.map((x) => x * x)) / fixed.total;
  const tau2 = method === 'random' && k > 1 && q > df && c > 0 ? (q - df) / c : 0;
  const i2 = k > 1 && q > df ? (100 * (q - df)) / q : 0;
  const { estimate, se } =
    tau2 > 0
      ? pool(
          studies,
          studies.map((s) => 1 / (s.se * s.se + tau2)),
        )
      : fixed;
  const zc = normalQuantileUpper((1 - level) / 2);
  return {
    estimate,
    se,
    ci: [estimate - zc * se, estimate + zc * se],
    pValue: Math.min(1, 2 * normalSf(Math.abs(estimate / se))),
    tau2,
    i2,
    q,
    qPValue: k > 1 ? chiSquareSf(q, df) : null,
  };
}

/** Below this p-value the tests disagree more than chance explains (the usual threshold for Cochran's Q). */
export const HETEROGENEITY_ALPHA = 0.05;

/** The heterogeneity in words, for people who don't read I². */
export function heterogeneityInWords(result: Pick<MetaResult, 'i2' | 'qPValue'>, studies: number): string {
  const i2 = `I² = ${Math.round(result.i2)}%`;
  if (studies < 2 || result.qPValue == null) return 'Only one test so far: cite another to see whether results agree.';
  if (result.qPValue < HETEROGENEITY_ALPHA)
    return `The tests disagree more than chance explains (${i2}): the effect likely depends on context, so trust the pooled figure less.`;
  if (result.i2 >= 25) return `The tests differ somewhat, but no more than chance could explain (${i2}).`;
  return `The tests agree: their differences are within what chance explains (${i2}).`;
}
