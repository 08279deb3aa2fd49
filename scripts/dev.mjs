// `npm run dev`: one command from a fresh clone to a running Hadi on http://localhost:8787 —
// local D1 migrated, PWA built (and rebuilt on change), demo data seeded if the database is empty,
// then `wrangler dev` serving the API and the PWA on one port.
import { spawn, spawnSync } from 'node:child_process';

const port = process.env.PORT ?? '8787';
const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' };

function step(title, command, args) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

step('Applying D1 migrations to the local database', 'wrangler', ['d1', 'migrations', 'apply', 'DB', '--local']);
step('Building the PWA', 'vite', ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
step('Loading demo data (skipped when the database has users)', 'tsx', ['scripts/seed/run.ts']);

console.log(`\n▶ Hadi on http://localhost:${port}  (API under /api, health at /api/health)\n`);
const children = [
  spawn('vite', ['build', '--watch', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env,
  }),
  spawn('wrangler', ['dev', '--local', '--port', port], { stdio: 'inherit', env }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children.forEach((child) =>
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  }),
);
