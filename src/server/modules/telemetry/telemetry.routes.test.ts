import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';
import { bookings, instruments, organisations, users } from '../../db/schema.js';
import type { IncomingMessage } from './index.js';

let t: TestApp;
let manager: TestClient;
let officer: TestClient;
let enterprise: TestClient;
let a: string;
let b: string;
let bookingRun: string;
let bookingIdle: string;
const NOW = new Date('2026-11-25T08:00:00Z');
const START = NOW.getTime() - 10 * 3_600_000;

/** 10 h every 30 s: off 1 h, idle 1 h, working 3 h, idle 1 h, off 4 h. */
const profile = (i: number) => {
  const h = i / 120;
  const noise = (i * 7919) % 5;
  if (h < 1) return 1 + noise * 0.2;
  if (h < 2) return 35 + noise;
  if (h < 5) return 900 + noise * 10;
  if (h < 6) return 35 + noise;
  return 1 + noise * 0.2;
};
const readings = Array.from({ length: 1200 }, (_, i) => ({ ts: START + i * 30_000, p: profile(i) }));
const feed = async (instrumentId: string, deviceId: string) => {
  for (let i = 0; i < readings.length; i += 200) {
    const m: IncomingMessage = {
      deviceId,
      instrumentId,
      topic: `kc/v1/d/${deviceId}/up`,
      payload: Buffer.from(JSON.stringify(readings.slice(i, i + 200))),
      receivedAt: NOW,
    };
    await t.services.telemetry.service.ingest([m]);
  }
};
const segs = async (id: string) =>
  (
    (await t.database.db.execute(
      sql`select state, start_at::text as s, end_at::text as e from power_intervals where instrument_id = ${id} order by start_at`,
    )) as unknown as { rows: unknown[] }
  ).rows;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  const bureau = await seedBureau(t);
  manager = await bureau.as('manager');
  officer = await bureau.as('officer');
  enterprise = await bureau.as('enterprise');
  const orgs = await t.database.db.select().from(organisations);
  const owner = orgs.find((o) => o.name === '绍兴文理学院');
  const customer = orgs.find((o) => o.type === 'enterprise' && o.status === 'verified');
  const base = {
    organisationId: owner?.id as string,
    classCode: '010101',
    originalValueFen: 50_000_000,
    bookingRules: {},
    regionCode: '330602',
  };
  const made = await t.database.db
    .insert(instruments)
    .values([
      { ...base, assetNo: 'TR-A', nameZh: '扫描电镜' },
      { ...base, assetNo: 'TR-B', nameZh: '透射电镜' },
    ])
    .returning({ id: instruments.id });
  a = made[0]?.id as string;
  b = made[1]?.id as string;
  const [u] = await t.database.db.select().from(users).limit(1);
  const booking = (start: number, end: number) => ({
    instrumentId: a,
    userId: u?.id as string,
    organisationId: customer?.id as string,
    mode: 'self',
    status: 'completed',
    startAt: new Date(start),
    endAt: new Date(end),
    slot: `[${new Date(start).toISOString()},${new Date(end).toISOString()})`,
    createdAt: NOW,
    updatedAt: NOW,
  });
  const rows = await t.database.db
    .insert(bookings)
    .values([
      booking(START + 2 * 3_600_000, START + 4 * 3_600_000), // inside the working period
      booking(START + 7 * 3_600_000, START + 8 * 3_600_000), // the instrument was off
    ])
    .returning({ id: bookings.id });
  bookingRun = rows[0]?.id as string;
  bookingIdle = rows[1]?.id as string;
  await feed(a, 'dev-a');
});
afterAll(() => t.close());

describe('telemetry routes', () => {
  it('shows levels (defaults first) and lets only managers change them', async () => {
    const res = await manager.get(`/api/telemetry/instruments/${a}/levels`);
    expect(res.statusCode).toBe(200);
    expect(res.json().current).toMatchObject({ version: 0, onDelayS: 60, offDelayS: 180 });
    const body = { idleW: 20, workingW: 2000, hysteresisW: 2, onDelayS: 30, offDelayS: 60, offlineAfterS: 600 };
    expect((await enterprise.put(`/api/telemetry/instruments/${a}/levels`, body)).statusCode).toBe(403);
    expect((await officer.put(`/api/telemetry/instruments/${a}/levels`, body)).statusCode).toBe(403);
    const bad = await manager.put(`/api/telemetry/instruments/${a}/levels`, { ...body, workingW: 10 });
    expect(bad.statusCode).toBe(400);
    const old = await manager.put(`/api/telemetry/instruments/${a}/levels`, { ...body, reprocessFrom: '2026-09-01' });
    expect(old.json().code).toBe('TELEMETRY_REPROCESS_TOO_OLD');
  });

  it('reprocesses with new levels to exactly what live derivation with those levels gives', async () => {
    const body = { idleW: 20, workingW: 2000, hysteresisW: 2, onDelayS: 30, offDelayS: 60, offlineAfterS: 600 };
    const before = await segs(a);
    const res = await manager.put(`/api/telemetry/instruments/${a}/levels`, { ...body, reprocessFrom: '2026-11-24' });
    expect(res.statusCode).toBe(200);
    expect(res.json().current.version).toBe(1);
    expect(res.json().reprocessed.readings).toBe(1200);
    // The same levels set first on another instrument, then the same readings live.
    expect((await manager.put(`/api/telemetry/instruments/${b}/levels`, body)).statusCode).toBe(200);
    await feed(b, 'dev-b');
    const after = await segs(a);
    expect(after).toEqual(await segs(b));
    expect(after).not.toEqual(before);
    const audit = (await t.database.db.execute(
      sql`select count(*)::int as n from audit_log where action = 'telemetry.levels.update'`,
    )) as unknown as { rows: { n: number }[] };
    expect(audit.rows[0]?.n).toBe(2);
    // Back to the defaults, reprocessed, for the tests below.
    const back = { idleW: 10, workingW: 100, hysteresisW: 5, onDelayS: 60, offDelayS: 180, offlineAfterS: 600 };
    const again = await manager.put(`/api/telemetry/instruments/${a}/levels`, { ...back, reprocessFrom: '2026-11-24' });
    expect(again.json().current.version).toBe(2);
    expect(await segs(a)).toEqual(before);
  });

  it('proposes levels from the histogram of recent readings, with the valleys marked', async () => {
    const res = await manager.get(`/api/telemetry/instruments/${a}/calibration?days=7`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.readings).toBe(1200);
    expect(c.histogram.filter((h: { valley: boolean }) => h.valley).length).toBe(2);
    expect(c.proposed.idleW).toBeGreaterThan(2);
    expect(c.proposed.idleW).toBeLessThan(35);
    expect(c.proposed.workingW).toBeGreaterThan(40);
    expect(c.proposed.workingW).toBeLessThan(900);
    expect(c.preview.proposed.workingHours).toBeCloseTo(3, 0);
  });

  it('draws a power trace with readings, intervals and bookings, downsampled for long periods', async () => {
    const from = new Date(START).toISOString();
    const to = NOW.toISOString();
    const res = await officer.get(`/api/telemetry/instruments/${a}/trace?from=${from}&to=${to}&points=100`);
    expect(res.statusCode).toBe(200);
    const tr = res.json();
    expect(tr.bucketSeconds).toBe(360);
    expect(tr.readings.length).toBe(100);
    expect(tr.intervals.map((i: { state: string }) => i.state)).toContain('working');
    expect(tr.bookings).toHaveLength(2);
    const bad = await officer.get(`/api/telemetry/instruments/${a}/trace?from=${to}&to=${from}`);
    expect(bad.json().code).toBe('TELEMETRY_PERIOD_INVALID');
    expect((await enterprise.get(`/api/telemetry/instruments/${a}/trace?from=${from}&to=${to}`)).statusCode).toBe(403);
  });

  it('lists connected instruments on the live board, and tells when one goes offline', async () => {
    const res = await officer.get('/api/telemetry/board');
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((i: { instrumentId: string }) => i.instrumentId === a);
    expect(item).toMatchObject({ state: 'off', deviceId: 'dev-a', nameZh: '扫描电镜' });
    expect((await enterprise.get('/api/telemetry/board')).json().items).toEqual([]);
    const heard: string[] = [];
    t.services.telemetry.service.events.on('state', (e: { state: string }) => heard.push(e.state));
    t.clock.advance(15 * 60_000);
    expect(await t.services.telemetry.service.sweepOffline()).toBe(2);
    expect(await t.services.telemetry.service.sweepOffline()).toBe(0);
    expect(heard).toEqual(['offline', 'offline']);
    const later = await officer.get('/api/telemetry/board?state=offline');
    expect(later.json().counts.offline).toBe(2);
    t.clock.set(NOW);
  });

  it('lists an instrument whose new sensor has not reported yet as "never"', async () => {
    const [fresh] = await t.database.db
      .insert(instruments)
      .values({
        organisationId: (await t.database.db.select().from(organisations)).find((o) => o.name === '绍兴文理学院')
          ?.id as string,
        classCode: '010101',
        originalValueFen: 50_000_000,
        bookingRules: {},
        regionCode: '330602',
        assetNo: 'TR-NEW',
        nameZh: '新装传感器的仪器',
      })
      .returning({ id: instruments.id });
    const created = await manager.post('/api/devices', { instrumentId: fresh?.id });
    expect(created.statusCode).toBe(201);
    const board = (await officer.get('/api/telemetry/board')).json();
    expect(board.items.find((i: { instrumentId: string }) => i.instrumentId === fresh?.id)).toMatchObject({
      state: 'never',
      deviceId: created.json().device.id,
      lastSeenAt: null,
    });
    expect(board.counts.never).toBeGreaterThanOrEqual(1);
  });

  it('gives hours by month and organisation, the headline figure, and exports them', async () => {
    const monthly = await t.client().get('/api/telemetry/hours/monthly?year=2026&regionCode=330600');
    expect(monthly.statusCode).toBe(200);
    const nov = monthly.json().items.find((m: { month: string }) => m.month === '2026-11');
    expect(nov.instruments).toBe(2);
    expect(nov.onHours).toBeGreaterThan(8);
    const orgs = await t.client().get('/api/telemetry/hours/organisations?year=2026&regionCode=330600');
    expect(orgs.json().items[0]).toMatchObject({ organisationName: '绍兴文理学院', instruments: 2 });
    const head = await t.client().get('/api/telemetry/headline?year=2026&regionCode=330600');
    expect(head.json()).toMatchObject({ connectedInstruments: 2, year: 2026 });
    expect(head.json().powerOnHours).toBe(Math.round(monthly.json().total.onHours));
    const none = await t.client().get('/api/telemetry/headline?year=2025&regionCode=330600');
    expect(none.json()).toMatchObject({ connectedInstruments: 0, powerOnHours: 0 });
    expect((await t.client().get('/api/telemetry/headline?year=2026&regionCode=999999')).statusCode).toBe(400);
    const csv = await t.client().get('/api/telemetry/hours/monthly/export?year=2026&regionCode=330600');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('2026-11');
    const xlsx = await t.client().get('/api/telemetry/hours/organisations/export?year=2026&format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('verifies bookings against sensor working time', async () => {
    const from = new Date(START - 3_600_000).toISOString();
    const to = NOW.toISOString();
    const res = await manager.get(`/api/telemetry/usage?instrumentId=${a}&from=${from}&to=${to}`);
    expect(res.statusCode, res.body).toBe(200);
    const u = res.json();
    const run = u.items.find((i: { id: string }) => i.id === bookingRun);
    expect(run.workingMinutes).toBeGreaterThan(110);
    expect(run.overlapShare).toBeGreaterThan(0.9);
    expect(u.bookedNotRun.map((i: { id: string }) => i.id)).toEqual([bookingIdle]);
    // Working time outside the 2 h booking (about 1 h) is listed.
    expect(u.ranWithoutBooking.length).toBeGreaterThan(0);
    const one = await manager.get(`/api/telemetry/usage/bookings/${bookingIdle}`);
    expect(one.json()).toMatchObject({ workingMinutes: 0, overlapShare: 0 });
    expect((await enterprise.get(`/api/telemetry/usage/bookings/${bookingRun}`)).statusCode).toBe(403);
    expect((await manager.get(`/api/telemetry/usage?from=${from}&to=${to}`)).statusCode).toBe(400);
  });

  it('lists dead letters for instruments the user may read', async () => {
    await t.services.telemetry.service.ingest([
      { deviceId: 'dev-a', instrumentId: a, topic: 'kc/v1/d/dev-a/up', payload: Buffer.from('oops'), receivedAt: NOW },
    ]);
    const res = await manager.get('/api/telemetry/dead-letters');
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ reason: 'TELEMETRY_BAD_JSON', payload: 'oops', deviceId: 'dev-a' });
    expect((await enterprise.get('/api/telemetry/dead-letters')).json().total).toBe(0);
  });
});
