/**
 * The web build is stale when any source it is built from (src/web, src/shared, vite.config.ts) is
 * newer than dist/web/index.html. Shared by `npm start` and the browser journeys, so neither serves
 * yesterday's screens.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist/web/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function webBuildState(): 'missing' | 'stale' | 'fresh' {
  if (!existsSync(stamp)) return 'missing';
  const sources = [join(root, 'src/web'), join(root, 'src/shared')].filter(existsSync);
  const newest = Math.max(...sources.map(newestMtime), statSync(join(root, 'vite.config.ts')).mtimeMs);
  return statSync(stamp).mtimeMs < newest ? 'stale' : 'fresh';
}

export async function buildWeb(): Promise<number> {
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  return (Date.now() - started) / 1000;
}
