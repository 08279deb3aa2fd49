/**
 * The first-load budget (issue: "measure the JS and CSS sent on first load"): ≤ 80 kB of JS and ≤ 15 kB of CSS,
 * gzip level 9. Sizes, not timings, so it is deterministic and belongs in the suite. `npm test` builds web/dist
 * before vitest runs; without a build the test is skipped locally and fails in CI.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUDGET, dynamicImports, formatReport, measureBundle, staticImports } from '../../../scripts/bench/bundle';

const dist = fileURLToPath(new URL('../../../web/dist', import.meta.url));
const built = existsSync(`${dist}/index.html`);

describe('bundle budget', () => {
  it.runIf(!built && !!process.env.CI)('web/dist exists in CI', () => {
    expect.fail(`web/dist/index.html is missing: run \`npm run build\` before the tests (npm test does this).`);
  });

  it.skipIf(!built)('first-load JS and CSS are within budget (gzip -9)', () => {
    const report = measureBundle(dist);
    const table = formatReport(report);
    expect(report.entry.length, `no <script type="module"> entry found in index.html\n${table}`).toBeGreaterThan(0);
    expect(report.firstLoadCss.length, `no stylesheet found in index.html\n${table}`).toBeGreaterThan(0);
    expect(report.totals.firstLoadJsGz, `first-load JS over budget\n${table}`).toBeLessThanOrEqual(
      BUDGET.firstLoadJsGz,
    );
    expect(report.totals.firstLoadCssGz, `first-load CSS over budget\n${table}`).toBeLessThanOrEqual(
      BUDGET.firstLoadCssGz,
    );
    expect(report.overBudget).toEqual([]);
  });

  it.skipIf(!built)('lazy routes stay out of the first load', () => {
    const report = measureBundle(dist);
    const first = new Set(report.firstLoadJs.map((a) => a.file));
    expect(report.lazy.length).toBeGreaterThan(0);
    for (const a of report.lazy) expect(first.has(a.file), a.file).toBe(false);
    // Every first-load and lazy file is precached by the service worker, so the app opens offline.
    const precached = new Set(report.precache.map((a) => a.file));
    for (const a of [...report.firstLoadJs, ...report.firstLoadCss, ...report.lazy])
      expect(precached.has(a.file), `${a.file} not precached`).toBe(true);
  });
});

describe('import scanning of built chunks', () => {
  it('finds static imports, re-exports and side-effect imports, not import()', () => {
    const code =
      'const __vite__mapDeps=(i)=>i;import{a as b,c}from"./index-A.js";import"./side.js";export{x}from"./re.js";' +
      'const r=()=>import(`./Lazy-B.js`);const s="import x from \'./not-a-stmt.js\'";function f(){}import*as ns from"../up.js"';
    expect(staticImports(code).sort()).toEqual(['../up.js', './index-A.js', './re.js', './side.js']);
    expect(dynamicImports(code)).toEqual(['./Lazy-B.js']);
  });
});

describe('measureBundle on a synthetic build', () => {
  function fakeDist(files: Record<string, string | Buffer>) {
    const dir = mkdtempSync(join(tmpdir(), 'hadi-dist-'));
    for (const [name, body] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), body);
    }
    return dir;
  }
  const html = (extra = '') =>
    `<!doctype html><html><head><script type="module" crossorigin src="/assets/index.js"></script>${extra}` +
    `<link rel="stylesheet" crossorigin href="/assets/index.css"><link rel="manifest" href="/manifest.webmanifest"></head><body></body></html>`;

  it('counts the entry, modulepreloads and static imports as first load; import() chunks as lazy', () => {
    const dir = fakeDist({
      'index.html': html('<link rel="modulepreload" crossorigin href="/assets/preloaded.js">'),
      'assets/index.js': 'import{a}from"./vendor.js";import"./side.js";const r=()=>import("./Route.js");export{a}',
      'assets/vendor.js': 'export const a=1',
      'assets/side.js': 'import{a}from"./vendor.js";console.log(a)',
      'assets/preloaded.js': 'export const p=1',
      'assets/Route.js': 'import{a}from"./index.js";import{x}from"./route-dep.js";export default a+x',
      'assets/route-dep.js': 'export const x=2',
      'assets/index.css': 'body{color:red}',
      'sw.js':
        'e.precacheAndRoute([{url:"index.html",revision:"1"},{url:"assets/index.js",revision:null},{url:"assets/index.js",revision:null}],{})',
    });
    try {
      const r = measureBundle(dir);
      expect(r.firstLoadJs.map((a) => a.file).sort()).toEqual([
        'assets/index.js',
        'assets/preloaded.js',
        'assets/side.js',
        'assets/vendor.js',
      ]);
      expect(r.firstLoadCss.map((a) => a.file)).toEqual(['assets/index.css']);
      expect(r.lazy.map((a) => a.file)).toEqual(['assets/Route.js', 'assets/route-dep.js']);
      expect(r.precache.map((a) => a.file)).toEqual(['assets/index.js', 'index.html']); // deduplicated
      for (const a of r.firstLoadJs) expect(a.gz).toBeGreaterThan(0);
      expect(r.overBudget).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports incompressible JS over the budget', () => {
    const dir = fakeDist({
      'index.html': html(),
      'assets/index.js': `const blob="${randomBytes(90_000).toString('base64')}";`, // 120 kB of base64 gzips to ~90 kB
      'assets/index.css': 'body{}',
    });
    try {
      const r = measureBundle(dir);
      expect(r.totals.firstLoadJsGz).toBeGreaterThan(BUDGET.firstLoadJsGz);
      expect(r.overBudget).toEqual([expect.stringMatching(/^first-load JS .* gz > budget 80\.0 kB$/)]);
      expect(formatReport(r)).toMatch(/first-load JS .* OVER/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a missing build or a missing referenced file', () => {
    const dir = fakeDist({ 'index.html': html(), 'assets/index.css': '' });
    try {
      expect(() => measureBundle(join(dir, 'nope'))).toThrow(/index\.html not found: run `npm run build` first/);
      expect(() => measureBundle(dir)).toThrow(/assets\/index\.js is referenced but missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
