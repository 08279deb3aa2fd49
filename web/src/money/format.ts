export const formatCount = (x: number | null | undefined, digits = 0) =>
  x == null || !Number.isFinite(x) ? '—' : x.toLocaleString(undefined, { maximumFractionDigits: digits });
export const formatRatio = (x: number | null | undefined) =>
  x == null || !Number.isFinite(x) ? '—' : `${x.toLocaleString(undefined, { maximumFractionDigits: 2 })}×`;
