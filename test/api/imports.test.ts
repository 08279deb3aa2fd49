import { beforeAll, describe, expect, it } from 'vitest';
import expected from '../fixtures/imports/expected.json';
import google from '../fixtures/imports/google-title-lines.csv?raw';
import hadiOwn from '../fixtures/imports/hadi-own.csv?raw';
import meta from '../fixtures/imports/meta-bom-currency-header.csv?raw';
import tiktok from '../fixtures/imports/tiktok-total-row.csv?raw';
import notANumber from '../fixtures/imports/bad-not-a-number.csv?raw';
import negativeCost from '../fixtures/imports/bad-negative-cost.csv?raw';
import clicksAbove from '../fixtures/imports/bad-clicks-above-impressions.csv?raw';
import duplicatedHeader from '../fixtures/imports/bad-duplicated-header.csv?raw';
import wrongDelimiter from '../fixtures/imports/bad-wrong-delimiter.csv?raw';
import { createTeam, type Client, type Team } from './support/client';
import { catalog, fullHypothesis } from './support/fixtures';
import { closeBody } from './security/world';

// Results in from ad-platform exports, through the real Worker on a real D1. Expected totals come from
// test/fixtures/imports/make_fixtures.py (the data before the platform quirks were written).
const files = expected.files as Record<string, any>;
const AMOUNTS = ['impressions', 'clicks', 'conversions', 'revenue', 'spend'] as const;

function utf16Base64(text: string, cut = false) {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  const used = cut ? bytes.subarray(0, bytes.length - 3) : bytes;
  return btoa(String.fromCharCode(...used));
}

describe('POST /api/cycles/:id/imports', () => {
  let team: Team;
  let metric: (name: string) => string;
  let ccr: string;

  /** A running cycle watching a per-click conversion rate (primary), CTR (secondary) and CPA (guardrail). */
  async function runningCycle(lead: Client = team.lead) {
    const hypothesis = await team.member.post(
      '/api/hypotheses',
      fullHypothesis({ channelId: (await catalog(team.member)).channel('Paid search'), metricId: ccr }),
    );
    const cycle = await team.member.post('/api/cycles', {
      hypothesisId: hypothesis.body.id,
      name: 'New headlines',
      variants: [
        { key: 'control', name: 'Control', weight: 1 },
        { key: 'b', name: 'New headlines', weight: 1 },
      ],
      secondaryMetricIds: [metric('Click-through rate')],
      decisionRule: {
        primaryMetricId: ccr,
        method: 'frequentist',
        alpha: 0.05,
        minRelativeLift: 0.02,
        guardrails: [{ metricId: metric('CPA'), maxWorsening: 0.1, scale: 'relative' }],
        minDays: 0,
      },
    });
    expect(cycle.status, JSON.stringify(cycle.body)).toBe(201);
    const launched = await lead.post(`/api/cycles/${cycle.body.id}/launch`, {});
    expect(launched.status, JSON.stringify(launched.body)).toBe(200);
    return launched.body as { id: string; version: number };
  }
  const post = (id: string, body: Record<string, unknown>, client: Client = team.member) =>
    client.post(`/api/cycles/${id}/imports`, body);
  const stored = async (id: string) => (await team.viewer.get(`/api/cycles/${id}/snapshots`)).body.items as any[];

  beforeAll(async () => {
    team = await createTeam('Imports Co');
    ({ metric } = await catalog(team.admin));
    const created = await team.admin.post('/api/metrics', {
      name: 'Click conversion rate',
      kind: 'proportion',
      unit: 'click',
      direction: 'increase',
      costFormula: null,
      description: 'Purchases per ad click',
      archived: false,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ccr = created.body.id;
  });

  it('a dry run answers platform, rows, totals per variant and the snapshots it would write, and writes nothing', async () => {
    const cycle = await runningCycle();
    const want = files['google-title-lines.csv'];
    const res = await post(cycle.id, { content: google, variants: want.variants, dryRun: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      platform: 'google_ads',
      rows: 14,
      skipped: [],
      snapshots: 42,
      created: 42,
      replaced: 0,
    });
    for (const key of ['control', 'b'])
      for (const a of AMOUNTS) expect(res.body.totals[key][a]).toBeCloseTo(want.totals[key][a], 6);
    expect(await stored(cycle.id)).toEqual([]);
  });

  it('a commit stores cumulative snapshots atomically with one audit entry; the same file again creates nothing', async () => {
    const cycle = await runningCycle();
    const want = files['google-title-lines.csv'];
    const first = await post(cycle.id, { content: google, variants: want.variants, dryRun: false });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ created: 42, replaced: 0, snapshots: 42 });
    const rows = await stored(cycle.id);
    expect(rows).toHaveLength(42);
    const last = rows.filter((s) => s.metricId === ccr && s.variantKey === 'b' && s.date === '2026-11-08')[0];
    expect(last).toMatchObject({ units: want.totals.b.clicks, conversions: Math.round(want.totals.b.conversions) });
    const cpa = rows.find((s) => s.metricId === metric('CPA') && s.variantKey === 'control' && s.date === '2026-11-08');
    expect(cpa.spend).toBeCloseTo(want.totals.control.spend, 6);

    const again = await post(cycle.id, { content: google, variants: want.variants, dryRun: false });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, replaced: 0, snapshots: 42 });
    expect(await stored(cycle.id)).toEqual(rows);

    const audit = await team.admin.get(`/api/audit?entityId=${cycle.id}`);
    const imports = audit.body.items.filter((e: any) => e.action === 'import');
    expect(imports).toHaveLength(1);
    expect(imports[0].after).toMatchObject({
      platform: 'google_ads',
      created: 42,
      from: '2026-11-02',
      to: '2026-11-08',
    });

    // The analysis reads the imported results right away.
    const analysis = await team.viewer.get(`/api/cycles/${cycle.id}/analysis`);
    expect(analysis.status, JSON.stringify(analysis.body)).toBe(200);
    expect(JSON.stringify(analysis.body)).toContain(String(want.totals.b.clicks));
  });

  it('an overlapping export continues from the stored days before it and replaces only the dates it changes', async () => {
    const cycle = await runningCycle();
    const want = files['google-title-lines.csv'];
    await post(cycle.id, { content: google, variants: want.variants, dryRun: false });
    const lines = google.trimEnd().split(/\r?\n/);
    const header = lines.slice(0, 3);
    const late = lines.slice(3).filter((l) => l >= '2026-11-05');
    // Nov 6 control gets 10 more clicks (a late-attributed correction), and Nov 9 is new.
    const changed = late.map((l) => {
      if (!l.startsWith('2026-11-06,Brand - Control')) return l;
      const cells = l.split(',');
      cells[5] = String(Number(cells[5]) + 10);
      return cells.join(',');
    });
    const nov9 = late.filter((l) => l.startsWith('2026-11-08')).map((l) => l.replace('2026-11-08', '2026-11-09'));
    const res = await post(cycle.id, {
      content: [...header, ...changed, ...nov9].join('\n'),
      variants: want.variants,
      dryRun: false,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // control's three metrics on Nov 6, 7 and 8 change; Nov 9 adds 2 variants × 3 metrics
    expect(res.body).toMatchObject({ replaced: 9, created: 6, snapshots: 30 });
    const rows = await stored(cycle.id);
    expect(rows).toHaveLength(48);
    const on = (date: string) => rows.find((s) => s.metricId === ccr && s.variantKey === 'control' && s.date === date);
    expect(on('2026-11-08').units).toBe(want.totals.control.clicks + 10);
    const nov8Clicks = Number(late.find((l) => l.startsWith('2026-11-08,Brand - Control'))!.split(',')[5]);
    expect(on('2026-11-09').units).toBe(want.totals.control.clicks + 10 + nov8Clicks);
  });

  it('reports unmapped rows as skipped (never guessed), ad names first; Meta and Hadi CSVs are recognised', async () => {
    const cycle = await runningCycle();
    const adsOnly = files['meta-bom-currency-header.csv#ads-only'];
    const res = await post(cycle.id, { content: meta, variants: adsOnly.variants, dryRun: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.platform).toBe('meta_ads');
    expect(res.body.skipped).toHaveLength(7);
    expect(res.body.skipped[0].reason).toContain('"Carousel - old"');
    for (const a of AMOUNTS) expect(res.body.totals.b[a]).toBeCloseTo(adsOnly.totals.b[a], 6);

    const own = await post(cycle.id, { content: hadiOwn, variants: {}, dryRun: false });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body).toMatchObject({ platform: 'hadi', created: 28 });
  });

  it('UTF-16 bytes come as base64; a truncated one is a 400 naming the line', async () => {
    const cycle = await runningCycle();
    const want = files['google-title-lines.csv'];
    const ok = await post(cycle.id, {
      content: utf16Base64(google),
      encoding: 'base64',
      variants: want.variants,
      dryRun: true,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.snapshots).toBe(42);
    const cut = await post(cycle.id, {
      content: utf16Base64(google, true),
      encoding: 'base64',
      variants: {},
      dryRun: true,
    });
    expect(cut.status).toBe(400);
    expect(Object.entries(cut.body.error.fields)[0]![0]).toMatch(/^line \d+$/);
  });

  it('bad files are a 400 whose fields name the line and column, never a 500', async () => {
    const cycle = await runningCycle();
    const cases: [string, string, string][] = [
      [notANumber, 'line 7, Cost', "not a number: 'abc'"],
      [negativeCost, 'line 4, Cost', 'cannot be negative'],
      [clicksAbove, 'line 3, Clicks', 'more clicks'],
      [duplicatedHeader, 'line 6', 'header row appears again'],
      [wrongDelimiter, 'line 3', 'separated by tabs'],
    ];
    for (const [content, field, message] of cases) {
      const res = await post(cycle.id, { content, variants: { 'Brand - Control': 'control' }, dryRun: true });
      expect(res.status, field).toBe(400);
      expect(res.body.error.fields[field], JSON.stringify(res.body)).toContain(message);
    }
    const unknown = await post(cycle.id, { content: google, variants: { 'Brand - Control': 'nope' }, dryRun: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields['variants.Brand - Control']).toContain('not a variant');
    expect(await stored(cycle.id)).toEqual([]);
  });

  it('a file in another currency than the workspace is refused, saying so', async () => {
    const cycle = await runningCycle();
    const res = await post(cycle.id, {
      content: tiktok,
      variants: files['tiktok-total-row.csv'].variants,
      dryRun: false,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.currency).toContain('USD');
    expect(res.body.error.fields.currency).toContain('EUR');
    expect(await stored(cycle.id)).toEqual([]);
  });

  it('takes files above the app-wide 1 MB limit, and answers 413 above 5 MB', async () => {
    const cycle = await runningCycle();
    const filler = Array.from(
      { length: 30_000 },
      (_, i) => `2026-11-0${(i % 7) + 2},Other campaign ${i % 50},Exact,EUR,1000,10,5.00,1.00,20.00`,
    );
    const big = `${google.trimEnd()}\n${filler.join('\n')}\n`;
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const res = await post(cycle.id, {
      content: big,
      variants: files['google-title-lines.csv'].variants,
      dryRun: true,
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body).toMatchObject({ rows: 30_014, snapshots: 42 });
    expect(res.body.skipped).toHaveLength(30_000);

    const tooBig = await post(cycle.id, { content: 'x'.repeat(5 * 1024 * 1024 + 10), dryRun: true });
    expect(tooBig.status).toBe(413);
    const wayTooBig = await post(cycle.id, { content: 'x'.repeat(8 * 1024 * 1024), dryRun: true });
    expect(wayTooBig.status).toBe(413);
  });

  it('closed and aborted cycles refuse imports with 409; viewers get 403', async () => {
    const cycle = await runningCycle();
    const want = files['google-title-lines.csv'];
    expect((await post(cycle.id, { content: google, variants: want.variants, dryRun: true }, team.viewer)).status).toBe(
      403,
    );
    const aborted = await team.lead.post(`/api/cycles/${cycle.id}/abort`, { reason: 'budget cut' });
    expect(aborted.status).toBe(200);
    const res = await post(cycle.id, { content: google, variants: want.variants, dryRun: false });
    expect(res.status).toBe(409);
    expect(await stored(cycle.id)).toEqual([]);

    const other = await runningCycle();
    await post(other.id, { content: google, variants: want.variants, dryRun: false });
    const before = await stored(other.id);
    const closed = await team.lead.post(`/api/cycles/${other.id}/close`, closeBody());
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const late = await post(other.id, { content: meta, variants: { 'Video - hook A': 'control' }, dryRun: false });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('final');
    expect(await stored(other.id)).toEqual(before);
  });
});
