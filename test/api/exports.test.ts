import { SELF } from 'cloudflare:test';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTeam, ORIGIN, type Team } from './support/client';
import { draftCycle, winningResults } from './support/fixtures';

/** The raw file: Response.text() would drop the BOM the test must see. */
async function download(team: Team, path: string) {
  const res = await SELF.fetch(`${ORIGIN}${path}`, { headers: { cookie: team.viewer.auth.cookie! } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}
const parse = (text: string) =>
  Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
const RISKY = /^[=+\-@\t\r]/;
const unneutralised = (cell: string) => (cell.startsWith("'") && RISKY.test(cell.slice(1)) ? cell.slice(1) : cell);

describe('CSV and Markdown exports', () => {
  let team: Team;
  let other: Team;
  const titles = [
    '=HYPERLINK("http://evil")',
    '+1 free shipping',
    '-5% price',
    '@SUM(A1)',
    '\tTabbed',
    'Café, "quoted"\nnew line ☕',
  ];
  let learningId: string;
  let cycleId: string;
  beforeAll(async () => {
    [team, other] = [await createTeam('Export Co'), await createTeam('Other Export Co')];
    for (const title of titles)
      expect((await team.member.post('/api/hypotheses', { title, tags: ['a', '=b'] })).status).toBe(201);
    await other.member.post('/api/hypotheses', { title: 'Other workspace idea' });
    const { cycle, metric } = await draftCycle(team);
    await team.lead.post(`/api/cycles/${cycle.id}/launch`, { version: 1 });
    await team.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(metric));
    const closed = await team.lead.post(`/api/cycles/${cycle.id}/close`, {
      decision: 'ship',
      overrideReason: 'export test',
      learning: {
        summary: '=1+1 <script>alert(1)</script> lifted *conversion*',
        nextSteps: '# not a heading',
        tags: ['@risky'],
      },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    learningId = closed.body.learning.id;
    cycleId = cycle.id;
  });

  it('exports the backlog as UTF-8 CSV with a BOM that parses back to the records, formulas neutralised', async () => {
    const { res, bytes, text } = await download(team, '/api/exports/hypotheses.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(text).data;
    const records = (await team.viewer.get('/api/hypotheses?limit=200')).body.items as Record<string, any>[];
    expect(rows).toHaveLength(records.length);
    for (const record of records) {
      const row = rows.find((r) => r.id === record.id)!;
      expect(unneutralised(row.title!)).toBe(record.title);
      expect(row.status).toBe(record.status);
      expect(row.created_at).toBe(record.createdAt);
      expect(row.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(row.ice_score).toBe(record.iceScore == null ? '' : String(record.iceScore));
      expect(row.tags).toBe(record.tags.join('; '));
    }
    for (const row of rows) expect(row.title, 'a risky cell starts with a quote').not.toMatch(RISKY);
    expect(rows.map((r) => r.title)).toContain(`'=HYPERLINK("http://evil")`);
    expect(rows.map((r) => r.title)).toContain("'-5% price");
    expect(rows.map((r) => r.title)).toContain('Café, "quoted"\nnew line ☕');
    expect(text).not.toContain('Other workspace idea');
  });

  it('exports cycles as one row per variant × metric with the analysis figures', async () => {
    const { res, text } = await download(team, '/api/exports/cycles.csv');
    expect(res.status).toBe(200);
    const rows = parse(text).data.filter((r) => r.cycle_id === cycleId);
    const analysis = (await team.viewer.get(`/api/cycles/${cycleId}/analysis`)).body;
    const expected = (analysis.metrics as any[]).flatMap((m) =>
      m.comparison
        ? [m.comparison.result.control, ...m.comparison.result.variants].map((v: any) => ({ metric: m.name, v }))
        : [],
    );
    expect(rows).toHaveLength(expected.length);
    expect(rows.length).toBeGreaterThanOrEqual(4); // 2 variants × (conversion rate, CPA)
    const num = (cell: string | undefined) => (cell === '' || cell == null ? null : Number(cell));
    expected.forEach(({ metric, v }, i) => {
      const row = rows[i]!;
      expect(row).toMatchObject({ metric, variant: v.name, status: 'closed', decision: 'ship' });
      expect(num(row.estimate)).toBe(v.estimate ?? null);
      expect(num(row.relative_lift)).toBe(v.relativeLift ?? null);
      expect(num(row.p_value)).toBe(v.test?.pValue ?? v.pValue ?? null);
      expect(num(row.ci_low)).toBe((v.test?.ciAbsolute ?? v.ciAbsolute)?.[0] ?? null);
    });
    expect(parse((await download(other, '/api/exports/cycles.csv')).text).data).toEqual([]);
  });

  it('exports the learning log, scoped to the workspace', async () => {
    const { res, text } = await download(team, '/api/exports/learnings.csv');
    expect(res.status).toBe(200);
    const rows = parse(text).data;
    expect(rows.map((r) => r.id)).toEqual([learningId]);
    const record = (await team.viewer.get(`/api/learnings/${learningId}`)).body;
    expect(rows[0]).toMatchObject({
      title: record.title,
      decision: 'ship',
      summary: `'${record.summary}`,
      next_steps: record.nextSteps,
      tags: `'@risky`,
      published_at: record.publishedAt,
      cycle_id: record.cycleId,
    });
    expect(parse((await download(other, '/api/exports/learnings.csv')).text).data).toEqual([]);
  });

  it('writes a learning as Markdown with user text escaped, and 404s for another workspace', async () => {
    const res = await team.viewer.get(`/api/learnings/${learningId}/markdown`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const md = res.body as string;
    expect(md).toMatch(/^# /);
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md).toContain('lifted \\*conversion\\*');
    expect(md).toContain('\\# not a heading');
    expect(md).toContain('**Decision:** Ship');
    expect((await other.viewer.get(`/api/learnings/${learningId}/markdown`)).status).toBe(404);
  });
});
