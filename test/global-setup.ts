import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase, runMigrations } from '../src/server/db/client.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Migrates one PGlite once and dumps it; every test file starts from that dump (~0.5 s) instead
 * of running initdb and all migrations again (~3 s). On PostgreSQL each file gets its own database.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'kc-template-'));
  const file = join(dir, 'template.tgz');
  if (!process.env.DATABASE_URL) {
    const database = await openDatabase({});
    await runMigrations(database);
    const dump = await database.pglite?.dumpDataDir('gzip');
    await database.close();
    if (dump) writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  }
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
