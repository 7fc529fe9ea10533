import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the TypeScript schema and committed; both databases run the same SQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
  casing: 'snake_case',
});
