/**
 * Multiple-treatment corrections, as R's p.adjust. `null` entries (tests that could not be run) are
 * skipped and do not count towards m; results come back in input order.
 */

type Indexed = { index: number; p: number };

function present(pValues: (number | null)[]): Indexed[] {
  const out: Indexed[] = [];
  pValues.forEach((p, index) => {
    if (p !== null) out.push({ index, p });
  });
  return out;
}

/** Holm step-down: sorted ascending, p_(k) · (m − k), made monotone non-decreasing, capped at 1. */
export function holm(pValues: (number | null)[]): (number | null)[] {
  const items = present(pValues).sort((x, y) => x.p - y.p);
  const out: (number | null)[] = pValues.map(() => null);
  let running = 0;
  items.forEach(({ index, p }, rank) => {
    running = Math.max(running, Math.min(1, (items.length - rank) * p));
    out[index] = running;
  });
  return out;
}

/** Benjamini–Hochberg step-up: sorted descending, p_(k) · m / k, made monotone non-increasing, capped at 1. */
export function benjaminiHochberg(pValues: (number | null)[]): (number | null)[] {
  const items = present(pValues).sort((x, y) => y.p - x.p);
  const m = items.length;
  const out: (number | null)[] = pValues.map(() => null);
  let running = 1;
  items.forEach(({ index, p }, k) => {
    running = Math.min(running, Math.min(1, (p * m) / (m - k)));
    out[index] = running;
  });
  return out;
}
