/** `npm run db:migrate`: apply committed migrations to DATABASE_URL, or to the embedded data folder. */
import { loadConfig } from '../src/server/config.js';
import { openDatabase, runMigrations } from '../src/server/db/client.js';
import { lockDataDir } from '../src/server/db/data-dir-lock.js';
import { migrationStatus } from '../src/server/db/migration-status.js';

const config = loadConfig();
const release = config.DATABASE_URL ? () => {} : lockDataDir(config.dataDir);
const database = await openDatabase({
  url: config.DATABASE_URL,
  dataDir: config.DATABASE_URL ? undefined : `${config.dataDir}/pg`,
});
try {
  await runMigrations(database);
  const s = await migrationStatus(database.db);
  console.log(`迁移完成 / migrations applied: ${s.applied} of ${s.shipped} (${database.kind})`);
} finally {
  await database.close();
  release();
}
