import { defineConfig } from 'drizzle-kit';

// DRIZZLE_OUT lets the drift check generate into a scratch copy instead of the committed folder.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/modules/*/*.table.ts',
  out: process.env.DRIZZLE_OUT ?? './src/server/db/migrations',
});
