import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run export` / `npm run import` as a user runs them, on two throw-away local D1s (HADI_PERSIST_TO):
 * seed the demo workspace into A, export it, restore it into a freshly migrated B, export B and compare.
 * Nothing touches the developer's own .wrangler/state.
 */
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'hadi-backup-cli-'));
const env = (persistTo: string) => ({
  ...process.env,
  PATH: `${resolve('node_modules/.bin')}:${process.env.PATH}`,
  CI: 'true',
  WRANGLER_SEND_METRICS: 'false',
  HADI_PERSIST_TO: persistTo,
});
const sh = (persistTo: string, command: string, args: string[]) =>
  run(command, args, { env: env(persistTo), maxBuffer: 16 * 1024 * 1024 });
const migrate = (persistTo: string) =>
  sh(persistTo, 'wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo]);
const a = join(dir, 'a');
const b = join(dir, 'b');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backup CLI', () => {
  it('exports the seeded demo workspace and restores it losslessly into another local database', async () => {
    await Promise.all([migrate(a), migrate(b)]);
    await sh(a, 'npm', ['run', '-s', 'seed']);

    const first = join(dir, 'first.json');
    const exported = await sh(a, 'npm', ['run', '-s', 'export', '--', '-w', 'Northwind Outdoor', '--out', first]);
    expect(exported.stdout).toMatch(/Exported workspace "Northwind Outdoor"/);
    expect(statSync(first).mode & 0o777).toBe(0o600); // it holds password hashes

    const imported = await sh(b, 'npm', ['run', '-s', 'import', '--', first]);
    expect(imported.stdout).toMatch(/Restored workspace/);
    expect(imported.stdout).toMatch(/snapshots\s+\d+/);

    const second = join(dir, 'second.json');
    await sh(b, 'npm', ['run', '-s', 'export', '--', '-w', 'Northwind Outdoor', '-o', second]);
    const [before, after] = [first, second].map((file) => JSON.parse(readFileSync(file, 'utf8')));
    expect(before.tables.snapshots.length).toBeGreaterThan(100);
    expect(after.workspace).toEqual(before.workspace);
    expect(after.tables).toEqual(before.tables);

    // A second restore into B is refused with a reason and a non-zero exit.
    const again = await sh(b, 'npm', ['run', '-s', 'import', '--', first]).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(again?.code).toBe(1);
    expect(again?.stderr).toMatch(/already has workspace "Northwind Outdoor".*nothing was changed/);
  });
});
