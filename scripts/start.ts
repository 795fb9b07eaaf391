/**
 * `npm start`: build the web app when the build is missing or older than its sources, then start
 * the platform. A later start with an up-to-date build skips straight to the server.
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

const sources = [join(root, 'src/web'), join(root, 'src/shared')].filter(existsSync);
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const sourceTime = Math.max(...sources.map(newestMtime), statSync(join(root, 'vite.config.ts')).mtimeMs);
if (built < sourceTime) {
  console.log(
    built
      ? '网页已过期，正在重新构建 / Web build is stale, rebuilding…'
      : '首次启动，正在构建网页 / First start: building the web app…',
  );
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`网页构建完成 / Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
const { main } = await import('../src/server/main.js');
await main();
