/** `npm run db:seed`: add the demo region (idempotent) to DATABASE_URL or the embedded data folder. */
import { loadConfig } from '../src/server/config.js';
import { openDatabase, runMigrations } from '../src/server/db/client.js';
import { lockDataDir } from '../src/server/db/data-dir-lock.js';
import { DEMO_PASSWORD, seedDemo } from '../src/server/demo/demo-data.js';

const config = loadConfig();
const release = config.DATABASE_URL ? () => {} : lockDataDir(config.dataDir);
const database = await openDatabase({
  url: config.DATABASE_URL,
  dataDir: config.DATABASE_URL ? undefined : `${config.dataDir}/pg`,
});
try {
  await runMigrations(database);
  const logins = await seedDemo(database.db);
  console.log(`演示数据就绪 / demo data ready; password ${DEMO_PASSWORD}:`);
  for (const l of logins) console.log(`  ${l.email}  ${l.role}`);
} finally {
  await database.close();
  release();
}
