import { describe, expect, it } from 'vitest';
import { hasUniqueColumns, resultColumnNames, withPositionalNames } from '../../worker/d1/select-columns';

describe('result column names of the SELECTs drizzle writes', () => {
  it('names references, aliases and expressions as SQLite does', () => {
    expect(
      resultColumnNames(
        'select "members"."id", "users"."name" as "who", count(*), coalesce("a", \'x, y\') from "members" where 1',
      ),
    ).toEqual(['id', 'who', 'count(*)', 'coalesce("a", \'x, y\')']);
    expect(resultColumnNames('select distinct "id" from "t"')).toEqual(['id']);
  });

  it('knows when names repeat, and when it cannot tell', () => {
    expect(hasUniqueColumns('select "m"."id", "u"."id" from "m" join "u"')).toBe(false);
    expect(hasUniqueColumns('select "m"."id", "u"."name" from "m" join "u"')).toBe(true);
    expect(hasUniqueColumns('select * from "t"')).toBe(false);
    expect(hasUniqueColumns('update "t" set "a" = 1')).toBe(false);
  });

  it('renames only the repeated columns, keeping the rest of the statement', () => {
    const sql = 'select "m"."id", "u"."id", "u"."name" as "id", "w"."name" from "m" join "u" order by "m"."id"';
    expect(withPositionalNames(sql)).toBe(
      'select "m"."id", "u"."id" as "c1", "u"."name" as "c2", "w"."name" from "m" join "u" order by "m"."id"',
    );
    expect(hasUniqueColumns(withPositionalNames(sql)!)).toBe(true);
  });
});
