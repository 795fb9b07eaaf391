import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import PgBoss from 'pg-boss';
import type { Database } from './db/client.js';
import type { Mailer, MailMessage } from './lib/mailer.js';
import { createIdentityRepository } from './modules/identity/identity.repository.js';

/**
 * Scheduled and background work through pg-boss, so with several instances on one PostgreSQL each
 * job runs once. On the embedded database pg-boss reaches PGlite through a loopback socket.
 */
export async function startJobs(deps: { database: Database; mailer: Mailer; log: (m: string) => void }) {
  const { database } = deps;
  let socket: PGLiteSocketServer | undefined;
  let connectionString = database.url;
  if (!connectionString && database.pglite) {
    socket = new PGLiteSocketServer({ db: database.pglite, port: 0, host: '127.0.0.1', maxConnections: 10 });
    await socket.start();
    connectionString = `postgres://postgres:postgres@${socket.getServerConn()}/postgres`;
  }
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 2 });
  boss.on('error', (err) => deps.log(`job queue error: ${err.message}`));
  await boss.start();
  await boss.createQueue('email');
  await boss.createQueue('session-purge');
  await boss.schedule('session-purge', '17 * * * *');

  const identity = createIdentityRepository(database.db);
  await boss.work('session-purge', async () => {
    await identity.purgeSessions(new Date());
  });
  await boss.work<MailMessage>('email', async ([job]) => {
    if (job) await deps.mailer.send(job.data);
  });

  /** Email goes through the queue: retried with back-off, and never lost to a restart. */
  const mailer: Mailer = deps.mailer.configured
    ? {
        configured: true,
        async send(m) {
          await boss.send('email', m, { retryLimit: 5, retryBackoff: true });
        },
      }
    : deps.mailer;

  return {
    mailer,
    /** A scheduled job that runs once per tick across all instances (modules register theirs after the app is built). */
    async every(name: string, cron: string, run: () => Promise<unknown>) {
      await boss.createQueue(name);
      await boss.schedule(name, cron);
      await boss.work(name, async () => {
        await run();
      });
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 5000 });
      await socket?.stop();
    },
  };
}
