/**
 * Oracle agreement: every number within 1e-6 relative, or 1e-9 absolute near zero; null exactly where
 * the oracle has null. Walks the *expected* value, so every oracle field must be present in the result.
 */
import { expect } from 'vitest';

export const REL = 1e-6;
export const ABS = 1e-9;

export function isClose(actual: number, expected: number, rel = REL, abs = ABS): boolean {
  return Math.abs(actual - expected) <= Math.max(rel * Math.abs(expected), abs);
}

export function expectClose(actual: unknown, expected: unknown, path = '$', rel = REL, abs = ABS): void {
  if (expected === null || typeof expected === 'string' || typeof expected === 'boolean') {
    expect(actual, path).toBe(expected);
    return;
  }
  if (typeof expected === 'number') {
    expect(typeof actual, `${path} should be a number`).toBe('number');
    const a = actual as number;
    if (!isClose(a, expected, rel, abs)) {
      expect.fail(
        `${path}: got ${a}, oracle ${expected} (relative error ${Math.abs(a - expected) / Math.abs(expected)})`,
      );
    }
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} should be an array`).toBe(true);
    expect((actual as unknown[]).length, `${path} length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`, rel, abs));
    return;
  }
  expect(
    actual !== null && typeof actual === 'object',
    `${path} should be an object, got ${JSON.stringify(actual)}`,
  ).toBe(true);
  for (const [k, e] of Object.entries(expected as object))
    expectClose((actual as Record<string, unknown>)[k], e, `${path}.${k}`, rel, abs);
}

/** Every number reachable from `value` is finite (null allowed). Returns the offending path or null. */
export function firstNonFinite(value: unknown, path = '$'): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} = ${value}`;
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const bad = firstNonFinite(v, `${path}.${k}`);
    if (bad) return bad;
  }
  return null;
}
