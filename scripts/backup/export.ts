import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { workspaces } from '../../db/schema';
import { exportWorkspace } from '../../worker/backup';
import type { Db } from '../../worker/db';
import { openLocalDb } from '../local-db';
import { CliError, LOCAL_ONLY_NOTE, main, printCounts } from './cli';

const HELP = `Usage: npm run export -- [--workspace <id or name>] [--out <file.json>]

Writes one workspace (all its records, members and their users with password hashes, API-token hashes,
audit trail) to a portable JSON file that \`npm run import\` restores losslessly into an empty database.
Sessions and login rate-limit counters are not exported. The file holds password and token hashes: keep it private.

  -w, --workspace  workspace id or exact name (optional when the database has exactly one workspace)
  -o, --out        output file (default: hadi-backup-<workspace-slug>-<YYYY-MM-DD>.json)
  -h, --help       this text

${LOCAL_ONLY_NOTE}`;

const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'workspace';

/** By id or exact (case-insensitive) name; with no choice given, the only workspace there is. */
async function pickWorkspace(db: Db, wanted: string | undefined) {
  const all = await db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).orderBy(workspaces.name);
  const listing = all.map((w) => `  ${w.id}  ${w.name}`).join('\n');
  if (all.length === 0)
    throw new CliError('The local database has no workspace to export (run `npm run seed` or sign up first).');
  if (wanted === undefined) {
    if (all.length === 1) return all[0]!;
    throw new CliError(
      `The database has ${all.length} workspaces; choose one with --workspace <id or name>:\n${listing}`,
    );
  }
  const matches = all.filter((w) => w.id === wanted || w.name.toLowerCase() === wanted.toLowerCase());
  if (matches.length === 1) return matches[0]!;
  throw new CliError(
    matches.length
      ? `Several workspaces are named "${wanted}"; use the id:\n${listing}`
      : `No workspace with id or name "${wanted}". Workspaces here:\n${listing}`,
  );
}

await main(async () => {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string', short: 'w' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  const { db, close } = await openLocalDb(process.env.HADI_PERSIST_TO);
  try {
    const started = performance.now();
    const workspace = await pickWorkspace(db, values.workspace);
    const doc = await exportWorkspace(db, workspace.id);
    const out = values.out ?? `hadi-backup-${slug(workspace.name)}-${doc.exportedAt.slice(0, 10)}.json`;
    const json = `${JSON.stringify(doc, null, 2)}\n`;
    // Owner-only: the file carries password and API-token hashes.
    await writeFile(out, json, { mode: 0o600 });
    console.log(
      `Exported workspace "${workspace.name}" (${workspace.id}) to ${out} (${(json.length / 1024).toFixed(1)} KiB, ${Math.round(performance.now() - started)} ms):`,
    );
    printCounts({
      workspaces: 1,
      ...Object.fromEntries(Object.entries(doc.tables).map(([table, rows]) => [table, rows.length])),
    });
  } finally {
    await close();
  }
});
