/**
 * `npm run bench:catalogue`: catalogue search at 50 concurrent clients through the HTTP API, against
 * the same query issued straight to the database in the same run (the ratio is the platform's own
 * overhead), over 50,000 generated instruments; then booking throughput with the exclusion constraint
 * under contention. Runs on PGlite, and also on PostgreSQL when DATABASE_URL is set (a scratch
 * database is created beside it and dropped).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { type Database, openDatabase, runMigrations } from '../src/server/db/client.js';
import { instruments, organisations, users } from '../src/server/db/schema.js';
import { seedDemo } from '../src/server/demo/demo-data.js';
import { demoInstruments, demoOrganisations } from '../src/server/demo/instruments.generator.js';
import { systemClock } from '../src/server/lib/clock.js';
import { createDisabledMailer } from '../src/server/lib/mailer.js';
import { searchVectorSql } from '../src/server/modules/instruments/instrument.repository.js';
import { className } from '../src/server/modules/instruments/instrument.service.js';
import { bookingRulesSchema } from '../src/shared/booking-rules.js';
import { computeCheckChar } from '../src/shared/credit-code.js';

const N = Number(process.env.BENCH_INSTRUMENTS ?? 50_000);
const CLIENTS = 50;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000);
const QUERIES = [
  '扫描电镜',
  '液相色谱 质谱',
  'X射线衍射',
  '核磁共振',
  '万能材料试验机',
  '激光粒度',
  '三坐标',
  '流式细胞仪',
  '红外光谱',
  '热重分析',
];

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function load(database: Database) {
  const orgs = demoOrganisations();
  const ids = new Map<string, string>();
  for (const o of orgs) {
    const [row] = await database.db
      .insert(organisations)
      .values({
        name: o.name,
        type: o.type,
        regionCode: o.regionCode,
        creditCode: o.creditCodeFirst17 + computeCheckChar(o.creditCodeFirst17),
        status: 'verified',
      })
      .returning();
    if (row) ids.set(o.key, row.id);
  }
  const rules = bookingRulesSchema.parse({ requiresApproval: false, advanceNoticeHours: 0, horizonDays: 365 });
  const items = demoInstruments(7, N, orgs);
  const t0 = performance.now();
  for (let i = 0; i < items.length; i += 1000) {
    await database.db.insert(instruments).values(
      items.slice(i, i + 1000).map((g) => ({
        ...g,
        organisationId: ids.get(g.ownerKey) as string,
        regionCode: orgs.find((o) => o.key === g.ownerKey)?.regionCode as string,
        bookingRules: rules,
        searchVector: searchVectorSql({ ...g, className: className(g.classCode) }) as unknown as string,
      })),
    );
  }
  console.log(`  loaded ${N.toLocaleString('en-US')} instruments in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** Runs `total` calls from `clients` concurrent workers; returns sorted latencies in ms. */
async function drive(clients: number, total: number, call: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await call(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

async function run(label: string, database: Database) {
  console.log(`\n[${label}]`);
  await runMigrations(database);
  await seedDemo(database.db, { catalogue: false });
  await load(database);
  const config = loadConfig({ NODE_ENV: 'production', PORT: '0', LOG_LEVEL: 'silent' });
  const { app, services } = await buildApp({
    config,
    database,
    clock: systemClock,
    mailer: createDisabledMailer(() => {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const direct = await drive(CLIENTS, REQUESTS, async (i) => {
      await services.instruments.repository.catalogue({ q: QUERIES[i % QUERIES.length], sort: 'relevance' }, 1, 20);
    });
    const http = await drive(CLIENTS, REQUESTS, async (i) => {
      const res = await fetch(`${base}/api/instruments?q=${encodeURIComponent(QUERIES[i % QUERIES.length] as string)}`);
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      await res.arrayBuffer();
    });
    const line = (name: string, l: number[]) =>
      `  ${name.padEnd(34)} p50 ${pct(l, 50).toFixed(1).padStart(7)} ms   p99 ${pct(l, 99).toFixed(1).padStart(7)} ms`;
    console.log(`  catalogue search, ${CLIENTS} concurrent clients, ${REQUESTS} requests each way:`);
    console.log(line('baseline: same query straight to DB', direct));
    console.log(line('through the HTTP API', http));
    console.log(
      `  ratio HTTP / direct: p50 ${(pct(http, 50) / pct(direct, 50)).toFixed(2)}x, p99 ${(pct(http, 99) / pct(direct, 99)).toFixed(2)}x`,
    );

    // Booking under contention: 50 clients race for 2-hour slots on 10 instruments for 5 days.
    const [enterprise] = await database.db.select().from(users).where(eq(users.email, 'enterprise@demo.kechuang.cn'));
    if (!enterprise) throw new Error('demo enterprise user missing');
    const actor = await services.identity.repository.loadActor(enterprise);
    const targets = (
      await database.db
        .select({ id: instruments.id })
        .from(instruments)
        .where(and(eq(instruments.status, 'normal'), eq(instruments.shareMode, 'external')))
        .limit(10)
    ).map((r) => r.id);
    const monday = new Date();
    monday.setUTCDate(monday.getUTCDate() + ((8 - monday.getUTCDay()) % 7 || 7));
    monday.setUTCHours(1, 0, 0, 0); // 09:00 Shanghai
    let accepted = 0;
    let refused = 0;
    const t0 = performance.now();
    await drive(CLIENTS, 2_000, async (i) => {
      // 200 distinct slots (10 instruments × 5 days × 4 two-hour slots), each asked for 10 times.
      const slot = i % 200;
      const day = Math.floor(slot / 10) % 5;
      const hour = Math.floor(slot / 50) * 2;
      const start = new Date(monday.getTime() + day * 86_400_000 + hour * 3_600_000);
      try {
        await services.bookings.service.create(
          actor,
          { actorUserId: actor.userId, actorOrgId: null, requestId: null, ip: null },
          'en',
          {
            instrumentId: targets[slot % targets.length] as string,
            start,
            end: new Date(start.getTime() + 2 * 3_600_000),
            mode: 'sample_testing',
          },
        );
        accepted++;
      } catch (err) {
        if ((err as { code?: string }).code !== 'BOOKING_CONFLICT') throw err;
        refused++;
      }
    });
    const seconds = (performance.now() - t0) / 1000;
    console.log(`  booking under contention (${CLIENTS} clients, 2,000 requests for 200 slots):`);
    console.log(
      `    accepted ${accepted} (${(accepted / seconds).toFixed(0)}/s), refused ${refused} as BOOKING_CONFLICT (${(refused / seconds).toFixed(0)}/s), in ${seconds.toFixed(1)} s`,
    );
    if (accepted !== 200) throw new Error(`expected exactly 200 accepted bookings, got ${accepted}`);
  } finally {
    await app.close();
  }
}

const pglite = await openDatabase({});
try {
  await run('PGlite (embedded)', pglite);
} finally {
  await pglite.close();
}

if (process.env.DATABASE_URL) {
  const url = new URL(process.env.DATABASE_URL);
  const name = `kc_bench_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  url.pathname = `/${name}`;
  const server = await openDatabase({ url: url.toString(), poolSize: 20 });
  try {
    await run('PostgreSQL', server);
  } finally {
    await server.close();
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
} else {
  console.log(
    '\n(PostgreSQL pass skipped: set DATABASE_URL to a server, e.g. postgres://postgres@127.0.0.1:5432/postgres)',
  );
}
