export const days = (x: number | null | undefined) =>
  x == null ? '—' : `${Math.round(x * 10) / 10} day${Math.round(x * 10) === 10 ? '' : 's'}`;

/** "60% (3 of 5)", or a dash when there is nothing to divide. */
export const shareOf = (part: number, whole: number) =>
  whole === 0 ? '—' : `${Math.round((100 * part) / whole)}% (${part} of ${whole})`;
