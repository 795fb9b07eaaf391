import mqtt from 'mqtt';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.js';
import { seedBureau } from '../../../test/factories.js';
import { createFakeTelemetry, type FakeTelemetry } from '../../../test/fake-telemetry.js';
import { startTransport, type Transport } from './index.js';

let t: TestApp;
let manager: TestClient;
let managerOrgId: string;
let telemetry: FakeTelemetry;
let transport: Transport;
let url: string;
let registry: Registry;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  const bureau = await seedBureau(t);
  manager = await bureau.as('manager');
  managerOrgId = (await manager.get('/api/auth/me')).json().memberships[0].organisation.id;
  telemetry = createFakeTelemetry();
  transport = await startTransport({
    config: { ...t.config, MQTT_URL: undefined, MQTT_PORT: 0 },
    devices: t.services.devices.service,
    telemetry,
    registry: (registry = new Registry()),
    log: () => {},
    windowMs: 10,
  });
  url = `mqtt://127.0.0.1:${transport.port}`;
});
afterAll(async () => {
  await transport.close();
  await t.close();
});

async function provision() {
  seq++;
  const instrument = await manager.post('/api/instruments', {
    organisationId: managerOrgId,
    assetNo: `ZC-MQ-${seq}-${Date.now()}`,
    nameZh: `功率测试仪器${seq}`,
    classCode: '010101',
    originalValueFen: 80_000_000,
  });
  const res = await manager.post('/api/devices', { instrumentId: instrument.json().id });
  return res.json() as { device: { id: string; instrumentId: string }; credentials: { password: string } };
}

const connect = (id: string, password: string) =>
  mqtt.connectAsync(url, { clientId: id, username: id, password, reconnectPeriod: 0, connectTimeout: 3000 });

describe('embedded broker: authentication and topic rules', () => {
  it('refuses a wrong password and an unknown device at CONNECT', async () => {
    const { device } = await provision();
    await expect(connect(device.id, 'x'.repeat(40))).rejects.toThrow(/Bad username or password|Not authorized/i);
    await expect(connect('kcd-000000000000', 'x'.repeat(40))).rejects.toThrow();
    const detail = (await manager.get(`/api/devices/${device.id}`)).json();
    expect(detail.errors.map((e: { reason: string }) => e.reason)).toContain('CONNECT_DEVICE_BAD_PASSWORD');
  });

  it('refuses a retired device, and drops its live connection when it is retired', async () => {
    const { device, credentials } = await provision();
    const live = await connect(device.id, credentials.password);
    const closed = new Promise<void>((r) => live.once('close', () => r()));
    await manager.post(`/api/devices/${device.id}/retire`, { reason: '更换新传感器' });
    await closed;
    live.end(true);
    await expect(connect(device.id, credentials.password)).rejects.toThrow(/Not authorized/i);
  });

  it("refuses a publish under another device's topic and records it", async () => {
    const { device, credentials } = await provision();
    const other = await provision();
    const c = await connect(device.id, credentials.password);
    const before = telemetry.deadLetters.length;
    // MQTT 3.1.1 cannot refuse a QoS 1 publish with a code, so the broker drops the connection.
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    c.publish(`kc/v1/d/${other.device.id}/up`, JSON.stringify({ ts: Date.now(), p: 10 }), { qos: 1 });
    await closed;
    c.end(true);
    await expect.poll(() => telemetry.deadLetters.length).toBe(before + 1);
    // Filed under the sender's own instrument, so its manager sees it in the dead-letter list.
    expect(telemetry.deadLetters.at(-1)).toMatchObject({
      deviceId: device.id,
      instrumentId: device.instrumentId,
      reason: 'TELEMETRY_TOPIC_MISMATCH',
    });
    const refused = await registry.getSingleMetric('kc_ingest_rejected_total')?.get();
    expect(refused?.values.find((v) => v.labels.reason === 'TELEMETRY_TOPIC_MISMATCH')?.value).toBeGreaterThan(0);
    expect([...telemetry.readings.values()].some((r) => r.deviceId === other.device.id)).toBe(false);
    await expect
      .poll(async () => (await manager.get(`/api/devices/${device.id}`)).json().errorCount)
      .toBeGreaterThan(0);
  });

  it('refuses a subscription outside the own prefix', async () => {
    const { device, credentials } = await provision();
    const c = await connect(device.id, credentials.password);
    // mqtt.js reports the broker's SUBACK 0x80 as an error.
    await expect(c.subscribeAsync('kc/v1/d/+/up', { qos: 1 })).rejects.toThrow(/Subscribe error/);
    const own = await c.subscribeAsync(`kc/v1/d/${device.id}/config`, { qos: 1 });
    expect(own[0]?.qos).toBe(1);
    c.end(true);
  });
});

describe('embedded broker: ingestion', () => {
  it('acknowledges a reading only after the batch committed', async () => {
    const { device, credentials } = await provision();
    const c = await connect(device.id, credentials.password);
    const release = telemetry.hold();
    let acked = false;
    const ts = Date.now();
    const publishing = c
      .publishAsync(`kc/v1/d/${device.id}/up`, JSON.stringify({ ts, p: 1532.4 }), { qos: 1 })
      .then(() => {
        acked = true;
      });
    await new Promise((r) => setTimeout(r, 300));
    expect(acked).toBe(false);
    expect(telemetry.readings.has(`${device.id}|${ts}`)).toBe(false);
    release();
    await publishing;
    expect(telemetry.readings.get(`${device.id}|${ts}`)).toMatchObject({
      instrumentId: device.instrumentId,
      p: 1532.4,
    });
    c.end(true);
  });

  it('batches concurrent messages into one commit and counts a resent reading once', async () => {
    const { device, credentials } = await provision();
    const c = await connect(device.id, credentials.password);
    const base = Date.now() - 60_000;
    const release = telemetry.hold();
    const sends = Array.from({ length: 50 }, (_, i) =>
      c.publishAsync(`kc/v1/d/${device.id}/up`, JSON.stringify({ ts: base + (i % 40) * 1000, p: 100 }), { qos: 1 }),
    );
    await new Promise((r) => setTimeout(r, 100));
    const batchesBefore = telemetry.batches.length;
    release();
    await Promise.all(sends);
    expect(telemetry.batches.slice(batchesBefore)[0]).toBeGreaterThan(1);
    const mine = [...telemetry.readings.values()].filter((r) => r.deviceId === device.id);
    expect(mine).toHaveLength(40);
    c.end(true);
  });

  it('keeps messages unacknowledged while the database fails, then stores them once', async () => {
    const { device, credentials } = await provision();
    const c = await connect(device.id, credentials.password);
    telemetry.failNext(3);
    const ts = Date.now() - 5000;
    const t0 = Date.now();
    await c.publishAsync(`kc/v1/d/${device.id}/up`, JSON.stringify({ ts, p: 5 }), { qos: 1 });
    // Three failed attempts with backoff (50 + 100 + 200 ms) before the commit that acked.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(telemetry.readings.has(`${device.id}|${ts}`)).toBe(true);
    expect(transport.commit.pending).toBe(0);
    c.end(true);
  });
});
