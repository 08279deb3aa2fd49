/**
 * Bundle-size budget for the PWA (`npm run bench` runs it after `npm run build`; `tsx scripts/bench/bundle.ts [distDir]`).
 *
 * First load = what the browser must fetch before the first screen can run: the entry `<script type="module">`,
 * every `<link rel="modulepreload">` and stylesheet in web/dist/index.html, plus the chunks the entry pulls in
 * with static `import … from "./x.js"` / `export … from "./x.js"` / `import "./x.js"` (followed recursively).
 * Dynamic `import()` chunks are the lazy routes: counted separately, never in the first-load budget.
 *
 * Sizes are gzip at level 9 (node:zlib), which is what typical CDNs serve for static assets
 * (Cloudflare may serve brotli, which is smaller, so gzip-9 is the conservative measure). 1 kB = 1000 bytes.
 * Exits 1 when over budget.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET = { firstLoadJsGz: 80_000, firstLoadCssGz: 15_000 } as const;

export type Asset = { file: string; raw: number; gz: number };
export type BundleReport = {
  dist: string;
  entry: string[];
  firstLoadJs: Asset[];
  firstLoadCss: Asset[];
  lazy: Asset[];
  precache: Asset[];
  totals: {
    firstLoadJsGz: number;
    firstLoadJsRaw: number;
    firstLoadCssGz: number;
    firstLoadCssRaw: number;
    lazyGz: number;
    lazyRaw: number;
    precacheGz: number;
    precacheRaw: number;
  };
  budget: typeof BUDGET;
  overBudget: string[];
};

const gz = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;

/** Attribute values of the tags named `tag` in an HTML string (enough for Vite's own index.html output). */
function tags(html: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      attrs[a[1]!.toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    }
    out.push(attrs);
  }
  return out;
}

/** Static relative imports/re-exports of a built ES module (not `import()`, which starts with a parenthesis). */
export function staticImports(code: string): string[] {
  const specs = new Set<string>();
  const re = /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g;
  for (const m of code.matchAll(re)) specs.add(m[1]!);
  return [...specs];
}

/** Relative `import("./x.js")` targets of a built ES module. */
export function dynamicImports(code: string): string[] {
  const specs = new Set<string>();
  for (const m of code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)) specs.add(m[1]!);
  return [...specs];
}

/** URL in index.html / the SW manifest → path relative to dist (posix). */
const urlToRel = (url: string, fromRel = '') => {
  const clean = url.split(/[?#]/)[0]!;
  return clean.startsWith('/') ? clean.slice(1) : posix.normalize(posix.join(posix.dirname(fromRel), clean));
};

export function measureBundle(distDir: string): BundleReport {
  const dist = resolve(distDir);
  const indexPath = join(dist, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`${indexPath} not found: run \`npm run build\` first`);
  const html = readFileSync(indexPath, 'utf8');
  const read = (rel: string) => {
    const p = join(dist, rel);
    if (!existsSync(p)) throw new Error(`${rel} is referenced but missing from ${dist}`);
    return readFileSync(p);
  };
  const asset = (rel: string): Asset => {
    const buf = read(rel);
    return { file: rel, raw: buf.length, gz: gz(buf) };
  };

  const entry = tags(html, 'script')
    .filter((a) => a.type === 'module' && a.src && !/^https?:/.test(a.src))
    .map((a) => urlToRel(a.src!));
  const links = tags(html, 'link');
  const preloads = links.filter((a) => a.rel === 'modulepreload' && a.href).map((a) => urlToRel(a.href!));
  const css = links
    .filter((a) => a.rel === 'stylesheet' && a.href && !/^https?:/.test(a.href))
    .map((a) => urlToRel(a.href!));

  // First-load JS: entry + modulepreloads + their static imports, recursively.
  const firstLoad = new Set<string>();
  const lazyRoots = new Set<string>();
  const visit = (rel: string, into: Set<string>) => {
    if (into.has(rel)) return;
    into.add(rel);
    const code = read(rel).toString('utf8');
    for (const s of staticImports(code)) visit(urlToRel(s, rel), into);
    for (const d of dynamicImports(code)) lazyRoots.add(urlToRel(d, rel));
  };
  for (const rel of [...entry, ...preloads]) visit(rel, firstLoad);

  // Lazy: everything reachable through import() that is not already loaded up front.
  const lazySet = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const root of [...lazyRoots]) {
      if (firstLoad.has(root) || lazySet.has(root)) continue;
      const before = lazySet.size;
      const reach = new Set<string>();
      visit(root, reach);
      for (const r of reach) if (!firstLoad.has(r)) lazySet.add(r);
      if (lazySet.size !== before) grew = true;
    }
  }

  // Precache: the service worker's precache manifest (deduplicated by URL); empty when there is no sw.js.
  const precacheFiles = new Set<string>();
  const swPath = join(dist, 'sw.js');
  if (existsSync(swPath)) {
    const sw = readFileSync(swPath, 'utf8');
    for (const m of sw.matchAll(/\{\s*"?url"?\s*:\s*"([^"]+)"\s*,\s*"?revision"?\s*:/g))
      precacheFiles.add(urlToRel(m[1]!));
  }

  const firstLoadJs = [...firstLoad].map(asset);
  const firstLoadCss = css.map(asset);
  const lazy = [...lazySet].sort().map(asset);
  const precache = [...precacheFiles].sort().map(asset);
  const sum = (list: Asset[], k: 'raw' | 'gz') => list.reduce((s, a) => s + a[k], 0);
  const totals = {
    firstLoadJsGz: sum(firstLoadJs, 'gz'),
    firstLoadJsRaw: sum(firstLoadJs, 'raw'),
    firstLoadCssGz: sum(firstLoadCss, 'gz'),
    firstLoadCssRaw: sum(firstLoadCss, 'raw'),
    lazyGz: sum(lazy, 'gz'),
    lazyRaw: sum(lazy, 'raw'),
    precacheGz: sum(precache, 'gz'),
    precacheRaw: sum(precache, 'raw'),
  };
  const overBudget: string[] = [];
  if (totals.firstLoadJsGz > BUDGET.firstLoadJsGz)
    overBudget.push(`first-load JS ${kb(totals.firstLoadJsGz)} gz > budget ${kb(BUDGET.firstLoadJsGz)}`);
  if (totals.firstLoadCssGz > BUDGET.firstLoadCssGz)
    overBudget.push(`first-load CSS ${kb(totals.firstLoadCssGz)} gz > budget ${kb(BUDGET.firstLoadCssGz)}`);
  return { dist, entry, firstLoadJs, firstLoadCss, lazy, precache, totals, budget: BUDGET, overBudget };
}

export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export function formatReport(r: BundleReport): string {
  const row = (label: string, raw: number, gzBytes: number, budget?: number) =>
    `${label.padEnd(22)} ${kb(raw).padStart(10)} ${kb(gzBytes).padStart(10)} ${(budget === undefined ? '' : kb(budget)).padStart(10)}  ${budget === undefined ? '' : gzBytes <= budget ? 'ok' : 'OVER'}`;
  const lines = [
    `Bundle size (${relative(process.cwd(), r.dist) || r.dist}; gzip level 9, 1 kB = 1000 B)`,
    `${'what'.padEnd(22)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'budget'.padStart(10)}`,
    row('first-load JS', r.totals.firstLoadJsRaw, r.totals.firstLoadJsGz, r.budget.firstLoadJsGz),
    row('first-load CSS', r.totals.firstLoadCssRaw, r.totals.firstLoadCssGz, r.budget.firstLoadCssGz),
    row(`lazy chunks (${r.lazy.length})`, r.totals.lazyRaw, r.totals.lazyGz),
    row(`precache (${r.precache.length} files)`, r.totals.precacheRaw, r.totals.precacheGz),
    '',
    'first load:',
    ...[...r.firstLoadJs, ...r.firstLoadCss].map(
      (a) => `  ${a.file.padEnd(44)} ${kb(a.raw).padStart(10)} ${kb(a.gz).padStart(10)}`,
    ),
    'lazy:',
    ...r.lazy.map((a) => `  ${a.file.padEnd(44)} ${kb(a.raw).padStart(10)} ${kb(a.gz).padStart(10)}`),
  ];
  return lines.join('\n');
}

// CLI: `tsx scripts/bench/bundle.ts [distDir]`
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const report = measureBundle(process.argv[2] ?? join(root, 'web/dist'));
  console.log(formatReport(report));
  if (report.overBudget.length > 0) {
    console.error(`\nOver budget:\n  ${report.overBudget.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nWithin budget.');
}
