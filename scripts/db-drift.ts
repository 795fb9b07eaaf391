/**
 * Migration drift check: generate migrations from the current schema code into a scratch copy of
 * the committed folder; if drizzle-kit writes anything, the schema changed without a migration.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = join(root, 'src/server/db/migrations');
const scratch = join(mkdtempSync(join(tmpdir(), 'kc-drift-')), 'migrations');
cpSync(committed, scratch, { recursive: true });
const before = readdirSync(scratch).length;
const run = spawnSync(process.execPath, [join(root, 'node_modules/drizzle-kit/bin.cjs'), 'generate', '--name=drift'], {
  cwd: root,
  env: { ...process.env, DRIZZLE_OUT: scratch },
  encoding: 'utf8',
});
const after = readdirSync(scratch).filter((f) => f.endsWith('.sql'));
rmSync(scratch, { recursive: true, force: true });
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  console.error('drizzle-kit generate failed');
  process.exit(1);
}
if (readdirSync(committed).length !== before || after.some((f) => f.includes('drift'))) {
  console.error(run.stdout);
  console.error(
    '迁移漂移 / Migration drift: the schema code has changes with no committed migration. Run `npm run db:generate`.',
  );
  process.exit(1);
}
console.log(`No migration drift (${after.length} committed migrations match the schema).`);
