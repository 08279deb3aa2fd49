/**
 * Regularized incomplete beta function, the core of the Student t tail. Hand-written for the same reason
 * as the rest (see distributions.ts): tails must keep relative precision at 10⁷ units and p ≈ 1e-190.
 */
import { logBeta } from './gamma';
import { EPS, MAX_ITERATIONS, TINY } from './numeric';

/**
 * Regularized incomplete beta I_x(a, b), given both x and y = 1 − x so callers can pass a y that was
 * computed without cancellation. Uses the continued fraction of Didonato & Morris (TOMS 708, `bfrac`),
 * which is written in λ = (a+b)y − b and so stays accurate for a ~ 10⁷ where the textbook (Numerical
 * Recipes) form loses ~7 digits to cancellation. That form is designed for a, b > 1; with a ≤ 1 (the
 * t distribution's complement path, a = ½) the textbook fraction is the accurate one, so both are kept.
 * Applied to whichever of I_x(a,b), 1 − I_y(b,a) converges quickly.
 */
export function incompleteBeta(a: number, b: number, x: number, y = 1 - x): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  if (x < (a + 1) / (a + b + 2)) return betaFraction(a, b, x, y);
  return 1 - betaFraction(b, a, y, x);
}

/** x^a y^b / B(a,b), with logs via log1p when x or y is near 1, times a continued fraction. */
function betaFraction(a: number, b: number, x: number, y: number): number {
  const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const logY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const front = Math.exp(a * logX + b * logY - logBeta(a, b));
  if (front === 0) return 0;
  return front * (a > 1 ? didonatoMorrisFraction(a, b, x, y) : textbookFraction(a, b, x) / a);
}

/** TOMS 708 `bfrac` (Didonato & Morris 1992), without its prefactor. */
function didonatoMorrisFraction(a: number, b: number, x: number, y: number): number {
  const c = 1 + (a + b) * y - b;
  const c0 = b / a;
  const c1 = 1 + 1 / a;
  const yp1 = y + 1;
  let p = 1;
  let s = a + 1;
  let an = 0;
  let bn = 1;
  let anp1 = 1;
  let bnp1 = c / c1;
  let r = c1 / c;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    let t = n / a;
    const w = n * (b - n) * x;
    let e = a / s;
    const alpha = p * (p + c0) * e * e * (w * x);
    e = (1 + t) / (c1 + t + t);
    const beta = n + w / s + e * (c + n * yp1);
    p = 1 + t;
    s += 2;
    t = alpha * an + beta * anp1;
    an = anp1;
    anp1 = t;
    t = alpha * bn + beta * bnp1;
    bn = bnp1;
    bnp1 = t;
    const previous = r;
    r = anp1 / bnp1;
    if (!(Math.abs(r - previous) > EPS * r)) break;
    an /= bnp1; // rescale to keep the recurrences in range
    bn /= bnp1;
    anp1 = r;
    bnp1 = 1;
  }
  return r;
}

/** Numerical Recipes' `betacf` (modified Lentz). */
function textbookFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  d = 1 / (Math.abs(d) < TINY ? TINY : d);
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    d = 1 / (Math.abs(d) < TINY ? TINY : d);
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    d = 1 / (Math.abs(d) < TINY ? TINY : d);
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}
