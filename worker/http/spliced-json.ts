import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';

/**
 * A page of records answered as JSON where one field of each record is already JSON text in D1 (a learning's
 * evidence, ~5 kB): that text is spliced into the answer as stored instead of parsed into objects and serialized
 * again, which was most of the learning log's cost per request. The Worker wrote that text with JSON.stringify, so
 * it is valid JSON. The answer is typed as if the field had been parsed into `Parsed`.
 */
export function splicedJsonPage<Row extends Record<Field, string>, Field extends string, Parsed>(
  c: Context,
  page: { items: Row[]; nextCursor: string | null },
  field: Field,
): TypedResponse<
  JSONParsed<{ items: (Omit<Row, Field> & Record<Field, Parsed>)[]; nextCursor: string | null }>,
  200,
  'json'
> {
  const items = page.items.map((record) => {
    const { [field]: stored, ...rest } = record;
    const head = JSON.stringify(rest);
    return `${head.slice(0, -1)}${head === '{}' ? '' : ','}${JSON.stringify(field)}:${stored}}`;
  });
  return storedJson(c, `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`) as never;
}

/** JSON the Worker stored with JSON.stringify (a stored program view), answered as is: typed as `Parsed`. */
export function storedJson<Parsed>(c: Context, text: string): TypedResponse<JSONParsed<Parsed>, 200, 'json'> {
  return c.body(text, 200, { 'content-type': 'application/json' }) as never;
}
