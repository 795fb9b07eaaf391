/**
 * `npm run bench:ingest [-- --seconds 60 --devices 50 --per-message 10]`
 * One run, three measurements with the same message shape (a JSON array of readings, QoS 1):
 *  1. baseline: publishers → Mosquitto → a subscriber that stores nothing;
 *  2. platform on PostgreSQL (DATABASE_URL, default local) with Mosquitto: → ingester → committed, acked;
 *  3. platform embedded: PGlite with the aedes broker.
 * Then the year's power-on hours for 50,000 instruments from monthly roll-ups, and long-term bytes
 * per instrument-day. Mosquitto here is a private instance on a free port (the deploy.md config).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { Registry } from 'prom-client';
import { type Database, openDatabase, runMigrations } from '../src/server/db/client.js';
import { systemClock } from '../src/server/lib/clock.js';
import { createTelemetryModule } from '../src/server/modules/telemetry/index.js';
import { startEmbeddedBroker } from '../src/server/mqtt/embedded-broker.js';
import { createGroupCommit } from '../src/server/mqtt/group-commit.js';
import type { IncomingMessage, TelemetryIngest } from '../src/server/mqtt/ingest.contract.js';
import { createIngestMetrics } from '../src/server/mqtt/ingest.metrics.js';
import { freePort, startMosquitto } from '../src/server/mqtt/mosquitto.testkit.js';
import { startMqttIngester } from '../src/server/mqtt/mqtt-ingester.js';

const { values: a } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    devices: { type: 'string', default: '50' },
    'per-message': { type: 'string', default: '10' },
    window: { type: 'string', default: '100' },
  },
});
const SECONDS = Number(a.seconds);
const DEVICES = Number(a.devices);
const PER_MESSAGE = Number(a['per-message']);
const WINDOW = Number(a.window);
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const devices = Array.from({ length: DEVICES }, (_, i) => ({
  id: `kcd-bench${String(i).padStart(7, '0')}`,
  instrumentId: randomUUID(),
}));
const instrumentOf = new Map(devices.map((d) => [d.id, d.instrumentId]));

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

/** Publish at full speed for SECONDS: each device its own client, WINDOW unacked messages each. */
async function load(url: string, publishedAt: Map<string, number>) {
  const clients: MqttClient[] = await Promise.all(
    devices.map((d) =>
      mqtt.connectAsync(url, {
        clientId: d.id,
        username: d.id,
        password: 'bench-password-0000000000000000',
        reconnectPeriod: 0,
      }),
    ),
  );
  const start = Date.now();
  const stopAt = start + SECONDS * 1000;
  // Readings step 1 s back from 20 days ago, so a minute of load stays inside the 30-day window.
  const base = start - 20 * 86_400_000;
  let acked = 0;
  await Promise.all(
    clients.map(async (c, i) => {
      const d = devices[i] as (typeof devices)[number];
      let n = 0;
      const inflight = new Set<Promise<void>>();
      while (Date.now() < stopAt) {
        const first = base + n * PER_MESSAGE * 1000;
        const body = Array.from({ length: PER_MESSAGE }, (_, k) => ({
          ts: first + k * 1000,
          p: 500 + (k % 3),
          win: 1,
        }));
        n++;
        publishedAt.set(`${d.id}|${first}`, performance.now());
        const p = c.publishAsync(`kc/v1/d/${d.id}/up`, JSON.stringify(body), { qos: 1 }).then(() => {
          acked += PER_MESSAGE;
          inflight.delete(p);
        });
        inflight.add(p);
        if (inflight.size >= WINDOW) await Promise.race(inflight);
      }
      await Promise.all(inflight);
    }),
  );
  const seconds = (Date.now() - start) / 1000;
  await Promise.all(clients.map((c) => c.endAsync()));
  return { readings: acked, seconds };
}

/** Wraps ingest() to time publish → commit per message. */
function timed(telemetry: TelemetryIngest, publishedAt: Map<string, number>, latencies: number[]): TelemetryIngest {
  return {
    deadLetter: (e) => telemetry.deadLetter(e),
    async ingest(batch: IncomingMessage[]) {
      const out = await telemetry.ingest(batch);
      const now = performance.now();
      for (const m of batch) {
        const first = (JSON.parse(m.payload.toString()) as { ts: number }[])[0]?.ts;
        const t0 = publishedAt.get(`${m.deviceId}|${first}`);
        if (t0 !== undefined) latencies.push(now - t0);
      }
      return out;
    },
  };
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};

async function scratchPg(): Promise<{ database: Database; drop(): Promise<void> }> {
  const name = `kc_bench_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString(), poolSize: 4 });
  await runMigrations(database);
  return {
    database,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

function line(label: string, value: string, ratio?: string) {
  console.log(`  ${label.padEnd(46)} ${value.padStart(16)}${ratio ? `   ${ratio}` : ''}`);
}

const mosquitto = await startMosquitto();
console.log(`bench:ingest — ${DEVICES} devices, ${PER_MESSAGE} readings/message, ${SECONDS} s per phase, QoS 1`);

// 1. Baseline: subscriber stores nothing; mqtt.js acks each message as it arrives.
const sub = await mqtt.connectAsync(mosquitto.url, { clientId: 'kc-bench-baseline', protocolVersion: 5 });
await sub.subscribeAsync('$share/kc-ingest/kc/v1/d/+/up', { qos: 1 });
let baselineReceived = 0;
sub.on('message', () => {
  baselineReceived += PER_MESSAGE;
});
const base = await load(mosquitto.url, new Map());
await sub.endAsync();
const baseRate = base.readings / base.seconds;
console.log('\n1. baseline publisher → Mosquitto → subscriber (stores nothing)');
line('readings/s (acked by broker)', baseRate.toFixed(0));
line('readings delivered to subscriber', String(baselineReceived));

// 2. PostgreSQL + Mosquitto.
peakRss = 0;
const scratch = await scratchPg();
const pgTelemetry = createTelemetryModule({ db: scratch.database.db, clock: systemClock }).service;
const pgPublished = new Map<string, number>();
const pgLat: number[] = [];
const pgCommit = createGroupCommit({
  telemetry: timed(pgTelemetry, pgPublished, pgLat),
  metrics: createIngestMetrics(new Registry()),
  windowMs: 20,
  maxBatch: 5000,
});
const ingester = await startMqttIngester({
  url: mosquitto.url,
  clientId: 'kc-bench-ingest',
  commit: pgCommit,
  instrumentOf: async (id) => instrumentOf.get(id),
  receiveMaximum: 5000,
});
const pgLoad = await load(mosquitto.url, pgPublished);
const pgDrainStart = Date.now();
const pgExpected = pgLoad.readings;
const count = async (db: Database) =>
  Number(
    (
      (await db.db.execute(sql`select count(*)::int as n from telemetry_readings`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]?.n,
  );
while ((await count(scratch.database)) < pgExpected && Date.now() - pgDrainStart < 120_000)
  await new Promise((r) => setTimeout(r, 250));
const pgStored = await count(scratch.database);
const pgSeconds = pgLoad.seconds + (Date.now() - pgDrainStart) / 1000;
await ingester.close();
const pgRate = pgStored / pgSeconds;
console.log('\n2. platform on PostgreSQL with Mosquitto (publish → ingester → committed → acked)');
line('readings stored', String(pgStored), `of ${pgExpected} published`);
line('readings/s sustained (stored, incl. drain)', pgRate.toFixed(0), `× baseline ${(pgRate / baseRate).toFixed(2)}`);
line('publish → commit p50 / p99 (ms)', `${pct(pgLat, 50).toFixed(0)} / ${pct(pgLat, 99).toFixed(0)}`);
line('peak RSS of this process (MB)', (peakRss / 1048576).toFixed(0), '(publishers + broker client + ingester)');

// 3. Embedded: PGlite + aedes.
peakRss = 0;
const embedded = await openDatabase({});
await runMigrations(embedded);
const emTelemetry = createTelemetryModule({ db: embedded.db, clock: systemClock }).service;
const emPublished = new Map<string, number>();
const emLat: number[] = [];
const emCommit = createGroupCommit({ telemetry: timed(emTelemetry, emPublished, emLat), windowMs: 20, maxBatch: 5000 });
const { EventEmitter } = await import('node:events');
const broker = await startEmbeddedBroker({
  port: await freePort(),
  host: '127.0.0.1',
  devices: {
    verify: async (id: string) => ({ ok: true as const, deviceId: id, instrumentId: instrumentOf.get(id) as string }),
    instrumentOf: async (id: string) => instrumentOf.get(id),
    statusOf: async () => undefined,
    recordErrors: async () => {},
    touch: async () => {},
    setOnline: async () => {},
    events: new EventEmitter(),
  },
  telemetry: emTelemetry,
  commit: emCommit,
});
const emLoad = await load(`mqtt://127.0.0.1:${broker.port}`, emPublished);
await emCommit.drain();
const emStored = await count(embedded);
const emRate = emStored / emLoad.seconds;
await broker.close();
console.log('\n3. platform embedded: PGlite with aedes (ack = committed)');
line('readings stored', String(emStored), `of ${emLoad.readings} acked`);
line('readings/s sustained', emRate.toFixed(0), `× baseline ${(emRate / baseRate).toFixed(2)}`);
line('publish → commit p50 / p99 (ms)', `${pct(emLat, 50).toFixed(0)} / ${pct(emLat, 99).toFixed(0)}`);
line('peak RSS of this process (MB)', (peakRss / 1048576).toFixed(0));
await embedded.close();

// 4. Year's power-on hours for 50,000 instruments from monthly roll-ups (PostgreSQL).
const db = scratch.database.db;
await db.execute(sql`insert into power_monthly (instrument_id, month, on_s, working_s, unknown_s, off_s)
  select md5(i::text)::uuid, m::date, (random() * 300 * 3600)::int, (random() * 150 * 3600)::int, 0, 0
  from generate_series(1, 50000) i, generate_series('2026-01-01'::date, '2026-12-01'::date, interval '1 month') m
  on conflict do nothing`);
await db.execute(sql`analyze power_monthly`);
const q0 = performance.now();
const year = (await db.execute(
  sql`select count(distinct instrument_id)::int as n, (sum(on_s) / 3600)::bigint as hours from power_monthly
      where month >= '2026-01-01' and month < '2027-01-01'`,
)) as unknown as { rows: { n: number; hours: number }[] };
const qms = performance.now() - q0;
console.log('\n4. roll-up query');
line(
  `year power-on hours, ${year.rows[0]?.n} instruments (ms)`,
  qms.toFixed(0),
  `target < 1000: ${qms < 1000 ? 'met' : 'NOT met'}`,
);

// 5. Long-term bytes per instrument-day: intervals + daily + monthly roll-ups of the run above.
const sizes = (await db.execute(sql`select
    pg_total_relation_size('power_intervals') + pg_total_relation_size('power_daily') as long_term,
    (select count(*) from power_daily)::int as instrument_days`)) as unknown as {
  rows: { long_term: string; instrument_days: number }[];
};
const s = sizes.rows[0];
// Constant bench power closes few segments; with no closed day this prints n/a rather than a guess.
const perDay = s && s.instrument_days ? Number(s.long_term) / s.instrument_days : Number.NaN;
line(
  'long-term bytes per instrument-day (intervals+daily)',
  perDay.toFixed(0),
  `target ≤ 1024; ${s?.instrument_days} instrument-days`,
);

console.log(
  '\ntargets: PG ≥ 40,000 readings/s and ≥ 0.6 × baseline; embedded ≥ 25,000 readings/s; p99 < 250 ms at 20,000/s',
);
clearInterval(sampler);
await scratch.drop();
await mosquitto.stop();
process.exit(0);
