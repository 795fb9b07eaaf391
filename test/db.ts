import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase, runMigrations } from '../src/server/db/client.js';

/**
 * A fresh, migrated database for one test file: PGlite from the migrated template, or, when
 * DATABASE_URL is set (CI's second pass), a new database on that server, dropped afterwards.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
    return openDatabase({ loadDataDir: blob });
  }
  const parsed = new URL(url);
  const name = `${parsed.pathname.slice(1) || 'kc'}_t${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  parsed.pathname = `/${name}`;
  const database = await openDatabase({ url: parsed.toString(), poolSize: 5 });
  await runMigrations(database);
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
