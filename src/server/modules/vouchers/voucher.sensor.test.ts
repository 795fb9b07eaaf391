import { sql } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTransport, type Transport } from '../../mqtt/index.js';
import { type Reading, simulate, traceDevice } from '../../mqtt/simulator.js';
import { type VoucherWorld, voucherWorld } from './voucher.test-fixtures.js';

/**
 * End to end: a simulated power sensor publishes a day over the embedded MQTT broker into the real
 * ingest path (validation, group commit, power-state derivation); claims are then checked against
 * what it reported. A slot inside a working session passes; a slot when the instrument was off is flagged.
 */
let w: VoucherWorld;
let transport: Transport;
const SEED = 11;
// The simulated day: Thursday 5 March 2026 in Shanghai, midnight to midnight.
const DAY_START = Date.parse('2026-03-04T16:00:00Z');
const DAY_END = DAY_START + 86_400_000;
const MIN = 60_000;

/** Working sessions (≥ 300 W windows) the simulator will produce for this device and seed. */
function sessionsOf(deviceId: string): [number, number][] {
  // simulate() seeds device i of a run with seed * 100_003 + i.
  const { messages } = traceDevice(deviceId, DAY_START, DAY_END, SEED * 100_003, 30);
  const readings = [...messages]
    .filter((m) => !m.duplicate)
    .flatMap((m) => (Array.isArray(m.body) ? m.body : [m.body]) as Reading[])
    .sort((a, b) => a.ts - b.ts);
  const out: [number, number][] = [];
  for (const r of readings) {
    if (r.p < 300) continue;
    const last = out[out.length - 1];
    if (last && r.ts - last[1] <= 60_000) last[1] = r.ts;
    else out.push([r.ts, r.ts]);
  }
  return out;
}

beforeAll(async () => {
  w = await voucherWorld();
  transport = await startTransport({
    config: { ...w.t.config, MQTT_URL: undefined, MQTT_PORT: 0 },
    devices: w.t.services.devices.service,
    telemetry: w.t.services.telemetry.service,
    registry: new Registry(),
    log: () => {},
    windowMs: 10,
  });
}, 120_000);
afterAll(async () => {
  await transport?.close();
  await w?.t.close();
});

describe('claims checked against the sensor (simulator → MQTT → ingest → derivation → claim checks)', () => {
  it('an honest claim passes; a claim for a slot the instrument never ran is flagged for the officer', async () => {
    const instrument = await w.instrument();
    const device = (await (await w.as('manager')).post('/api/devices', { instrumentId: instrument.id })).json();
    const deviceId = device.device.id as string;
    const sessions = sessionsOf(deviceId).filter(([s, e]) => e - s >= 80 * MIN);
    expect(sessions.length, 'the seeded day has a long working session').toBeGreaterThan(0);
    const [s] = sessions[0] as [number, number];
    // Booked on whole half hours: an hour well inside the session, and 21:00–22:00 when it is off.
    const honestStart = Math.ceil((s + 15 * MIN) / (30 * MIN)) * 30 * MIN;
    const honest = [new Date(honestStart).toISOString(), new Date(honestStart + 60 * MIN).toISOString()] as const;
    const phantom = ['2026-03-05T13:00:00.000Z', '2026-03-05T14:00:00.000Z'] as const;

    const programmeId = await w.programme();
    await w.admit(programmeId);
    const quotaId = await w.quota(programmeId, 500_000);
    w.setClock('2026-03-04T02:00:00Z');
    const bookings = [];
    for (const [start, end] of [honest, phantom]) {
      const b = await w.book(instrument.id, start, end, 'sample_testing', 2);
      const r = await w.reserve(b.id, quotaId);
      expect(r.statusCode, r.body).toBe(201);
      bookings.push({ booking: b.id, reservation: r.json().id as string });
    }

    // The day happens: the sensor publishes it (faults included) through the broker, acked after commit.
    w.setClock('2026-03-05T17:00:00Z');
    const { truth } = await simulate({
      brokerUrl: `mqtt://127.0.0.1:${transport.port}`,
      devices: [{ id: deviceId, password: device.credentials.password, instrumentId: instrument.id }],
      days: 1,
      end: new Date(DAY_END),
      speed: Number.POSITIVE_INFINITY,
      seed: SEED,
    });
    expect(truth[0]?.workingHours).toBeGreaterThan(1);
    const stored = (await w.t.database.db.execute(
      sql`select count(*)::int as n from telemetry_readings where instrument_id = ${instrument.id}`,
    )) as unknown as { rows: { n: number }[] };
    expect(stored.rows[0]?.n).toBe(truth[0]?.readings);

    const claims = [];
    for (const b of bookings) {
      await w.complete(b.booking, { prepMinutes: 0, measureMinutes: 60, postMinutes: 0, samples: 2 });
      const res = await (await w.as('manager')).post('/api/vouchers/claims', { reservationId: b.reservation });
      expect(res.statusCode, res.body).toBe(201);
      claims.push(res.json());
    }
    const [ok, flagged] = claims;
    const usage = (c: { checks: { check: string; message: string | null }[] }) =>
      c.checks.find((x) => x.check === 'usage') as { message: string | null };
    expect(ok).toMatchObject({ evidence: 'sensor', flagged: false });
    expect(ok.workingMinutes).toBeGreaterThan(55);
    expect(usage(ok)).toMatchObject({ outcome: 'pass', code: null });
    expect(ok.evidenceDetail.sensor).toMatchObject({ instrumentId: instrument.id, from: honest[0], to: honest[1] });
    expect(flagged).toMatchObject({ evidence: 'sensor', flagged: true, workingMinutes: 0 });
    expect(usage(flagged)).toMatchObject({
      outcome: 'flag',
      code: 'VOUCHER_USAGE_SHORT',
      values: { requiredMinutes: 36 },
    });
    expect(usage(flagged).message).toContain('传感器确认的工作机时 0 分钟');

    // The officer's queue can pick out flagged claims; approving the honest one makes redeemed money sensor-backed.
    const officer = await w.as('officer');
    const queue = (await officer.get('/api/vouchers/claims?side=review&flagged=true')).json();
    expect(queue.items.map((c: { id: string }) => c.id)).toEqual([flagged.id]);
    expect((await officer.post(`/api/vouchers/claims/${ok.id}/approve`, {})).statusCode).toBe(200);
    expect(
      (await officer.post(`/api/vouchers/claims/${flagged.id}/reject`, { reason: '传感器显示该时段仪器未开机' }))
        .statusCode,
    ).toBe(200);
    const f = (await officer.get('/api/vouchers/figures?year=2026')).json();
    expect(f.totals).toMatchObject({ sensorRedeemedFen: ok.voucherFen, selfReportedRedeemedFen: 0, sensorShare: 1 });
    // The flagged claim's reservation went back to the enterprise.
    const wallet = (await (await w.as('enterprise')).get('/api/vouchers/wallet')).json();
    expect(wallet.totals).toMatchObject({
      reservedFen: 0,
      redeemedFen: ok.voucherFen,
      availableFen: 500_000 - ok.voucherFen,
    });
  }, 240_000);
});
