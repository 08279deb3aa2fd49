import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { importWorkspace } from '../../worker/backup';
import { openLocalDb } from '../local-db';
import { CliError, LOCAL_ONLY_NOTE, main, printCounts } from './cli';

const HELP = `Usage: npm run import -- <backup.json>

Restores a workspace written by \`npm run export\` into a database that does not already contain it:
the import is refused (and nothing changes) if the workspace id or any of its users' emails already exists.
All or nothing: up to 500 INSERT statements run as one D1 batch (one transaction); bigger restores run in
several batches and a failure deletes what the earlier ones wrote.
Apply migrations first on a fresh database: \`npm run db:migrate\`.

  -h, --help  this text

${LOCAL_ONLY_NOTE}`;

async function readBackup(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(
      `${file} is not valid JSON (${(err as Error).message}); is it a file written by \`npm run export\`?`,
    );
  }
}

await main(async () => {
  const { values, positionals } = parseArgs({
    options: { help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) return console.log(HELP);
  if (positionals.length !== 1) throw new CliError(`Give exactly one backup file.\n\n${HELP}`);
  const file = positionals[0]!;
  const doc = await readBackup(file);
  const { db, close } = await openLocalDb(process.env.HADI_PERSIST_TO);
  try {
    const started = performance.now();
    const result = await importWorkspace(db, doc);
    console.log(
      `Restored workspace ${result.workspaceId} from ${file} (${result.statements} INSERT statements in ${result.batches} batch${result.batches === 1 ? '' : 'es'}, ${Math.round(performance.now() - started)} ms):`,
    );
    printCounts(result.counts);
  } finally {
    await close();
  }
});
