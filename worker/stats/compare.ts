/**
 * compare(): every test for every treatment against the control (the first variant), plus the SRM check.
 * Anything that cannot be computed is null with a plain-English note, never NaN or Infinity.
 */
import { meanArm, proportionArm, type Arm } from './arms';
import { bayesProportions, gaussianBayes } from './bayesian';
import { benjaminiHochberg, holm } from './corrections';
import { betaLiftInterval, gaussianLiftInterval } from './credible';
import { welchTest } from './means';
import { pooledZTest, waldInterval } from './proportions';
import { relativeLift, relativeTest, sequentialTest } from './relative';
import { srm } from './srm';
import type { CompareInput, CompareResult, MeanVariant, ProportionVariant, VariantComparison } from './types';

export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_SEQUENTIAL_TUNING = 5000;

const percent = (x: number) => `${x === 0 ? 0 : 100}%`;

function toArm(metric: CompareInput['metric'], v: ProportionVariant | MeanVariant): Arm {
  return metric === 'proportion' ? proportionArm(v as ProportionVariant) : meanArm(v as MeanVariant);
}

function emptyComparison(b: Arm): VariantComparison {
  return {
    name: b.name,
    units: b.n,
    estimate: b.mean,
    absoluteLift: null,
    relativeLift: null,
    test: { statistic: null, df: null, pValue: null, adjustedPValue: null, ciAbsolute: null },
    relative: null,
    sequential: null,
    bayesian: null,
    notes: [],
  };
}

function proportionTests(a: Arm, b: Arm, alpha: number, out: VariantComparison): void {
  const z = pooledZTest(a, b);
  if (z) Object.assign(out.test, { statistic: z.statistic, pValue: z.pValue });
  else out.notes.push(`both arms convert at ${percent(a.mean ?? 0)}, so the z-test has no variance and no p-value`);
  out.test.ciAbsolute = waldInterval(a, b, alpha);
  if (!out.test.ciAbsolute)
    out.notes.push('both rates are 0% or 100%, so the interval of the difference is not reported');
  out.bayesian = bayesProportions(
    { units: a.n, conversions: a.conversions },
    { units: b.n, conversions: b.conversions },
  );
}

function meanTests(a: Arm, b: Arm, alpha: number, out: VariantComparison): void {
  const t = welchTest(a, b, alpha);
  if (t) Object.assign(out.test, { statistic: t.statistic, df: t.df, pValue: t.pValue, ciAbsolute: t.ci });
  else if (a.variance === null || b.variance === null)
    out.notes.push('an arm has fewer than two units, so the t-test needs more data');
  else out.notes.push('neither arm varies, so the t-test is undefined');
}

function compareOne(a: Arm, b: Arm, input: CompareInput, alpha: number, tuning: number): VariantComparison {
  const out = emptyComparison(b);
  if (a.mean === null || b.mean === null) {
    out.notes.push(
      a.mean === null ? `control ${a.name} has no units yet, so nothing can be compared` : `${b.name} has no units yet`,
    );
    return out;
  }
  out.absoluteLift = b.mean - a.mean;
  out.relativeLift = a.mean !== 0 ? (b.mean - a.mean) / a.mean : null;
  if (out.relativeLift === null) {
    out.notes.push(
      input.metric === 'proportion'
        ? 'control rate is 0%, so relative lift is undefined'
        : 'control mean is 0, so relative lift is undefined',
    );
  }
  if (input.metric === 'proportion') proportionTests(a, b, alpha, out);
  else meanTests(a, b, alpha, out);
  const rel = relativeLift(a, b);
  if (typeof rel === 'string') {
    out.notes.push(`relative and sequential tests unavailable: ${rel}`);
    if (input.metric === 'mean') out.notes.push('Bayesian summary unavailable: it is built on the relative lift');
  } else {
    out.relative = relativeTest(rel, alpha);
    out.sequential = sequentialTest(rel, alpha, tuning);
    if (input.metric === 'mean') out.bayesian = gaussianBayes(rel.lift, rel.stddev);
    // The credible interval comes from the posterior that gave the chance to beat control (exact Beta, or Gaussian).
    const gaussian = gaussianLiftInterval(rel.lift, rel.stddev, alpha);
    const credible =
      input.metric === 'proportion'
        ? betaLiftInterval(
            { units: a.n, conversions: a.conversions },
            { units: b.n, conversions: b.conversions },
            alpha,
            gaussian,
          )
        : gaussian;
    if (out.bayesian && credible) out.bayesian.credibleInterval = credible;
    else if (out.bayesian) out.notes.push('the credible interval did not converge for these numbers');
  }
  return sanitize(out);
}

/** Last line of defence: a block with any non-finite number becomes null with a note. */
function sanitize(out: VariantComparison): VariantComparison {
  const finite = (x: unknown): boolean =>
    x === null ||
    typeof x === 'string' ||
    typeof x === 'boolean' ||
    (typeof x === 'number' ? Number.isFinite(x) : Object.values(x as object).every(finite));
  const clear = (what: string) => out.notes.push(`${what} could not be computed in double precision for these numbers`);
  for (const key of ['absoluteLift', 'relativeLift'] as const) {
    if (!finite(out[key])) {
      out[key] = null;
      clear(key);
    }
  }
  if (!finite(out.test)) {
    out.test = { statistic: null, df: null, pValue: null, adjustedPValue: null, ciAbsolute: null };
    clear('the fixed-horizon test');
  }
  for (const key of ['relative', 'sequential', 'bayesian'] as const) {
    if (!finite(out[key])) {
      out[key] = null;
      clear(`the ${key} result`);
    }
  }
  return out;
}

export function compare(input: CompareInput): CompareResult {
  const alpha = input.alpha ?? DEFAULT_ALPHA;
  const tuning = input.sequentialTuning ?? DEFAULT_SEQUENTIAL_TUNING;
  const arms = input.variants.map((v) => toArm(input.metric, v));
  const [a, ...treatments] = arms;
  if (!a || treatments.length === 0) throw new RangeError('compare needs a control and at least one treatment');
  const variants = treatments.map((b) => compareOne(a, b, input, alpha, tuning));
  const pValues = variants.map((v) => v.test.pValue);
  const correction = input.correction ?? 'holm';
  const adjusted = correction === 'none' ? pValues : correction === 'holm' ? holm(pValues) : benjaminiHochberg(pValues);
  variants.forEach((v, i) => {
    v.test.adjustedPValue = adjusted[i] ?? null;
  });
  return {
    control: { name: a.name, units: a.n, estimate: a.mean },
    variants,
    srm: srm(
      arms.map((arm) => arm.n),
      input.weights,
    ),
  };
}
