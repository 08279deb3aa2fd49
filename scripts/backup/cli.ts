import { ApiError } from '../../worker/http/errors';

/** Shared by export.ts and import.ts: one way to fail (message on stderr, exit code 1) and to print counts. */
export class CliError extends Error {}

export const LOCAL_ONLY_NOTE = `Works on the local D1 that \`npm run dev\` uses (.wrangler/state, or $HADI_PERSIST_TO if set).
Remote (production) D1 is out of scope: use \`wrangler d1 export --remote\` for a whole-database SQL dump.`;

export function printCounts(counts: Record<string, number>) {
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(width)}  ${String(n).padStart(6)}`);
  console.log(`  ${'total'.padEnd(width)}  ${String(Object.values(counts).reduce((a, b) => a + b, 0)).padStart(6)}`);
}

function describe(err: unknown): string {
  if (err instanceof CliError) return err.message;
  if (err instanceof ApiError) {
    // The first few paths are enough to find the problem; a wrong file would otherwise list every field.
    const fields = Object.entries(err.extra.fields ?? {})
      .slice(0, 5)
      .map(([path, why]) => `\n  ${path}: ${why}`)
      .join('');
    return `${err.message}${fields}`;
  }
  const message =
    err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err);
  if (/no such table/i.test(message)) {
    return 'The local database has no Hadi tables yet: run `npm run db:migrate` first (with HADI_PERSIST_TO: `wrangler d1 migrations apply DB --local --persist-to "$HADI_PERSIST_TO"`).';
  }
  return message;
}

/** Runs a script body with the local D1 open, turning any failure into a clear message and a non-zero exit. */
export async function main(body: () => Promise<void>) {
  try {
    await body();
  } catch (err) {
    console.error(`✖ ${describe(err)}`);
    process.exitCode = 1;
  }
}
