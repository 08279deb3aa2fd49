/**
 * `npm run lighthouse [-- <base url>] [--runs 3]`: Lighthouse (mobile: throttled CPU and network) on the signed-in
 * backlog of a running Hadi (default http://localhost:8787 with the demo seed), driving Debian's Chromium
 * (CHROME_PATH, default /usr/bin/chromium). Prints performance, accessibility and best practices for each run, the
 * median, and total blocking time. Not part of `npm test`: a measurement, not a check.
 */
import * as chromeLauncher from 'chrome-launcher';
import { writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const base = args.find((a) => a.startsWith('http')) ?? 'http://localhost:8787';
const runs = Number(flag('runs', '3'));
const email = flag('email', 'member@demo.hadi');
const password = flag('password', 'hadi-demo-2026');
const path = flag('path', '/');
const save = flag('save', ''); // write the last run's full report (JSON) here

async function sessionCookie(): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`sign-in as ${email} failed: ${res.status} (is Hadi running at ${base}?)`);
  return cookie;
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    chrome.kill();
    process.exit(130);
  });
const rows: {
  performance: number;
  accessibility: number;
  bestPractices: number;
  tbt: number;
  bootup: number;
  /** Lighthouse's measure of this host's CPU speed at the time of the run: the same build scores lower when it drops. */
  hostSpeed: number;
}[] = [];
try {
  const cookie = await sessionCookie();
  for (let i = 0; i < runs; i++) {
    const result = await lighthouse(
      `${base}${path}`,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
        extraHeaders: { Cookie: cookie },
      },
      undefined,
    );
    const lhr = result?.lhr;
    if (!lhr) throw new Error('Lighthouse returned no result');
    if (lhr.runtimeError) {
      console.log(`run ${i + 1}: no result (${lhr.runtimeError.code}), not counted`);
      continue;
    }
    const score = (k: string) => lhr.categories[k]?.score ?? 0;
    const row = {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      tbt: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
      bootup: Math.round(lhr.audits['bootup-time']?.numericValue ?? 0),
      hostSpeed: Math.round(lhr.environment.benchmarkIndex),
    };
    rows.push(row);
    if (save) writeFileSync(save, JSON.stringify(lhr));
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
      .map((a) => a.id);
    console.log(`run ${i + 1}:`, JSON.stringify(row), failing.length ? `below 0.9: ${failing.join(', ')}` : '');
  }
} finally {
  chrome.kill();
}
if (rows.length === 0) throw new Error('no Lighthouse run completed');
/** The middle run; with an even count the mean of the middle two (not the better one). */
function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 1000) / 1000;
}
console.log(
  `\n${base}${path} (mobile), median of ${rows.length}: performance ${median(rows.map((r) => r.performance))}, ` +
    `accessibility ${median(rows.map((r) => r.accessibility))}, best practices ${median(rows.map((r) => r.bestPractices))}, ` +
    `total blocking time ${median(rows.map((r) => r.tbt))} ms, script boot-up ${median(rows.map((r) => r.bootup))} ms, ` +
    `host speed (benchmark index) ${median(rows.map((r) => r.hostSpeed))}`,
);
