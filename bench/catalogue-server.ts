/**
 * One platform for `npm run bench:catalogue`, in a process of its own, as `npm start` runs it beside
 * a PostgreSQL server: its heap holds its one catalogue and nothing of the benchmark's. Forked with
 * the database URL and the answer cache's seconds; it builds the app, listens on a free port and
 * reports it. It then loads the index on 'warm' (as start-up does), answers 'stats' with the answer
 * cache's counts, and closes on 'exit'.
 */
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';
import { systemClock } from '../src/server/lib/clock.js';
import { createDisabledMailer } from '../src/server/lib/mailer.js';

export type ServerReply =
  | { kind: 'ready'; base: string }
  | { kind: 'warmed' }
  | { kind: 'stats'; hits: number; misses: number; size: number }
  | { kind: 'failed'; message: string };

const [url, cacheSeconds] = process.argv.slice(2);
const send = (m: ServerReply) => process.send?.(m);

try {
  if (!url || cacheSeconds === undefined) throw new Error('usage: catalogue-server <database url> <cache seconds>');
  const database = await openDatabase({ url, poolSize: 20 });
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: '0',
    LOG_LEVEL: 'silent',
    CATALOGUE_CACHE_SECONDS: cacheSeconds,
  });
  const { app, services } = await buildApp({
    config,
    database,
    clock: systemClock,
    mailer: createDisabledMailer(() => {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  send({ kind: 'ready', base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  process.on('message', async (m: 'warm' | 'stats' | 'exit') => {
    if (m === 'warm') {
      await services.instruments.search.warm();
      send({ kind: 'warmed' });
    }
    if (m === 'stats') send({ kind: 'stats', ...services.instruments.service.catalogueCacheStats() });
    if (m === 'exit') {
      await app.close();
      await database.close();
      process.exit(0);
    }
  });
} catch (err) {
  send({ kind: 'failed', message: (err as Error).message });
  process.exit(1);
}
