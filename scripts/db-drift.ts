/**
 * Migration drift check: generate migrations from the current schema code into a scratch copy of
 * the committed folder; if drizzle-kit writes anything, the schema changed without a migration.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = join(root, 'src/server/db/migrations');
// drizzle-kit prefixes `./` to its output folder, so the scratch copy must be a relative path.
const scratchRoot = join(root, '.drift-check');
const scratch = join(scratchRoot, `migrations-${process.pid}`);
mkdirSync(scratchRoot, { recursive: true });
cpSync(committed, scratch, { recursive: true });
const run = spawnSync(process.execPath, [join(root, 'node_modules/drizzle-kit/bin.cjs'), 'generate', '--name=drift'], {
  cwd: root,
  env: { ...process.env, DRIZZLE_OUT: relative(root, scratch) },
  encoding: 'utf8',
});
const after = readdirSync(scratch).filter((f) => f.endsWith('.sql'));
rmSync(scratchRoot, { recursive: true, force: true });
const output = `${run.stdout}${run.stderr}`;
if (after.some((f) => f.includes('drift'))) {
  console.error(output);
  console.error(
    '迁移漂移 / Migration drift: the schema code has changes with no committed migration. Run `npm run db:generate`.',
  );
  process.exit(1);
}
// drizzle-kit can print an error and still exit 0, so only its explicit "no changes" counts as a pass.
if (run.status !== 0 || !/No schema changes/.test(output)) {
  console.error(output);
  console.error('drizzle-kit generate failed; the drift check could not run.');
  process.exit(1);
}
console.log(`No migration drift (${after.length} committed migrations match the schema).`);
