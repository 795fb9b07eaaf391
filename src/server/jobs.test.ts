import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.js';
import { fakeMailer } from '../../test/fakes.js';
import type { Database } from './db/client.js';
import { startJobs } from './jobs.js';

let database: Database;
let jobs: Awaited<ReturnType<typeof startJobs>>;
const mailer = fakeMailer();

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await startJobs({ database, mailer, log: () => {} });
}, 60_000);
afterAll(async () => {
  await jobs.stop();
  await database.close();
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('jobs (pg-boss)', () => {
  it('delivers queued email through the worker, once', async () => {
    await jobs.mailer.send({ to: 'someone@example.cn', subject: '测试', text: 'queued' });
    await until(() => mailer.sent.length > 0);
    expect(mailer.sent).toEqual([{ to: 'someone@example.cn', subject: '测试', text: 'queued' }]);
  });

  it('keeps the queue in the database (pgboss schema), not in process memory', async () => {
    const rows = await database.db.execute(
      // pg-boss keeps finished jobs in its schema; the queue survives restarts and is shared by instances.
      sql`select count(*)::int as n from pgboss.job where name = 'email'`,
    );
    expect(Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n)).toBeGreaterThanOrEqual(1);
  });

  it('schedules the expired-session purge', async () => {
    const rows = await database.db.execute(sql`select name, cron from pgboss.schedule`);
    expect((rows as unknown as { rows: { name: string }[] }).rows.map((r) => r.name)).toContain('session-purge');
  });
});
