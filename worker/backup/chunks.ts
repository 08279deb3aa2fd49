/**
 * D1 refuses a statement with more than 100 bound parameters, and drizzle binds one parameter per column
 * per row (nulls included), so a multi-row INSERT may carry at most floor(100 / columns) rows.
 */
export const D1_MAX_BOUND_PARAMETERS = 100;

export const rowsPerInsert = (columnCount: number) => Math.max(1, Math.floor(D1_MAX_BOUND_PARAMETERS / columnCount));

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
