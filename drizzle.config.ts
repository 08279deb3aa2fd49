import { defineConfig } from 'drizzle-kit';

// Migrations are generated from db/schema.ts and applied by wrangler (`npm run db:migrate`).
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
});
