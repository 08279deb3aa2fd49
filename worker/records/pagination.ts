import { and, eq, lt, or, type Column, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { badRequest } from '../http/errors';

/** Keyset cursor: the sort value and id of the last row returned, opaque to clients. */
export type Cursor = { sort: string | number | null; id: string };

export const encodeCursor = (cursor: Cursor) => btoa(JSON.stringify([cursor.sort, cursor.id])).replace(/=+$/, '');

const cursorShape = z.tuple([z.union([z.string(), z.number(), z.null()]), z.string()]);

export function decodeCursor(raw: string | undefined): Cursor | undefined {
  if (!raw) return undefined;
  try {
    const [sort, id] = cursorShape.parse(JSON.parse(atob(raw)));
    return { sort, id };
  } catch {
    throw badRequest('Invalid cursor', { cursor: 'not a cursor returned by this API' });
  }
}

export const listQuery = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

/** Fetches limit + 1 rows so we know whether a next page exists without counting. */
export function page<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

/** Newest first by `sort`, ties broken by id: the keyset condition for the rows after `cursor`. */
export function afterNewest(sort: Column, id: Column, cursor: Cursor | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const value = String(cursor.sort);
  return or(lt(sort, value), and(eq(sort, value), lt(id, cursor.id)));
}
