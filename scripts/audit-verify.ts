/** `npm run audit:verify`: walk the audit hash chain and exit non-zero at the first broken row. */
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';
import { lockDataDir } from '../src/server/db/data-dir-lock.js';
import { createAuditRepository } from '../src/server/modules/audit/audit.repository.js';
import { createAuditService } from '../src/server/modules/audit/audit.service.js';

const config = loadConfig();
const release = config.DATABASE_URL ? () => {} : lockDataDir(config.dataDir);
const database = await openDatabase({
  url: config.DATABASE_URL,
  dataDir: config.DATABASE_URL ? undefined : `${config.dataDir}/pg`,
});
try {
  const result = await createAuditService({ audit: createAuditRepository(database.db) }).verify();
  if (result.ok) {
    console.log(`审计日志完整 / audit chain intact: ${result.checked} rows verified`);
  } else {
    console.error(
      `审计日志被篡改 / audit chain BROKEN at row ${result.firstBrokenId}: ${result.problem} (${result.checked} rows verified before it)`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
  release();
}
