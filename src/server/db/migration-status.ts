import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type Db, migrationsFolder } from './client.js';

interface Journal {
  entries: { tag: string; when: number }[];
}

/** Number of migrations shipped with this build. */
export function shippedMigrations(): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries.length;
}

/** Applied versus shipped, for /api/health; a database ahead of the code is reported too. */
export async function migrationStatus(db: Db): Promise<{ applied: number; shipped: number; current: boolean }> {
  const shipped = shippedMigrations();
  let applied = 0;
  try {
    const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    applied = Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  } catch {
    applied = 0;
  }
  return { applied, shipped, current: applied === shipped };
}
