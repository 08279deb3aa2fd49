import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AMOUNTS,
  decodeBytes,
  decodeExport,
  type FeedMetric,
  ImportError,
  namesIn,
  parseExport,
  plan,
} from '../../worker/imports';

// Fixtures and their expected figures come from test/fixtures/imports/make_fixtures.py (the truth drawn before
// the platform quirks were written), never from this code.
const DIR = 'test/fixtures/imports';
const expected = JSON.parse(readFileSync(`${DIR}/expected.json`, 'utf8')) as {
  files: Record<string, any>;
  malformed: Record<string, { field?: string; fieldStartsWith?: string; message: string }>;
};
const bytes = (name: string) => new Uint8Array(readFileSync(`${DIR}/${name}`));
const read = (name: string) => parseExport(decodeBytes(bytes(name)));

const METRICS: FeedMetric[] = [
  { id: 'ccr', name: 'Click conversion rate', kind: 'proportion', unit: 'click', costFormula: null },
  { id: 'ctr', name: 'Click-through rate', kind: 'proportion', unit: 'impression', costFormula: null },
  { id: 'cpa', name: 'CPA', kind: 'cost', unit: 'click', costFormula: 'cpa' },
  { id: 'rpv', name: 'Revenue per visitor', kind: 'mean', unit: 'visitor', costFormula: null },
];
const close = (got: Record<string, number>, want: Record<string, number>) => {
  for (const a of AMOUNTS) expect(got[a], a).toBeCloseTo(want[a]!, 6);
};

describe('ad-platform exports, one quirk per file', () => {
  for (const [key, want] of Object.entries(expected.files)) {
    const file = key.split('#')[0]!;
    it(`${key}: platform ${want.platform}, currency, totals per variant and per day`, () => {
      const parsed = read(file);
      expect(parsed.platform).toBe(want.platform);
      expect(parsed.currency).toBe(want.currency);
      expect(parsed.rows.length).toBe(want.rows);
      if (want.ignored !== undefined) expect(parsed.ignored.length).toBe(want.ignored);
      const metrics = file.startsWith('hadi') ? METRICS.filter((m) => m.id !== 'ctr') : METRICS;
      const result = plan(parsed, want.variants, ['control', 'b'], metrics);
      expect(Object.keys(result.totals).sort()).toEqual(Object.keys(want.totals).sort());
      for (const [variant, totals] of Object.entries(want.totals)) close(result.totals[variant]!, totals as never);
      expect(result.skipped.length).toBe(want.skipped ?? 0);
      for (const [variant, days] of Object.entries(want.daily ?? {}))
        for (const [date, totals] of Object.entries(days as Record<string, never>))
          close(result.daily.get(variant)!.get(date)!, totals);
      if (want.points !== undefined) expect(result.points.length).toBe(want.points);
    });
  }

  it('every fixture file is covered by expected.json', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.csv'));
    const covered = new Set([
      ...Object.keys(expected.files).map((k) => k.split('#')[0]),
      ...Object.keys(expected.malformed),
    ]);
    expect(files.filter((f) => !covered.has(f))).toEqual([]);
  });

  it('feeds cumulative snapshots per variant, date and metric (clicks → units per click, impressions per impression)', () => {
    const want = expected.files['google-title-lines.csv'];
    const result = plan(read('google-title-lines.csv'), want.variants, ['control', 'b'], METRICS);
    // 2 variants × 7 days × 3 metrics the file can feed (the mean metric cannot be)
    expect(result.points.length).toBe(42);
    const last = (metricId: string, key: string) =>
      result.points.filter((p) => p.metricId === metricId && p.variantKey === key).at(-1)!;
    for (const key of ['control', 'b']) {
      const t = want.totals[key];
      expect(last('ccr', key)).toMatchObject({
        date: '2026-11-08',
        units: t.clicks,
        conversions: Math.round(t.conversions),
      });
      expect(last('ctr', key)).toMatchObject({ units: t.impressions, conversions: t.clicks, spend: null });
      expect(last('cpa', key).spend).toBeCloseTo(t.spend, 6);
      expect(last('cpa', key).revenue).toBeCloseTo(t.revenue, 6);
    }
    const ccr = result.points.filter((p) => p.metricId === 'ccr' && p.variantKey === 'control');
    expect(ccr.map((p) => p.units)).toEqual([...ccr.map((p) => p.units)].sort((a, b) => a - b));
  });

  it('a later file continues from what is stored before its first date', () => {
    const want = expected.files['google-title-lines.csv'];
    const base = {
      metricId: 'ccr',
      variantKey: 'control',
      date: '2026-11-01',
      units: 1000,
      conversions: 50,
      spend: null,
      revenue: null,
    };
    const result = plan(read('google-title-lines.csv'), want.variants, ['control', 'b'], METRICS, (m, v, before) =>
      m === 'ccr' && v === 'control' && before === '2026-11-02' ? base : undefined,
    );
    const last = result.points.filter((p) => p.metricId === 'ccr' && p.variantKey === 'control').at(-1)!;
    expect(last.units).toBe(1000 + want.totals.control.clicks);
  });

  it('lists the names to map, campaigns first', () => {
    const parsed = read('meta-bom-currency-header.csv');
    if (parsed.kind !== 'ads') throw new Error('not ads');
    expect(namesIn(parsed.rows).map((n) => `${n.level}:${n.name}:${n.rows}`)).toEqual([
      'campaign:Prospecting:21',
      'adGroup:Broad 25-44:21',
      'ad:Carousel - old:7',
      'ad:Video - hook A:7',
      'ad:Video - hook B:7',
    ]);
  });

  it('refuses a cycle none of whose metrics an ad export can feed, saying what each needs', () => {
    const parsed = read('google-title-lines.csv');
    expect(() =>
      plan(
        parsed,
        {},
        ['control'],
        METRICS.filter((m) => m.kind === 'mean'),
      ),
    ).toThrow(/mean metric/);
  });
});

describe('malformed files each get a problem naming the line and column', () => {
  for (const [file, want] of Object.entries(expected.malformed)) {
    it(file, () => {
      let error: unknown;
      try {
        read(file);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ImportError);
      const fields = (error as ImportError).fields;
      const [key, message] = want.field
        ? [want.field, fields[want.field]]
        : (Object.entries(fields).find(([k]) => k.startsWith(want.fieldStartsWith!)) ?? []);
      expect(key, JSON.stringify(fields)).toBeDefined();
      expect(message, JSON.stringify(fields)).toContain(want.message);
    });
  }

  it('base64 content is decoded, and more than 5 MB is too large', () => {
    const b64 = Buffer.from(bytes('google-utf16-tabs.csv')).toString('base64');
    expect(parseExport(decodeExport(b64, 'base64')).platform).toBe('google_ads');
    expect(() => decodeExport('not base64 at all!', 'base64')).toThrow(ImportError);
    const big = 'x'.repeat(5 * 1024 * 1024 + 1);
    const error = (() => {
      try {
        decodeExport(big);
      } catch (err) {
        return err as ImportError;
      }
    })();
    expect(error?.tooLarge).toBe(true);
  });
});

describe('any bytes at all', () => {
  it('either read or refused with named problems, never another error', async () => {
    const fc = await import('fast-check');
    const base = readFileSync(`${DIR}/google-title-lines.csv`, 'utf8');
    const mutated = fc
      .tuple(fc.integer({ min: 0, max: base.length }), fc.string({ maxLength: 40 }))
      .map(([at, junk]) => base.slice(0, at) + junk + base.slice(at + junk.length));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          mutated.map((t) => new TextEncoder().encode(t)),
        ),
        (b) => {
          try {
            const parsed = parseExport(decodeBytes(b));
            plan(parsed, { 'Brand - Control': 'control' }, ['control', 'b'], METRICS);
          } catch (err) {
            if (!(err instanceof ImportError)) throw err;
            expect(Object.keys(err.fields).length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
