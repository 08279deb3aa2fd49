import { getPlatformProxy } from 'wrangler';
import { createDb } from '../worker/db';

/**
 * The same local D1 that `wrangler dev` uses (.wrangler/state), opened from Node so scripts can run the
 * Worker's own domain code against it. `--remote` is not supported here on purpose: seeding production is a mistake.
 */
export async function openLocalDb(persistTo?: string) {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: 'wrangler.toml',
    persist: persistTo ? { path: `${persistTo}/v3` } : true,
  });
  return { db: createDb(proxy.env.DB), d1: proxy.env.DB, close: () => proxy.dispose() };
}
