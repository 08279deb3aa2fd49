/**
 * Reading the result columns of the SELECTs drizzle generates (`select "t"."a", "u"."a", count(*) from ...`).
 *
 * Why: D1 returns batched rows as objects keyed by column name, so two columns with the same name collapse.
 * A read joins a batch as is when its names are unique, or with every column renamed when they are not.
 */
type SelectList = { head: string; items: string[]; tail: string };

function selectList(sql: string): SelectList | null {
  const head = /^\s*select\s+(distinct\s+)?/i.exec(sql);
  if (!head) return null;
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = head[0].length;
  for (let i = start; i < sql.length; i++) {
    const ch = sql[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && ch === ',') {
      items.push(sql.slice(start, i));
      start = i + 1;
    } else if (depth === 0 && /\s/.test(ch) && /^\s+from\s/i.test(sql.slice(i, i + 7))) {
      items.push(sql.slice(start, i));
      // `*` expands to names we cannot see here.
      if (items.some((item) => /(^|\.)\*$/.test(item.trim()))) return null;
      return { head: head[0], items: items.map((item) => item.trim()), tail: sql.slice(i) };
    }
  }
  return null;
}

const ALIAS = /\s+as\s+("(?:[^"]|"")+"|\w+)$/i;
const REFERENCE = /^(?:("(?:[^"]|"")+"|\w+)\.)?("(?:[^"]|"")+"|\w+)$/;
const unquote = (name: string) => (name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name);

/** SQLite's name for one result column: its alias, else the bare column of a reference, else the expression text. */
function columnName(item: string): string {
  const alias = ALIAS.exec(item);
  if (alias) return unquote(alias[1]!);
  const reference = REFERENCE.exec(item);
  return reference ? unquote(reference[2]!) : item;
}

/** The result column names of a SELECT, or null when the text is not a plain SELECT we can read. */
export function resultColumnNames(sql: string): string[] | null {
  return selectList(sql)?.items.map(columnName) ?? null;
}

/** True when every result column has its own name, so rows survive the trip through objects. */
export function hasUniqueColumns(sql: string): boolean {
  const names = resultColumnNames(sql);
  return names !== null && new Set(names).size === names.length;
}

/** The same SELECT with each repeated result column renamed by position ("c3"), or null if it can't be read. */
export function withPositionalNames(sql: string): string | null {
  const list = selectList(sql);
  if (!list) return null;
  const seen = new Set<string>();
  const renamed = list.items.map((item, i) => {
    const name = columnName(item);
    if (!seen.has(name)) {
      seen.add(name);
      return item;
    }
    return `${item.replace(ALIAS, '')} as "c${i}"`;
  });
  return `${list.head}${renamed.join(', ')}${list.tail}`;
}
