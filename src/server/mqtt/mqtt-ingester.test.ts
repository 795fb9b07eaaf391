import { sql } from 'drizzle-orm';
import mqtt from 'mqtt';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.js';
import { seedBureau } from '../../../test/factories.js';
import { topicsOf } from '../modules/devices/topics.js';
import { derive, EMPTY_STATE } from '../modules/telemetry/power.machine.js';
import { createGroupCommit } from './group-commit.js';
import { startTransport, type Transport } from './index.js';
import type { IncomingMessage, TelemetryIngest } from './ingest.contract.js';
import { mosquittoInstalled, startMosquitto } from './mosquitto.testkit.js';
import { startMqttIngester } from './mqtt-ingester.js';
import { simulate, traceDevice } from './simulator.js';

/**
 * Ingesters on a real Mosquitto (a private instance on a free port, configured as docs/deploy.md
 * says). These run in both CI passes (PGlite and PostgreSQL) against the real telemetry store; CI
 * installs Mosquitto, and there a missing broker is a failure, not a skip.
 */
const canSpawn = mosquittoInstalled();
if (!canSpawn && process.env.CI) {
  describe('Mosquitto', () => {
    it('is installed, so the shared-subscription and fault tests run', () => {
      throw new Error('the mosquitto binary is missing; CI must run the broker tests (apt-get install mosquitto)');
    });
  });
} else if (!canSpawn) console.warn('Skipping the Mosquitto ingester tests: the mosquitto binary is not installed.');

let t: TestApp;
let broker: Awaited<ReturnType<typeof startMosquitto>>;
let manager: TestClient;
let orgId: string;
let seq = 0;

async function provision(n: number) {
  const out: { id: string; password: string; instrumentId: string }[] = [];
  for (let i = 0; i < n; i++) {
    seq++;
    const instrument = await manager.post('/api/instruments', {
      organisationId: orgId,
      assetNo: `ZC-MOSQ-${seq}-${Date.now()}`,
      nameZh: `代理测试仪器${seq}`,
      classCode: '010101',
      originalValueFen: 80_000_000,
    });
    const created = (await manager.post('/api/devices', { instrumentId: instrument.json().id })).json();
    out.push({ id: created.device.id, password: created.credentials.password, instrumentId: instrument.json().id });
  }
  return out;
}

const count = async (q: ReturnType<typeof sql>) =>
  Number(((await t.database.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0]?.n);

/** The app's `npm run ingester` path (startTransport with MQTT_URL), recording what each one was handed. */
async function ingester(clientId: string, seen: string[]): Promise<{ transport: Transport; registry: Registry }> {
  const real = t.services.telemetry.service;
  const telemetry: TelemetryIngest = {
    events: real.events,
    deadLetter: (e) => real.deadLetter(e),
    ingest(batch: IncomingMessage[]) {
      for (const m of batch) seen.push(`${m.deviceId}|${JSON.parse(m.payload.toString()).ts}`);
      return real.ingest(batch);
    },
  };
  const registry = new Registry();
  const transport = await startTransport({
    config: { ...t.config, MQTT_URL: broker.url, MQTT_CLIENT_ID: clientId, MQTT_INGEST: true },
    devices: t.services.devices.service,
    telemetry,
    registry,
    log: () => {},
    windowMs: 10,
  });
  return { transport, registry };
}

const metric = async (registry: Registry, name: string) =>
  ((await registry.getSingleMetric(name)?.get())?.values ?? []).reduce((s, v) => s + v.value, 0);

describe.skipIf(!canSpawn)('ingesters on Mosquitto', () => {
  beforeAll(async () => {
    t = await createTestApp();
    broker = await startMosquitto();
    const bureau = await seedBureau(t);
    manager = await bureau.as('manager');
    orgId = (await manager.get('/api/auth/me')).json().memberships[0].organisation.id;
  });
  afterAll(async () => {
    await broker?.stop();
    await t?.close();
  });

  it('shared subscription: two ingesters split one stream and no reading is stored twice', async () => {
    const devices = await provision(4);
    const seen: [string[], string[]] = [[], []];
    const a = await ingester('kc-ingest-share-a', seen[0]);
    const b = await ingester('kc-ingest-share-b', seen[1]);
    const publisher = await mqtt.connectAsync(broker.url, { clientId: 'kc-share-publisher' });
    const base = t.clock.now().getTime() - 3_600_000;
    const sends: Promise<unknown>[] = [];
    for (let n = 0; n < 100; n++)
      for (const d of devices)
        sends.push(
          publisher.publishAsync(topicsOf(d.id).up, JSON.stringify({ ts: base + n * 30_000, p: 50 }), { qos: 1 }),
        );
    await Promise.all(sends);
    await publisher.endAsync();
    const ids = devices.map((d) => d.id);
    const stored = () =>
      count(sql`select count(*)::int as n from telemetry_readings where device_id = any(${sql.param(ids)}::text[])`);
    await expect.poll(stored, { timeout: 20_000, interval: 200 }).toBe(400);
    await a.transport.leave();
    await b.transport.leave();
    // Each message went to exactly one of them, and both took part.
    expect(seen[0].length).toBeGreaterThan(0);
    expect(seen[1].length).toBeGreaterThan(0);
    const first = new Set(seen[0]);
    expect(seen[1].filter((k) => first.has(k))).toEqual([]);
    expect(new Set([...seen[0], ...seen[1]]).size).toBe(400);
    expect(
      (await metric(a.registry, 'kc_ingest_readings_stored_total')) +
        (await metric(b.registry, 'kc_ingest_readings_stored_total')),
    ).toBe(400);
    expect(
      (await metric(a.registry, 'kc_ingest_readings_duplicate_total')) +
        (await metric(b.registry, 'kc_ingest_readings_duplicate_total')),
    ).toBe(0);
  });

  it("files a retired device's message as a dead letter under its last instrument", async () => {
    const [d] = await provision(1);
    if (!d) throw new Error('no device');
    await manager.post(`/api/devices/${d.id}/retire`, { reason: '传感器损坏' });
    const { transport, registry } = await ingester('kc-ingest-orphan', []);
    // Mosquitto here runs without the auth hook, so the ingester is the last line of defence.
    const publisher = await mqtt.connectAsync(broker.url, { clientId: 'kc-orphan-publisher' });
    await publisher.publishAsync(topicsOf(d.id).up, JSON.stringify({ ts: t.clock.now().getTime() - 1000, p: 5 }), {
      qos: 1,
    });
    await publisher.endAsync();
    const dead = () =>
      count(sql`select count(*)::int as n from telemetry_dead_letters
        where device_id = ${d.id} and reason = 'TELEMETRY_RETIRED_DEVICE' and instrument_id = ${d.instrumentId}`);
    await expect.poll(dead, { timeout: 10_000 }).toBe(1);
    await transport.leave();
    expect(await metric(registry, 'kc_ingest_rejected_total')).toBe(1);
    expect(await count(sql`select count(*)::int as n from telemetry_readings where device_id = ${d.id}`)).toBe(0);
  });

  it("tracks a device's online state and firmware from its state topic and its will", async () => {
    const [d] = await provision(1);
    if (!d) throw new Error('no device');
    const { transport } = await ingester('kc-ingest-state', []);
    const sensor = await mqtt.connectAsync(broker.url, {
      clientId: d.id,
      username: d.id,
      password: d.password,
      reconnectPeriod: 0,
      will: { topic: topicsOf(d.id).state, payload: Buffer.from('{"online":false}'), qos: 1, retain: true },
    });
    await sensor.publishAsync(topicsOf(d.id).state, JSON.stringify({ online: true, fw: '1.2.0' }), {
      qos: 1,
      retain: true,
    });
    const detail = async () => (await manager.get(`/api/devices/${d.id}`)).json();
    await expect.poll(async () => (await detail()).online, { timeout: 10_000 }).toBe(true);
    expect((await detail()).firmware).toBe('1.2.0');
    // The connection drops without a DISCONNECT: the broker publishes the will.
    sensor.stream.destroy();
    await expect.poll(async () => (await detail()).online, { timeout: 10_000 }).toBe(false);
    sensor.end(true);
    await transport.leave();
  });

  it('fault: an ingester killed mid-stream and restarted loses nothing and counts nothing twice', async () => {
    const devices = await provision(3);
    const telemetry = t.services.telemetry.service;
    const deviceService = t.services.devices.service;
    const start = async () =>
      startMqttIngester({
        url: broker.url,
        clientId: 'kc-ingest-fault',
        commit: createGroupCommit({ telemetry, windowMs: 20 }),
        instrumentOf: (id) => deviceService.instrumentOf(id),
        receiveMaximum: 200,
      });
    let current = await start();
    let killed = false;
    let restarted: Promise<void> = Promise.resolve();
    // End at the last local (Shanghai) midnight, three days after the start.
    const local = t.clock.now().getTime() + 8 * 3_600_000;
    const end = local - (local % 86_400_000) - 8 * 3_600_000;
    const days = 3;
    const { truth } = await simulate({
      brokerUrl: broker.url,
      devices,
      days,
      speed: Number.POSITIVE_INFINITY,
      end: new Date(end),
      seed: 7,
      onProgress: (sent) => {
        if (!killed && sent >= 1000) {
          killed = true;
          // Mid-stream: batches are in flight and unacked; the broker keeps them for the session.
          current.kill();
          restarted = new Promise((r) => setTimeout(r, 300)).then(async () => {
            current = await start();
          });
        }
      },
    });
    expect(killed).toBe(true);
    await restarted;
    const ids = devices.map((d) => d.id);
    const expected = truth.reduce((s, d) => s + d.readings, 0);
    const stored = () =>
      count(sql`select count(*)::int as n from telemetry_readings where device_id = any(${sql.param(ids)}::text[])`);
    await expect.poll(stored, { timeout: 90_000, interval: 500 }).toBe(expected);
    await current.leave();

    for (const [i, d] of devices.entries()) {
      // What a single in-order pass over the very same readings gives (closed segments only, as the
      // roll-ups): equal to the second, so nothing was lost, doubled or derived out of order.
      const trace = traceDevice(d.id, end - days * 86_400_000, end, 7 * 100_003 + i);
      const readings = new Map<number, number>();
      for (const m of trace.messages)
        for (const r of Array.isArray(m.body) ? m.body : [m.body]) readings.set(r.ts, r.p);
      const { closed: segs } = derive(
        t.services.telemetry.service.defaults,
        EMPTY_STATE,
        [...readings].map(([ts, p]) => ({ ts, p })),
      );
      const secs = (f: (s: string) => boolean) =>
        Math.round(segs.filter((s) => f(s.state)).reduce((sum, s) => sum + (s.end - s.start), 0) / 1000);
      const [row] = (
        (await t.database.db.execute(sql`select coalesce(sum(on_s), 0)::int as on_s,
            coalesce(sum(working_s), 0)::int as working_s, coalesce(sum(unknown_s), 0)::int as unknown_s
          from power_daily where instrument_id = ${d.instrumentId}`)) as unknown as {
          rows: { on_s: number; working_s: number; unknown_s: number }[];
        }
      ).rows;
      // Roll-ups round to the second per day.
      expect(Math.abs((row?.on_s ?? 0) - secs((s) => s === 'idle' || s === 'working'))).toBeLessThanOrEqual(days + 1);
      expect(Math.abs((row?.working_s ?? 0) - secs((s) => s === 'working'))).toBeLessThanOrEqual(days + 1);
      expect(Math.abs((row?.unknown_s ?? 0) - secs((s) => s === 'unknown'))).toBeLessThanOrEqual(days + 1);
      // And against the simulator's ground truth (real phases): within the state machine's delays.
      const truthOf = truth[i];
      if (!truthOf) throw new Error('no truth');
      expect(Math.abs((row?.on_s ?? 0) / 3600 - truthOf.onHours)).toBeLessThan(0.25 + truthOf.onHours * 0.02);
      expect(Math.abs((row?.working_s ?? 0) / 3600 - truthOf.workingHours)).toBeLessThan(
        0.25 + truthOf.workingHours * 0.02,
      );
    }
  }, 240_000);
});
