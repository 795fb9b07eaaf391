/**
 * `npm run bench`: measured figures with a named baseline from the same process.
 * audit-append: one hash-chained audit row per transaction (advisory lock + tail read + sha256)
 * against the baseline of a plain insert of the same row per transaction into an unchained copy.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase, runMigrations } from '../src/server/db/client.js';
import { appendAudit, systemContext } from '../src/server/modules/audit/audit.writer.js';

const N = Number(process.env.BENCH_N ?? 2000);
const database = await openDatabase({ url: process.env.DATABASE_URL });
try {
  await runMigrations(database);
  const { db } = database;
  await db.execute(sql`create temporary table audit_plain (like audit_log including defaults)`);
  const summary = { before: { status: 'registered' }, after: { status: 'verified' } };

  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into audit_plain (id, at, action, target_type, summary, prev_hash, hash) values (${i + 1}, now(), 'bench', 'bench', ${JSON.stringify(summary)}::jsonb, '', '')`,
      );
    });
  }
  const baseline = (performance.now() - t0) / N;

  const t1 = performance.now();
  for (let i = 0; i < N; i++) {
    await db.transaction((tx) =>
      appendAudit(tx, systemContext, { action: 'bench', targetType: 'bench', summary }, new Date()),
    );
  }
  const chained = (performance.now() - t1) / N;

  console.log(`backend: ${database.kind}, rows: ${N}`);
  console.log(`baseline plain insert per transaction: ${(baseline * 1000).toFixed(0)} µs/row`);
  console.log(`audit-append (chained, locked):        ${(chained * 1000).toFixed(0)} µs/row`);
  console.log(`ratio audit-append / baseline: ${(chained / baseline).toFixed(2)}x`);
} finally {
  await database.close();
}
