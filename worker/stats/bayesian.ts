/**
 * Bayesian summaries.
 *
 * Proportions: exact P(p_B > p_A) and both expected losses under independent Beta(1,1) priors, from Evan
 * Miller's closed form. Means: gbstats' Gaussian version on the relative lift.
 */
import { logBeta } from './gamma';
import { normalPdf, normalSf } from './distributions';
import type { BayesianResult } from './types';

/** Stop summing once the terms not yet added (each no larger than the current one) are below this share. */
const SUM_EPS = 1e-17;

/**
 * P(X > Y) for X ~ Beta(a, b), Y ~ Beta(c, d) with integer a (Evan Miller):
 *   Σ_{i<a} t_i,  t_i = B(c+i, b+d) / ((b+i) B(1+i, b) B(c, d)).
 * At 10⁶ units a is ~10⁵–10⁶, and summing from i = 0 both costs that many terms and starts from terms that
 * underflow. The terms are unimodal in i — t_{i+1}/t_i − 1 has the sign of cb − c − b − d − (d+1)i — so we
 * start at the largest term (taken directly from log-betas, accurate relative to their own size), sum
 * outwards with the exact term ratio in units of that peak, and stop when the count of remaining terms
 * times the current (monotonically shrinking) term cannot reach SUM_EPS of the total. That bound is
 * rigorous, and because the terms fall off like a Gaussian only ~±10σ of them are visited (a few
 * thousand at 10⁶ units). Every term is positive, so the result keeps full relative precision even at 1e-90.
 * Near 100% conversion (b and d small) the terms decay only polynomially, so we sum over the smaller of a
 * and d, using the reflection P(X > Y) = P(1 − Y > 1 − X) with 1 − Y ~ Beta(d, c), 1 − X ~ Beta(b, a).
 */
export function probabilityGreater(a: number, b: number, c: number, d: number): number {
  if (a > d) return probabilityGreater(d, c, b, a);
  const ratio = (i: number) => ((c + i) * (b + i)) / ((c + b + d + i) * (1 + i)); // t_{i+1} / t_i
  const mode = Math.min(Math.max(0, Math.ceil((c * b - c - b - d) / (d + 1))), a - 1);
  const logPeak = logBeta(c + mode, b + d) - Math.log(b + mode) - logBeta(1 + mode, b) - logBeta(c, d);
  let total = 1;
  let term = 1;
  for (let i = mode; i + 1 < a; i++) {
    term *= ratio(i);
    total += term;
    if (term * (a - 2 - i) <= SUM_EPS * total) break;
  }
  term = 1;
  for (let i = mode; i > 0; i--) {
    term /= ratio(i - 1);
    total += term;
    if (term * (i - 1) <= SUM_EPS * total) break;
  }
  return Math.min(1, Math.exp(logPeak + Math.log(total)));
}

/**
 * Exact Bayesian comparison of two conversion rates with Beta(1,1) priors.
 * expectedLossControl = E[(p_B − p_A)+] (what we give up by keeping control), expectedLossTreatment =
 * E[(p_A − p_B)+]. Each is taken directly from size-biased probabilities (E[p 1{…}] = mean · P with the
 * Beta's first parameter raised by one) rather than one from the other via E[p_B − p_A], which would cancel
 * to rounding noise when the smaller loss is ~1e-90.
 */
export function bayesProportions(
  control: { units: number; conversions: number },
  treatment: { units: number; conversions: number },
): BayesianResult {
  const aA = control.conversions + 1;
  const bA = control.units - control.conversions + 1;
  const aB = treatment.conversions + 1;
  const bB = treatment.units - treatment.conversions + 1;
  const meanA = aA / (aA + bA);
  const meanB = aB / (aB + bB);
  const chance = probabilityGreater(aB, bB, aA, bA);
  const lossControl = meanB * probabilityGreater(aB + 1, bB, aA, bA) - meanA * probabilityGreater(aB, bB, aA + 1, bA);
  const lossTreatment = meanA * probabilityGreater(aA + 1, bA, aB, bB) - meanB * probabilityGreater(aA, bA, aB + 1, bB);
  return {
    chanceToBeatControl: chance,
    expectedLossTreatment: Math.max(0, lossTreatment),
    expectedLossControl: Math.max(0, lossControl),
  };
}

/**
 * gbstats' Gaussian Bayesian summary of a relative lift with estimate mu and standard error sigma (flat
 * prior): chance = Φ(mu/sigma), losses = sigma φ(z) ∓ mu Φ(∓z). Φ(−z) comes from the survival function so
 * the loss of the clearly dominated side keeps its relative precision.
 */
export function gaussianBayes(mu: number, sigma: number): BayesianResult {
  const z = mu / sigma;
  const density = sigma * normalPdf(z);
  return {
    chanceToBeatControl: normalSf(-z),
    expectedLossTreatment: Math.max(0, density - mu * normalSf(z)),
    expectedLossControl: Math.max(0, density + mu * normalSf(-z)),
  };
}
