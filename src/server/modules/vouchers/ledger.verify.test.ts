import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomCreditCode } from '../../../shared/credit-code.js';
import type { Database } from '../../db/client.js';
import { openDatabase, runMigrations } from '../../db/client.js';
import { organisations } from '../organisations/organisation.table.js';
import { createLedgerRepository } from './ledger.repository.js';
import { postingRules } from './ledger.rules.js';
import { verifyLedger } from './ledger.verify.js';
import { voucherProgrammes } from './programme.table.js';
import { voucherQuotas } from './quota.table.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
let dir: string;
let database: Database;

/** Issues `n` vouchers of ¥100 and reserves ¥30 on each, straight through the ledger repository. */
async function populate(db: Database['db'], n: number) {
  const ledger = createLedgerRepository(db);
  const now = new Date('2026-03-02T02:00:00Z');
  await db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organisations)
      .values({
        name: '账本测试企业',
        creditCode: randomCreditCode({ regionCode: '330602' }),
        type: 'enterprise',
        regionCode: '330602',
        status: 'verified',
      })
      .returning();
    const [p] = await tx
      .insert(voucherProgrammes)
      .values({
        code: `LV-${Date.now()}`,
        name: '账本测试',
        regionCode: '330600',
        status: 'active',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    for (let i = 0; i < n; i++) {
      const [q] = await tx
        .insert(voucherQuotas)
        .values({
          programmeId: p?.id as string,
          programmeVersion: 1,
          organisationId: org?.id as string,
          issuedFen: 10_000,
          issuedAt: now,
          validFrom: '2026-01-01',
          expiresAt: new Date('2026-12-31T16:00:00Z'),
          status: 'active',
          statusChangedAt: now,
        })
        .returning();
      const ids = { programmeId: p?.id as string, quotaId: q?.id as string };
      await ledger.post(tx, {
        kind: 'issue',
        key: `issue:${ids.quotaId}`,
        ...ids,
        at: now,
        lines: postingRules.issue(ids, 10_000),
      });
    }
  });
}

beforeAll(async () => {
  // Its own embedded database in a folder, so the npm script can open it as `npm start` would.
  dir = mkdtempSync(join(tmpdir(), 'kc-ledger-'));
  database = await openDatabase({ dataDir: join(dir, 'pg') });
  await runMigrations(database);
  await populate(database.db, 7);
}, 120_000);
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

const runScript = () =>
  spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/ledger-verify.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', KECHUANG_DATA_DIR: dir, NODE_ENV: 'test' },
    encoding: 'utf8',
  });

describe('ledger verification', () => {
  it('passes on balanced books, paging through vouchers', async () => {
    const r = await verifyLedger(database.db, { pageSize: 3 });
    expect(r).toMatchObject({ ok: true, quotas: 7, journals: 7, postings: 14, totalFen: 0, problems: [] });
  });

  it('npm run ledger:verify exits 0 on balanced books and 1 on broken ones, naming the problem', async () => {
    await database.close();
    const good = runScript();
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain('voucher books balance: 7 journal entries, 14 postings, 7 vouchers');
    database = await openDatabase({ dataDir: join(dir, 'pg') });
    // Someone with the power to disable the ledger's triggers changes a posting behind its back.
    await database.db.execute(sql`alter table voucher_postings disable trigger user`);
    await database.db.execute(sql`
      insert into voucher_postings (journal_id, account, amount_fen)
      select min(id), 'reserved:' || (select min(id::text) from voucher_quotas), 2500 from voucher_journal`);
    await database.db.execute(sql`alter table voucher_postings enable trigger user`);
    const r = await verifyLedger(database.db, { pageSize: 2 });
    expect(r.ok).toBe(false);
    expect(r.totalFen).toBe(2500);
    expect(r.problems.map((p) => p.kind).sort()).toEqual([
      'books_unbalanced',
      'journal_unbalanced',
      'reserved_mismatch',
    ]);
    await database.close();
    const bad = runScript();
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('journal_unbalanced');
    database = await openDatabase({ dataDir: join(dir, 'pg') });
  }, 120_000);

  it('the database refuses an unbalanced entry at commit', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`
          insert into voucher_journal (kind, idempotency_key, programme_id, at)
          values ('issue', 'unbalanced-1', (select id from voucher_programmes limit 1), now())`);
        await tx.execute(sql`
          insert into voucher_postings (journal_id, account, amount_fen)
          values ((select id from voucher_journal where idempotency_key = 'unbalanced-1'), 'available:x', 100)`);
      }),
    ).rejects.toThrow();
    const [n] = (
      (await database.db.execute(
        sql`select count(*)::int as n from voucher_journal where idempotency_key = 'unbalanced-1'`,
      )) as unknown as {
        rows: { n: number }[];
      }
    ).rows;
    expect(n?.n).toBe(0);
  });
});
