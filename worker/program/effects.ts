import type { Interval } from '../stats';

/**
 * What a closed cycle measured on its primary metric, read from the analysis stored with its learning:
 * the relative lift of the shipped variant (or the first treatment), oriented so that positive is better
 * (a CPA drop is a gain), with its standard error and the interval the test reported.
 */
export type MeasuredEffect = { variantKey: string; variantName: string; effect: number; se: number; ci: Interval };

type StoredComparisonVariant = {
  name?: string;
  relativeLift?: number | null;
  relative?: { stddev?: number; ci?: Interval } | null;
};
/** The primary metric's entry of a stored analysis (`learnings.evidence.metrics[role = primary]`). */
export type StoredPrimary = {
  direction?: 'increase' | 'decrease';
  comparison?: { result?: { variants?: StoredComparisonVariant[] } } | null;
};

export function measuredEffect(
  primary: StoredPrimary | null | undefined,
  variants: { key: string; name: string }[],
  shippedKey: string | null | undefined,
): MeasuredEffect | null {
  const compared = primary?.comparison?.result?.variants;
  if (!compared?.length) return null;
  const index = Math.max(1, shippedKey ? variants.findIndex((v) => v.key === shippedKey) : 1);
  const v = compared[index - 1];
  const lift = v?.relativeLift;
  const se = v?.relative?.stddev;
  const ci = v?.relative?.ci;
  if (lift == null || se == null || !(se > 0) || !ci) return null;
  const up = primary?.direction !== 'decrease';
  return {
    variantKey: variants[index]?.key ?? '',
    variantName: variants[index]?.name ?? v?.name ?? '',
    effect: up ? lift : -lift,
    se,
    ci: up ? [ci[0], ci[1]] : [-ci[1], -ci[0]],
  };
}

/** SQL-side extraction of the primary metric's stored analysis, so lists never load whole evidence documents. */
export const PRIMARY_FROM_EVIDENCE =
  "(select value from json_each(learnings.evidence, '$.metrics') where json_extract(value, '$.role') = 'primary' limit 1)";
