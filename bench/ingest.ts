/**
 * `npm run bench:ingest [-- --seconds 60 --devices 1000 --per-message 10 --rate 20000]`
 *
 * One run, every figure with its ratio to the bare baseline measured in the same run:
 *  1. baseline: publishers → Mosquitto → a subscriber that stores nothing (same messages, QoS 1);
 *  2. the platform on PostgreSQL (DATABASE_URL, default local) with Mosquitto: the production
 *     transport (`npm run ingester`'s) → stored, committed, acknowledged;
 *  3. the platform embedded: PGlite (on disk, as `npm start`) with its aedes broker;
 *  each with readings/s sustained over `--seconds` (after a warm-up), then publish→commit p50/p99
 *  at a fixed `--rate`, and peak memory;
 *  4. the year's power-on hours for 50,000 instruments through the hours service (roll-ups);
 *  5. long-term bytes per instrument-day for the simulator's realistic traces.
 * Publishers run in child processes (they share the CPU, not the event loop). Prints the load
 * average before and after: on a shared machine, read the figures with it.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import pg from 'pg';
import { Registry } from 'prom-client';
import type { Config } from '../src/server/config.js';
import { type Database, openDatabase, runMigrations } from '../src/server/db/client.js';
import { systemClock } from '../src/server/lib/clock.js';
import { createDevicesModule } from '../src/server/modules/devices/index.js';
import { createTelemetryModule } from '../src/server/modules/telemetry/index.js';
import { startTransport } from '../src/server/mqtt/index.js';
import type { IncomingMessage, TelemetryIngest } from '../src/server/mqtt/ingest.contract.js';
import { freePort, startMosquitto } from '../src/server/mqtt/mosquitto.testkit.js';
import { BENCH_PASSWORD, longTermBytes, provinceYear, seedFleet } from './ingest-fixtures.js';
import type { LoadCommand, LoadReply } from './ingest-load.js';

const { values: a } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '5' },
    devices: { type: 'string', default: '1000' },
    'per-message': { type: 'string', default: '10' },
    rate: { type: 'string', default: '20000' },
    'rate-seconds': { type: 'string', default: '20' },
    loaders: { type: 'string', default: '2' },
    province: { type: 'string', default: '50000' },
    'storage-instruments': { type: 'string', default: '200' },
    'storage-days': { type: 'string', default: '30' },
  },
});
const SECONDS = Number(a.seconds);
const WARMUP = Number(a.warmup);
const DEVICES = Number(a.devices);
const PER = Number(a['per-message']);
const RATE = Number(a.rate);
const RATE_SECONDS = Number(a['rate-seconds']);
const LOADERS = Number(a.loaders);
const PROVINCE = Number(a.province);
const STORAGE_INSTRUMENTS = Number(a['storage-instruments']);
const STORAGE_DAYS = Number(a['storage-days']);
/** Readings published but not yet stored that the generators may have outstanding, in total. */
const CREDIT = 50_000;
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// ---- publishers -------------------------------------------------------------------------------
const loaders: ChildProcess[] = Array.from({ length: LOADERS }, () =>
  fork(new URL('./ingest-load.ts', import.meta.url).pathname, [], { execArgv: process.execArgv }),
);
const tell = (c: ChildProcess, m: LoadCommand) => c.send(m);
const reply = (c: ChildProcess, kind: LoadReply['kind']) =>
  new Promise<LoadReply>((resolve, reject) => {
    const on = (m: LoadReply) => {
      if (m.kind === 'error') reject(new Error(m.message));
      else if (m.kind === kind) {
        c.off('message', on);
        resolve(m);
      }
    };
    c.on('message', on);
  });

async function connectFleet(url: string, ids: string[]) {
  await Promise.all(
    loaders.map((c, k) => {
      const done = reply(c, 'connected');
      tell(c, { cmd: 'connect', url, devices: ids.filter((_, i) => i % LOADERS === k), password: BENCH_PASSWORD });
      return done;
    }),
  );
}

// ---- what the receiving side counts -----------------------------------------------------------
const meter = { stored: 0, latencies: [] as number[], recording: false };
const nowMicros = () => (performance.timeOrigin + performance.now()) * 1000;
/** Publish → now in ms for a message, from the µs publish time the generator put in `seq`. */
function latencyOf(payload: Buffer): number | undefined {
  const at = payload.indexOf('"seq":');
  if (at < 0) return undefined;
  let v = 0;
  for (let i = at + 6; i < payload.length; i++) {
    const c = payload[i] as number;
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
  }
  return (nowMicros() - v) / 1000;
}

/** The production telemetry store, counting what it stored and when each message committed. */
function metered(real: TelemetryIngest): TelemetryIngest {
  return {
    events: real.events,
    deadLetter: (e) => real.deadLetter(e),
    async ingest(batch: IncomingMessage[]) {
      const out = await real.ingest(batch);
      for (const o of out) meter.stored += o.stored;
      if (meter.recording)
        for (const m of batch) {
          const ms = latencyOf(m.payload);
          if (ms !== undefined) meter.latencies.push(ms);
        }
      return out;
    },
  };
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

const pct = (xs: number[], p: number) => {
  if (!xs.length) return Number.NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const publishedBy = async (done: Promise<LoadReply>[]) =>
  (await Promise.all(done)).reduce((n, r) => n + (r.kind === 'done' ? r.published : 0), 0);

/** Closed loop at full speed: readings/s stored over SECONDS after WARMUP; then lets the rest land. */
async function sustained(): Promise<number> {
  meter.recording = false;
  const done = loaders.map((c) => reply(c, 'done'));
  const start = meter.stored;
  for (const c of loaders) tell(c, { cmd: 'max', perMessage: PER, window: 20 });
  const grant = setInterval(() => {
    for (const c of loaders) tell(c, { cmd: 'credit', allowed: Math.floor((meter.stored - start + CREDIT) / LOADERS) });
  }, 20);
  await sleep(WARMUP * 1000);
  const s0 = meter.stored;
  const t0 = performance.now();
  await sleep(SECONDS * 1000);
  const rate = (meter.stored - s0) / ((performance.now() - t0) / 1000);
  for (const c of loaders) tell(c, { cmd: 'stop' });
  clearInterval(grant);
  const published = await publishedBy(done);
  await waitFor(() => meter.stored - start >= published, 120_000);
  return rate;
}

/** Open loop at RATE readings/s for RATE_SECONDS: stored rate and publish→commit latencies. */
async function atRate(): Promise<{ rate: number; p50: number; p99: number }> {
  meter.latencies = [];
  meter.recording = true;
  const s0 = meter.stored;
  const t0 = performance.now();
  const done = loaders.map((c) => reply(c, 'done'));
  for (const c of loaders)
    tell(c, { cmd: 'rate', perMessage: PER, readingsPerSecond: RATE / LOADERS, seconds: RATE_SECONDS });
  const published = await publishedBy(done);
  await waitFor(() => meter.stored - s0 >= published, 60_000);
  const rate = (meter.stored - s0) / ((performance.now() - t0) / 1000);
  meter.recording = false;
  // The first second is connection warm-up, not load.
  const steady = meter.latencies.slice(Math.floor(meter.latencies.length / RATE_SECONDS));
  return { rate, p50: pct(steady, 50), p99: pct(steady, 99) };
}

async function waitFor(cond: () => boolean | Promise<boolean>, ms: number) {
  const until = Date.now() + ms;
  while (!(await cond()) && Date.now() < until) await sleep(100);
}

function line(label: string, value: string, note = '') {
  console.log(`  ${label.padEnd(50)} ${value.padStart(12)}   ${note}`);
}
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const n0 = (x: number) => Math.round(x).toLocaleString('en-US');

async function scratchPg(): Promise<{ database: Database; drop(): Promise<void> }> {
  const name = `kc_bench_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString(), poolSize: 6 });
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

const transportConfig = (url: string | undefined, port = 0): Parameters<typeof startTransport>[0]['config'] =>
  ({
    MQTT_URL: url,
    MQTT_PORT: port,
    MQTT_SERVICE_USERNAME: 'kc-platform',
    MQTT_SERVICE_PASSWORD: undefined,
    MQTT_CLIENT_ID: 'kc-ingest-bench',
    MQTT_INGEST: true,
  }) satisfies Pick<
    Config,
    'MQTT_URL' | 'MQTT_PORT' | 'MQTT_SERVICE_USERNAME' | 'MQTT_SERVICE_PASSWORD' | 'MQTT_CLIENT_ID' | 'MQTT_INGEST'
  >;

// ---- run --------------------------------------------------------------------------------------
const loadBefore = load();
console.log(
  `bench:ingest — ${DEVICES} sensors (one connection each, ${LOADERS} publisher processes), ${PER} readings per message, QoS 1`,
);
console.log(`  load average before: ${loadBefore} (2 cores shared with other work; read the figures with it)`);
const mosquitto = await startMosquitto();
const ids = Array.from({ length: DEVICES }, (_, i) => `kcd-b${String(i + 1).padStart(11, '0')}`);

// 1. Baseline.
const sub = await mqtt.connectAsync(mosquitto.url, { clientId: 'kc-bench-baseline', protocolVersion: 5 });
await sub.subscribeAsync('$share/kc-ingest/kc/v1/d/+/up', { qos: 1 });
sub.on('message', (_t, payload) => {
  meter.stored += PER;
  if (meter.recording) {
    const ms = latencyOf(payload);
    if (ms !== undefined) meter.latencies.push(ms);
  }
});
await connectFleet(mosquitto.url, ids);
peakRss = 0;
const baseRate = await sustained();
const baseAt = await atRate();
const baseRss = peakRss;
await sub.endAsync();
console.log('\n1. baseline: publishers → Mosquitto → subscriber that stores nothing');
line(`readings/s sustained (${SECONDS} s)`, n0(baseRate), '1.00 × baseline');
line(`receive latency p50 / p99 at ${n0(RATE)}/s (ms)`, `${baseAt.p50.toFixed(1)} / ${baseAt.p99.toFixed(1)}`);
line('peak RSS of the subscriber process (MB)', n0(baseRss / 1048576));

// 2. PostgreSQL + Mosquitto.
const scratch = await scratchPg();
await seedFleet(scratch.database.db, DEVICES);
const pgDevices = createDevicesModule({ db: scratch.database.db, clock: systemClock });
const pgTelemetry = createTelemetryModule({ db: scratch.database.db, clock: systemClock }).service;
const pgTransport = await startTransport({
  config: transportConfig(mosquitto.url),
  devices: pgDevices.service,
  telemetry: metered(pgTelemetry),
  registry: new Registry(),
  log: () => {},
  concurrency: 2,
});
meter.stored = 0;
peakRss = 0;
const pgRate = await sustained();
const pgAt = await atRate();
const pgRss = peakRss;
await pgTransport.leave();
console.log('\n2. platform on PostgreSQL with Mosquitto (→ ingester → committed → acknowledged)');
line(`readings/s sustained (${SECONDS} s)`, n0(pgRate), `${(pgRate / baseRate).toFixed(2)} × baseline`);
line(`  target ≥ 40,000/s and ≥ 0.6 × baseline`, '', verdict(pgRate >= 40_000 && pgRate >= 0.6 * baseRate));
line(
  `publish → commit p50 / p99 at ${n0(RATE)}/s (ms)`,
  `${pgAt.p50.toFixed(0)} / ${pgAt.p99.toFixed(0)}`,
  `stored ${n0(pgAt.rate)}/s; p99 ${(pgAt.p99 / baseAt.p99).toFixed(1)} × baseline's`,
);
line('  target p99 < 250 ms at 20,000/s', '', verdict(pgAt.p99 < 250 && RATE >= 20_000));
line('peak RSS of the ingester process (MB)', n0(pgRss / 1048576), `${(pgRss / baseRss).toFixed(2)} × baseline's`);
const mosqHwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${mosquitto.pid}/status`, 'utf8'))?.[1];
if (mosqHwm) line('peak RSS of Mosquitto (MB)', n0(Number(mosqHwm) / 1024));
await scratch.drop();

// 3. Embedded: PGlite on disk + aedes, one process.
const dataDir = mkdtempSync(join(tmpdir(), 'kc-bench-pglite-'));
const embedded = await openDatabase({ dataDir });
await runMigrations(embedded);
await seedFleet(embedded.db, DEVICES);
const emDevices = createDevicesModule({ db: embedded.db, clock: systemClock });
const emTelemetry = createTelemetryModule({ db: embedded.db, clock: systemClock }).service;
const port = await freePort();
const emTransport = await startTransport({
  config: transportConfig(undefined, port),
  devices: emDevices.service,
  telemetry: metered(emTelemetry),
  registry: new Registry(),
  log: () => {},
});
await connectFleet(`mqtt://127.0.0.1:${port}`, ids);
meter.stored = 0;
peakRss = 0;
const emRate = await sustained();
const emAt = await atRate();
const emRss = peakRss;
console.log('\n3. platform embedded: PGlite (on disk) with aedes in one process (ack = committed)');
line(`readings/s sustained (${SECONDS} s)`, n0(emRate), `${(emRate / baseRate).toFixed(2)} × baseline`);
line('  target ≥ 25,000/s', '', verdict(emRate >= 25_000));
line(
  `publish → commit p50 / p99 at ${n0(RATE)}/s (ms)`,
  `${emAt.p50.toFixed(0)} / ${emAt.p99.toFixed(0)}`,
  `stored ${n0(emAt.rate)}/s; p99 ${(emAt.p99 / baseAt.p99).toFixed(1)} × baseline's`,
);
line('  target p99 < 250 ms at 20,000/s', '', verdict(emAt.p99 < 250 && RATE >= 20_000));
line('peak RSS of the platform process (MB)', n0(emRss / 1048576), `${(emRss / baseRss).toFixed(2)} × baseline's`);
for (const c of loaders) tell(c, { cmd: 'exit' });
await emTransport.close();
await embedded.close();
rmSync(dataDir, { recursive: true, force: true });
await mosquitto.stop();

// 4. The year's power-on hours for a province (50,000 instruments), from roll-ups.
const year = new Date().getUTCFullYear() - 1;
const province = await scratchPg();
const py = await provinceYear(province.database.db, year, PROVINCE);
await province.drop();
console.log(`\n4. roll-up query (PostgreSQL): the year of ${n0(PROVINCE)} instruments through the hours service`);
line(
  `headline: ${n0(py.instruments)} instruments, ${n0(py.hours)} h (ms)`,
  py.ms.toFixed(0),
  `target < 1,000 ms: ${verdict(py.ms < 1000)}`,
);
line('by month, the same year and region (ms)', py.monthlyMs.toFixed(0));

// 5. Long-term storage.
const storage = await scratchPg();
const lt = await longTermBytes(storage.database.db, STORAGE_INSTRUMENTS, STORAGE_DAYS);
await storage.drop();
console.log('\n5. long-term storage: intervals + daily/monthly roll-ups + live end, realistic traces');
line(
  `bytes per instrument-day (${STORAGE_INSTRUMENTS} instruments × ${STORAGE_DAYS} days)`,
  n0(lt.perDay),
  `target ≤ 1,024: ${verdict(lt.perDay <= 1024)}; ${(lt.intervals / (STORAGE_INSTRUMENTS * STORAGE_DAYS)).toFixed(1)} intervals/instrument-day`,
);

clearInterval(sampler);
console.log(`\n  load average after: ${load()} (before: ${loadBefore})`);
process.exit(0);
