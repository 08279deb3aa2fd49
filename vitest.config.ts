import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

// Four projects: pure logic in Node, Solid components in happy-dom, the API inside workerd on a real local D1, and the PWA in real Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/stats/**/*.test.ts'],
          environment: 'node',
          // *.workerd.bench.ts need the Worker and D1 (cloudflare:test): they run in the api project only.
          benchmark: { exclude: ['**/*.workerd.bench.ts'] },
        },
      },
      {
        // Solid components in a DOM (vite-plugin-solid compiles the JSX and picks Solid's browser build under test).
        plugins: [solid()],
        test: {
          name: 'web',
          include: ['test/unit/web/**/*.test.tsx'],
          environment: 'happy-dom',
          benchmark: { exclude: ['**'] },
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('db/migrations'),
                HADI_METER: '1',
                // Webhook tests deliver to a local receiver over http and retry after 1 s, 2 s, 4 s… instead of 30 s.
                WEBHOOKS_ALLOW_LOOPBACK: '1',
                WEBHOOKS_RETRY_BASE_SECONDS: '1',
              },
            },
          })),
        ],
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          setupFiles: ['test/api/support/apply-migrations.ts'],
          // A local HTTP receiver (Node) for webhook deliveries; workerd reaches it at http://127.0.0.1:<port>.
          globalSetup: ['test/api/support/webhook-receiver.ts'],
          // Generous: on a busy 2-core machine a workerd test can run 5x slower than on an idle one.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          benchmark: { exclude: ['**'] },
        },
      },
    ],
    benchmark: { include: ['test/bench/**/*.bench.ts'] },
  },
});
