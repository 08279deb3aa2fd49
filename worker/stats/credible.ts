/**
 * Credible intervals of the relative lift p_B / p_A − 1 from the same posteriors as the chance to beat control,
 * so the two always agree (issue 8, #6).
 *
 * Proportions: the exact posterior under independent Beta(1,1) priors,
 *   P(p_B/p_A − 1 ≤ x) = ∫ f_A(a) I_{(1+x)a}(α_B, β_B) da,
 * integrated by composite Gauss–Legendre over ±12 posterior sds of p_A (where all of f_A's mass is) and inverted
 * by safeguarded Newton steps (the density is the same integral with f_B). Means: gbstats' Gaussian posterior (flat prior), mean ± z·sd — the model of their chance.
 * Oracle: scripts/oracle/credible_fixtures.py (scipy quadrature + brentq).
 */
import { incompleteBeta } from './beta';
import { normalQuantileUpper } from './distributions';
import { logBeta } from './gamma';
import type { Interval } from './types';

// 10-point Gauss–Legendre nodes and weights on [−1, 1].
const NODES = [
  -0.9739065285171717, -0.8650633666889845, -0.6794095682990244, -0.4333953941292472, -0.1488743389816312,
  0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845, 0.9739065285171717,
];
const WEIGHTS = [
  0.0666713443086881, 0.1494513491505806, 0.219086362515982, 0.2692667193099963, 0.2955242247147529, 0.2955242247147529,
  0.2692667193099963, 0.219086362515982, 0.1494513491505806, 0.0666713443086881,
];
const PANELS = 8;

type Posterior = { a: number; b: number };

/** Quadrature points (value of p_A, weight × density) covering the posterior of p_A. */
function grid(A: Posterior): { at: number; w: number }[] {
  const mean = A.a / (A.a + A.b);
  const sd = Math.sqrt((A.a * A.b) / ((A.a + A.b) ** 2 * (A.a + A.b + 1)));
  const lo = Math.max(0, mean - 12 * sd);
  const hi = Math.min(1, mean + 12 * sd);
  const width = (hi - lo) / PANELS;
  const logNorm = logBeta(A.a, A.b);
  const out: { at: number; w: number }[] = [];
  for (let p = 0; p < PANELS; p++) {
    const mid = lo + (p + 0.5) * width;
    NODES.forEach((node, i) => {
      const at = mid + (node * width) / 2;
      const density = Math.exp(logDensity(A, at, logNorm));
      out.push({ at, w: (WEIGHTS[i]! * width * density) / 2 });
    });
  }
  return out;
}

function liftCdf(points: { at: number; w: number }[], B: Posterior, x: number): number {
  let sum = 0;
  for (const { at, w } of points) {
    const t = (1 + x) * at;
    sum += w * (t >= 1 ? 1 : incompleteBeta(B.a, B.b, t));
  }
  return sum;
}

const logDensity = (P: Posterior, x: number, logNorm = logBeta(P.a, P.b)) =>
  (P.a - 1) * Math.log(x) + (P.b - 1) * Math.log1p(-x) - logNorm;

/** Density of the lift at x: ∫ f_A(a) · a · f_B((1+x)a) da. */
function liftPdf(points: { at: number; w: number }[], B: Posterior, x: number): number {
  const logNorm = logBeta(B.a, B.b);
  let sum = 0;
  for (const { at, w } of points) {
    const t = (1 + x) * at;
    if (t > 0 && t < 1) sum += w * at * Math.exp(logDensity(B, t, logNorm));
  }
  return sum;
}

/**
 * Newton steps from the Gaussian guess, inside a bracket that shrinks with every evaluation (bisection, or
 * doubling while one side is still open, when a step leaves it). Null if it does not converge.
 */
function quantile(points: { at: number; w: number }[], B: Posterior, q: number, start: number, span: number) {
  const total = points.reduce((sum, p) => sum + p.w, 0); // ≈ 1; dividing keeps far quantiles reachable
  let lo = -1;
  let hi = Number.POSITIVE_INFINITY;
  let x = start;
  for (let i = 0; i < 100; i++) {
    const f = liftCdf(points, B, x) / total - q;
    if (f < 0) lo = x;
    else hi = x;
    const pdf = liftPdf(points, B, x) / total;
    let next = pdf > 0 ? x - f / pdf : Number.NaN;
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : x + span * 2 ** i;
    if (Math.abs(next - x) <= 1e-12 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  return null;
}

/** Exact 1 − alpha equal-tailed credible interval of p_B/p_A − 1 under Beta(1,1) priors; `guess` brackets it. */
export function betaLiftInterval(
  control: { units: number; conversions: number },
  treatment: { units: number; conversions: number },
  alpha: number,
  guess: Interval,
): Interval | null {
  const A = { a: control.conversions + 1, b: control.units - control.conversions + 1 };
  const B = { a: treatment.conversions + 1, b: treatment.units - treatment.conversions + 1 };
  const points = grid(A);
  const span = Math.max((guess[1] - guess[0]) / 2, 1e-6);
  const lo = quantile(points, B, alpha / 2, guess[0], span);
  const hi = quantile(points, B, 1 - alpha / 2, guess[1], span);
  return lo == null || hi == null ? null : [lo, hi];
}

/** gbstats' flat-prior Gaussian posterior of a relative lift: mean ± z(1 − alpha/2) · sd. */
export function gaussianLiftInterval(mean: number, sd: number, alpha: number): Interval {
  const z = normalQuantileUpper(alpha / 2);
  return [mean - z * sd, mean + z * sd];
}
