/**
 * `npm run ledger:verify`: proves the voucher books balance (every account sums to zero overall,
 * every journal entry balances, no voucher or provider account is negative, each voucher's
 * balances equal its postings as the domain records them). Exits 1 at any problem. Aggregation runs
 * in the database and vouchers are read in pages, so memory stays constant.
 */
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';
import { lockDataDir } from '../src/server/db/data-dir-lock.js';
import { verifyLedger } from '../src/server/modules/vouchers/ledger.verify.js';

const config = loadConfig();
const release = config.DATABASE_URL ? () => {} : lockDataDir(config.dataDir);
const database = await openDatabase({
  url: config.DATABASE_URL,
  dataDir: config.DATABASE_URL ? undefined : `${config.dataDir}/pg`,
});
try {
  const r = await verifyLedger(database.db);
  const counts = `${r.journals} journal entries, ${r.postings} postings, ${r.quotas} vouchers`;
  if (r.ok) {
    console.log(`创新券账目平衡 / voucher books balance: ${counts}, total ${r.totalFen} fen`);
  } else {
    console.error(`创新券账目不平 / voucher books DO NOT balance (${counts}, total ${r.totalFen} fen):`);
    for (const p of r.problems) console.error(`  ${p.kind} ${p.ref}: ${p.detail}`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
  release();
}
