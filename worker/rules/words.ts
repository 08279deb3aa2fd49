// Number formats for the rule's plain words, fixed to en-US so a verdict reads the same on every server.

/** 0.1234 → "12.3%" (trailing zeros dropped). */
export const percent = (x: number, digits = 1) => `${+(x * 100).toFixed(digits)}%`;
/** 0.005 → "0.5 pp": an absolute change of a rate, in percentage points. */
export const points = (x: number) => `${+(x * 100).toFixed(2)} pp`;
export const count = (x: number) => x.toLocaleString('en-US');
export const money = (x: number) => count(Math.round(x * 100) / 100);
