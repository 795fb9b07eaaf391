import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';
import { instruments, organisations } from '../../db/schema.js';
import { createTelemetryModule, type IncomingMessage, type StateEvent } from './index.js';

let t: TestApp;
let ids: string[] = [];
const NOW = new Date('2026-11-25T04:00:00Z');
const rows = async <T>(q: ReturnType<typeof sql>) => (await t.database.db.execute(q)) as unknown as { rows: T[] };

const msg = (instrumentId: string, deviceId: string, body: unknown, raw?: string): IncomingMessage => ({
  deviceId,
  instrumentId,
  topic: `kc/v1/d/${deviceId}/up`,
  payload: Buffer.from(raw ?? JSON.stringify(body)),
  receivedAt: t.clock.now(),
});

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  await seedBureau(t);
  const [org] = await t.database.db.select().from(organisations).limit(1);
  const base = {
    organisationId: org?.id as string,
    classCode: '010101',
    originalValueFen: 50_000_000,
    bookingRules: {},
    regionCode: '330602',
    nameZh: '测试仪器',
  };
  const made = await t.database.db
    .insert(instruments)
    .values(Array.from({ length: 8 }, (_, i) => ({ ...base, assetNo: `TP-${i}` })))
    .returning({ id: instruments.id });
  ids = made.map((m) => m.id);
});
afterAll(() => t.close());

const ingest = (batch: IncomingMessage[]) => t.services.telemetry.service.ingest(batch);

describe('telemetry ingest', () => {
  it('stores readings, counts duplicates once (within a batch and across batches) and reports per message', async () => {
    const id = ids[0] as string;
    const ts = NOW.getTime() - 3_600_000;
    const a = msg(id, 'dev-a', [
      { ts, p: 120 },
      { ts: ts + 30_000, p: 130, win: 30, pMax: 140, pMin: 110, seq: 1, onSec: 1000 },
    ]);
    const again = msg(id, 'dev-a', { ts, p: 120 });
    const out = await ingest([a, again]);
    expect(out).toEqual([
      { stored: 2, duplicates: 0, rejected: 0, reasons: [] },
      { stored: 0, duplicates: 1, rejected: 0, reasons: [] },
    ]);
    const resent = await ingest([
      msg(id, 'dev-a', [
        { ts, p: 120 },
        { ts: ts + 60_000, p: 125 },
      ]),
    ]);
    expect(resent).toEqual([{ stored: 1, duplicates: 1, rejected: 0, reasons: [] }]);
    const { rows: stored } = await rows<{ n: number }>(
      sql`select count(*)::int as n from telemetry_readings where device_id = 'dev-a'`,
    );
    expect(stored[0]?.n).toBe(3);
    const { rows: full } = await rows<{ p_max: number; seq: number; on_sec: number; win: number }>(
      sql`select p_max, seq::int as seq, on_sec::int as on_sec, win from telemetry_readings where device_id = 'dev-a' and seq is not null`,
    );
    expect(full[0]).toEqual({ p_max: 140, seq: 1, on_sec: 1000, win: 30 });
  });

  it('counts a reading resent by a device that moved once, under the instrument it was stored for', async () => {
    const [from, to] = [ids[0] as string, ids[1] as string];
    const ts = NOW.getTime() - 7_200_000;
    expect(await ingest([msg(from, 'dev-moved', { ts, p: 500, win: 60 })])).toEqual([
      { stored: 1, duplicates: 0, rejected: 0, reasons: [] },
    ]);
    // Moved to `to`; its buffer still holds the old reading and a new one (window lengths differ).
    const out = await ingest([
      msg(to, 'dev-moved', [
        { ts, p: 500, win: 60 },
        { ts: ts + 60_000, p: 520, win: 30, seq: 7 },
      ]),
    ]);
    expect(out).toEqual([{ stored: 1, duplicates: 1, rejected: 0, reasons: [] }]);
    const { rows: stored } = await rows<{ instrument_id: string; win: number; seq: number | null }>(
      sql`select instrument_id::text, win, seq::int as seq from telemetry_readings where device_id = 'dev-moved' order by ts`,
    );
    expect(stored).toEqual([
      { instrument_id: from, win: 60, seq: null },
      { instrument_id: to, win: 30, seq: 7 },
    ]);
    const { rows: live } = await rows<{ last_ts: number }>(
      sql`select (extract(epoch from last_ts) * 1000)::float8 as last_ts from power_derivation where instrument_id = ${to}`,
    );
    expect(Number(live[0]?.last_ts)).toBe(ts + 60_000);
  });

  it('sends every kind of bad input to the dead-letter store with a stable reason, and keeps the good readings', async () => {
    const id = ids[1] as string;
    const now = NOW.getTime();
    const cases: [IncomingMessage, string[], number][] = [
      [msg(id, 'dev-b', null, '{"ts": 1, "p":'), ['TELEMETRY_BAD_JSON'], 0],
      [msg(id, 'dev-b', null, `[${'{"ts":1,"p":1},'.repeat(5000)}{"ts":1,"p":1}]`), ['TELEMETRY_TOO_LARGE'], 0],
      [
        msg(
          id,
          'dev-b',
          Array.from({ length: 501 }, (_, i) => ({ ts: now - i * 1000, p: 1 })),
        ),
        ['TELEMETRY_TOO_MANY'],
        0,
      ],
      [msg(id, 'dev-b', 42), ['TELEMETRY_BAD_SHAPE'], 0],
      [msg(id, 'dev-b', []), ['TELEMETRY_BAD_SHAPE'], 0],
      [
        msg(id, 'dev-b', [
          { ts: now - 60_000, p: -5 },
          { ts: now - 50_000, p: '12' },
          { ts: now - 40_000, p: 5, win: 301 },
          { ts: now + 6 * 60_000, p: 5 },
          { ts: now - 31 * 86_400_000, p: 5 },
          { ts: now - 30_000, p: 5 },
          'text',
        ]),
        ['TELEMETRY_NEGATIVE_POWER', 'TELEMETRY_BAD_READING', 'TELEMETRY_TS_FUTURE', 'TELEMETRY_TS_TOO_OLD'],
        1,
      ],
    ];
    const out = await ingest(cases.map((c) => c[0]));
    cases.forEach(([, reasons, stored], i) => {
      expect(out[i]?.stored).toBe(stored);
      expect(out[i]?.reasons).toEqual(reasons);
    });
    expect(out[5]?.rejected).toBe(6);
    const { rows: dead } = await rows<{ reason: string; n: number }>(
      sql`select reason, count(*)::int as n from telemetry_dead_letters where device_id = 'dev-b' group by reason order by reason`,
    );
    expect(Object.fromEntries(dead.map((d) => [d.reason, d.n]))).toEqual({
      TELEMETRY_BAD_JSON: 1,
      TELEMETRY_BAD_READING: 3,
      TELEMETRY_BAD_SHAPE: 2,
      TELEMETRY_NEGATIVE_POWER: 1,
      TELEMETRY_TOO_LARGE: 1,
      TELEMETRY_TOO_MANY: 1,
      TELEMETRY_TS_FUTURE: 1,
      TELEMETRY_TS_TOO_OLD: 1,
    });
    // The raw bytes are kept as received.
    const { rows: raw } = await rows<{ payload: Uint8Array }>(
      sql`select payload from telemetry_dead_letters where reason = 'TELEMETRY_BAD_JSON'`,
    );
    expect(Buffer.from(raw[0]?.payload as Uint8Array).toString()).toBe('{"ts": 1, "p":');
  });

  it('accepts transport-level refusals into the dead-letter store', async () => {
    await t.services.telemetry.service.deadLetter([
      {
        deviceId: 'dev-x',
        topic: 'kc/v1/d/dev-y/up',
        payload: Buffer.from('{}'),
        reason: 'TELEMETRY_TOPIC_MISMATCH',
        receivedAt: NOW,
      },
    ]);
    const { rows: r } = await rows<{ n: number }>(
      sql`select count(*)::int as n from telemetry_dead_letters where reason = 'TELEMETRY_TOPIC_MISMATCH'`,
    );
    expect(r[0]?.n).toBe(1);
  });

  it('throws and writes nothing when the database refuses the batch, so the caller does not acknowledge', async () => {
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from telemetry_dead_letters`);
    const bad = msg('not-a-uuid', 'dev-c', { ts: NOW.getTime() - 1000, p: 1 });
    await expect(ingest([msg(ids[2] as string, 'dev-c', null, 'nope'), bad])).rejects.toThrow();
    const after = await rows<{ n: number }>(sql`select count(*)::int as n from telemetry_dead_letters`);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    const readings = await rows<{ n: number }>(
      sql`select count(*)::int as n from telemetry_readings where device_id = 'dev-c'`,
    );
    expect(readings.rows[0]?.n).toBe(0);
  });

  it('derives intervals and roll-ups, and late readings give the same result as in-order ones', async () => {
    const [inOrder, shuffled] = [ids[3] as string, ids[4] as string];
    const start = NOW.getTime() - 6 * 3_600_000;
    // 5 h of readings every 30 s: off, idle, working, idle, an outage, working, off.
    const profile = (i: number) => {
      const m = i / 2;
      if (m < 30) return 2;
      if (m < 60) return 40;
      if (m < 150) return 800 + (i % 7);
      if (m < 170) return 45;
      if (m < 200) return -1; // outage
      if (m < 260) return 650;
      return 1;
    };
    const readings = Array.from({ length: 600 }, (_, i) => ({ ts: start + i * 30_000, p: profile(i) })).filter(
      (r) => r.p >= 0,
    );
    const events: StateEvent[] = [];
    t.services.telemetry.service.events.on('state', (e: StateEvent) => events.push(e));
    for (let i = 0; i < readings.length; i += 50) await ingest([msg(inOrder, 'dev-in', readings.slice(i, i + 50))]);
    // The same readings in a scrambled order, in batches of varied size, some resent.
    let seed = 11;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const scrambled = [...readings].sort(() => rnd() - 0.5);
    for (let i = 0; i < scrambled.length; ) {
      const n = 1 + Math.floor(rnd() * 80);
      const chunk = scrambled.slice(i, i + n);
      await ingest([msg(shuffled, 'dev-sh', chunk), msg(shuffled, 'dev-sh', chunk.slice(0, 2))]);
      i += n;
    }
    const segs = async (id: string) =>
      (
        await rows<{ state: string; s: string; e: string }>(
          sql`select state, start_at::text as s, end_at::text as e from power_intervals where instrument_id = ${id} order by start_at`,
        )
      ).rows.map((r) => `${r.state} ${r.s} ${r.e}`);
    const a = await segs(inOrder);
    expect(a.map((s) => s.split(' ')[0])).toEqual(['off', 'idle', 'working', 'idle', 'unknown', 'working']);
    expect(await segs(shuffled)).toEqual(a);
    const daily = async (id: string) =>
      (
        await rows<{ day: string; on_s: number; working_s: number; unknown_s: number; off_s: number }>(
          sql`select day::text, on_s, working_s, unknown_s, off_s from power_daily where instrument_id = ${id} order by day`,
        )
      ).rows.map(({ day, on_s, working_s, unknown_s, off_s }) => ({ day, on_s, working_s, unknown_s, off_s }));
    const d = await daily(inOrder);
    expect(d).toEqual(await daily(shuffled));
    // Closed segments only (the final off is still open): idle 30 min (dated back over the on-delay),
    // working 90, idle 19.5 (to the last reading before the outage), unknown 30.5, working 60.
    expect(d).toEqual([{ day: '2026-11-25', on_s: 11_970, working_s: 9_000, unknown_s: 1_830, off_s: 1_800 }]);
    const monthly = await rows<{ on_s: number }>(
      sql`select on_s from power_monthly where instrument_id = ${inOrder} and month = '2026-11-01'`,
    );
    expect(monthly.rows[0]?.on_s).toBe(11_970);
    // The board hears the state at the end of each group commit whenever it changed (delivered with
    // the commit through LISTEN/NOTIFY, so a moment later).
    const mine = () => events.filter((e) => e.instrumentId === inOrder).map((e) => e.state);
    await expect.poll(() => mine().at(-1), { timeout: 5000 }).toBe('off');
    const heard = mine();
    expect(heard.slice(0, 3)).toEqual(['off', 'idle', 'working']);
    expect(heard.at(-1)).toBe('off');
    expect(heard.every((s, i) => i === 0 || s !== heard[i - 1])).toBe(true);
    const live = await rows<{ state: string }>(
      sql`select state from power_derivation where instrument_id = ${inOrder}`,
    );
    expect(live.rows[0]?.state).toBe('off');
  });

  it('derives the same from concurrent batches of one instrument as from one in-order stream', async () => {
    const [serial, parallel] = [ids[6] as string, ids[7] as string];
    const start = NOW.getTime() - 4 * 3_600_000;
    const p = (i: number) => (i % 240 < 100 ? 2 : i % 240 < 140 ? 45 : 900 + (i % 5));
    const readings = Array.from({ length: 480 }, (_, i) => ({ ts: start + i * 30_000, p: p(i) }));
    for (let i = 0; i < readings.length; i += 40) await ingest([msg(serial, 'dev-serial', readings.slice(i, i + 40))]);
    // Two batches in flight at once (a second commit, or a second ingester), readings interleaved
    // in time between them, some in both: on PostgreSQL they insert in parallel and derive in turn.
    for (let i = 0; i < readings.length; i += 40) {
      const chunk = readings.slice(i, i + 40);
      const outs = await Promise.all([
        ingest([
          msg(
            parallel,
            'dev-par',
            chunk.filter((_, k) => k % 2 === 0),
          ),
        ]),
        ingest([
          msg(
            parallel,
            'dev-par',
            chunk.filter((_, k) => k % 2 === 1 || k === 0),
          ),
        ]),
      ]);
      const total = outs.flat().reduce((a, o) => ({ s: a.s + o.stored, d: a.d + o.duplicates }), { s: 0, d: 0 });
      expect(total).toEqual({ s: chunk.length, d: 1 });
    }
    const segs = async (id: string) =>
      (
        await rows<{ state: string; s: string; e: string }>(
          sql`select state, start_at::text as s, end_at::text as e from power_intervals where instrument_id = ${id} order by start_at`,
        )
      ).rows.map((r) => `${r.state} ${r.s} ${r.e}`);
    const expected = await segs(serial);
    expect(expected.length).toBeGreaterThan(3);
    expect(await segs(parallel)).toEqual(expected);
    const daily = async (id: string) =>
      (await rows<{ on_s: number }>(sql`select on_s from power_daily where instrument_id = ${id} order by day`)).rows;
    expect(await daily(parallel)).toEqual(await daily(serial));
  });

  it("tells this process's live board about changes another process committed", async () => {
    // A second telemetry module on the same database: what a separate `npm run ingester` process is.
    const ingester = createTelemetryModule({ db: t.database.db, clock: t.clock }).service;
    const heard: StateEvent[] = [];
    const listener = (e: StateEvent) => heard.push(e);
    t.services.telemetry.service.events.on('state', listener);
    const id = ids[2] as string;
    const ts = NOW.getTime() - 600_000;
    await ingester.ingest([msg(id, 'dev-other', [{ ts, p: 900 }])]);
    await expect
      .poll(() => heard.find((e) => e.instrumentId === id), { timeout: 5000 })
      .toMatchObject({
        state: 'working',
        since: new Date(ts),
        powerW: 900,
      });
    t.services.telemetry.service.events.off('state', listener);
  });

  it('creates partitions ahead and drops the ones past retention', async () => {
    const svc = t.services.telemetry.service;
    const first = await svc.maintainPartitions();
    expect(first.dropped).toBe(0);
    t.clock.set(new Date(NOW.getTime() + 40 * 86_400_000));
    const later = await svc.maintainPartitions();
    expect(later.dropped).toBeGreaterThan(0);
    const left = await rows<{ n: number }>(sql`select count(*)::int as n from telemetry_readings`);
    expect(left.rows[0]?.n).toBe(0);
    // Ingest still works on the fresh partitions.
    const out = await ingest([msg(ids[5] as string, 'dev-z', { ts: t.clock.now().getTime() - 1000, p: 1 })]);
    expect(out[0]?.stored).toBe(1);
    t.clock.set(NOW);
  });
});
