/**
 * Data set-ups and the two database-only figures of `npm run bench:ingest`: a fleet of real device
 * rows (so the production transport and its bookkeeping run unchanged), the year's power-on hours
 * of 50,000 instruments through the platform's hours service, and long-term bytes per
 * instrument-day of what live derivation keeps for the simulator's realistic traces.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../src/server/db/client.js';
import { systemClock } from '../src/server/lib/clock.js';
import { hashDevicePassword } from '../src/server/modules/devices/device.credentials.js';
import { refreshRollups } from '../src/server/modules/telemetry/derivation.js';
import { createTelemetryModule } from '../src/server/modules/telemetry/index.js';
import { DEFAULT_LEVELS, derive, EMPTY_STATE } from '../src/server/modules/telemetry/power.machine.js';
import { traceDevice } from '../src/server/mqtt/simulator.js';

type Rows<T> = { rows: T[] };
const rows = async <T>(db: Db, q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as Rows<T>).rows;

export const BENCH_PASSWORD = 'bench-password-0123456789abcdefghij';

/** One organisation per 1,000 instruments, in Zhejiang's cities (region codes 3301xx–3311xx). */
async function organisationsAndInstruments(db: Db, tag: string, n: number): Promise<void> {
  const orgs = Math.max(1, Math.ceil(n / 1000));
  await db.execute(sql`
    insert into organisations (credit_code, name, type, region_code, status)
    select 'B' || ${tag} || lpad(g::text, 17 - length(${tag}), '0'), '基准单位' || g, 'university',
      '33' || lpad((1 + g % 11)::text, 2, '0') || '02', 'verified'
    from generate_series(1, ${orgs}) g`);
  await db.execute(sql`
    insert into instruments (organisation_id, asset_no, name_zh, class_code, original_value_fen, booking_rules, region_code)
    select o.id, ${tag} || '-' || g, '基准仪器' || g, '010101', 50000000, '{}'::jsonb, o.region_code
    from generate_series(1, ${n}) g
    join organisations o on o.credit_code = 'B' || ${tag} || lpad((1 + (g - 1) / 1000)::text, 17 - length(${tag}), '0')`);
}

/** `n` instruments, each with an active device `kcd-b…` whose password is BENCH_PASSWORD. */
export async function seedFleet(db: Db, n: number): Promise<{ id: string; instrumentId: string }[]> {
  await organisationsAndInstruments(db, 'FL', n);
  const hash = hashDevicePassword(BENCH_PASSWORD);
  await db.execute(sql`
    insert into devices (id, instrument_id, organisation_id, region_code, secret_hash, credentials_issued_at, created_at, updated_at)
    select 'kcd-b' || lpad(row_number() over (order by i.asset_no)::text, 11, '0'), i.id, i.organisation_id, i.region_code,
      ${hash}, now(), now(), now()
    from instruments i where i.asset_no like 'FL-%'`);
  await db.execute(sql`
    insert into device_fittings (device_id, instrument_id, from_at) select id, instrument_id, now() from devices`);
  return (
    await rows<{ id: string; instrument_id: string }>(
      db,
      sql`select id, instrument_id::text from devices where id like 'kcd-b%' order by id`,
    )
  ).map((r) => ({ id: r.id, instrumentId: r.instrument_id }));
}

/**
 * 50,000 instruments with a year of monthly roll-ups and an open segment each, then the bureau's
 * question for the province through the hours service (roll-ups plus open segments, never intervals).
 */
export async function provinceYear(
  db: Db,
  year: number,
  instruments = 50_000,
): Promise<{ ms: number; monthlyMs: number; instruments: number; hours: number }> {
  await organisationsAndInstruments(db, 'PV', instruments);
  await db.execute(sql`
    insert into power_monthly (instrument_id, month, on_s, working_s, unknown_s, off_s)
    select i.id, m::date, (random() * 300 * 3600)::int, (random() * 150 * 3600)::int, 0, 0
    from instruments i, generate_series(make_date(${year}, 1, 1), make_date(${year}, 12, 1), interval '1 month') m
    where i.asset_no like 'PV-%'`);
  await db.execute(sql`
    insert into power_derivation (instrument_id, state, since, last_ts, updated_at)
    select i.id, 'idle', make_date(${year}, 12, 31)::timestamptz, make_date(${year}, 12, 31)::timestamptz + interval '2 hours', now()
    from instruments i where i.asset_no like 'PV-%'
    on conflict (instrument_id) do nothing`);
  await db.execute(sql`analyze`);
  const { hours } = createTelemetryModule({ db, clock: systemClock }).service;
  // Warm once (plans, caches), then time the bureau's two screens.
  await hours.headline({ year, regionCode: '330000' });
  const t0 = performance.now();
  const head = await hours.headline({ year, regionCode: '330000' });
  const ms = performance.now() - t0;
  const t1 = performance.now();
  await hours.monthly({ year, regionCode: '330000' });
  const monthlyMs = performance.now() - t1;
  return { ms, monthlyMs, instruments: head.connectedInstruments, hours: head.powerOnHours };
}

/**
 * What live derivation keeps for good (intervals, daily and monthly roll-ups, the live end) for
 * `instruments` simulated instruments over `days` days of 30-s readings, per instrument-day. Written
 * in the order live ingestion writes it: each hour the segments that closed in it, for every
 * instrument at once, and each day's roll-ups once the day is over, so the indexes grow the way they
 * do in production rather than one instrument's history at a time.
 */
export async function longTermBytes(
  db: Db,
  instruments: number,
  days: number,
): Promise<{ bytes: number; perDay: number; intervals: number }> {
  const end = Date.UTC(2026, 5, 1) - 8 * 3_600_000;
  const from = end - days * 86_400_000;
  const ids = (
    await rows<{ id: string }>(db, sql`select gen_random_uuid()::text as id from generate_series(1, ${instruments})`)
  ).map((r) => r.id);
  const segments: { id: string; start: number; end: number; state: string }[] = [];
  const live: { id: string; state: string | null; since: number | null; lastTs: number | null }[] = [];
  for (const [i, id] of ids.entries()) {
    const trace = traceDevice(`kcd-s${i}`, from, end, 9_001 + i);
    const readings = new Map<number, number>();
    for (const m of trace.messages) for (const r of Array.isArray(m.body) ? m.body : [m.body]) readings.set(r.ts, r.p);
    const { closed, state } = derive(
      DEFAULT_LEVELS,
      EMPTY_STATE,
      [...readings].map(([ts, p]) => ({ ts, p })),
    );
    for (const c of closed) segments.push({ id, ...c });
    live.push({ id, state: state.state, since: state.since, lastTs: state.lastTs });
  }
  segments.sort((x, y) => x.end - y.end);
  const HOUR = 3_600_000;
  let next = 0;
  // Roll-ups are rebuilt for every day a newly closed segment touches, as live derivation does.
  let touchedFrom = Number.POSITIVE_INFINITY;
  for (let t = from + HOUR; t <= end; t += HOUR) {
    const hour: typeof segments = [];
    for (; next < segments.length && (segments[next]?.end ?? Number.POSITIVE_INFINITY) <= t; next++)
      hour.push(segments[next] as (typeof segments)[number]);
    if (hour.length) {
      touchedFrom = Math.min(touchedFrom, ...hour.map((x) => x.start));
      await db.execute(sql`
        insert into power_intervals (instrument_id, start_at, end_at, state)
        select id, to_timestamp(s / 1000.0), to_timestamp(e / 1000.0), st
        from unnest(${sql.param(hour.map((x) => x.id))}::uuid[], ${sql.param(hour.map((x) => x.start))}::float8[],
                    ${sql.param(hour.map((x) => x.end))}::float8[], ${sql.param(hour.map((x) => x.state))}::text[]) as u(id, s, e, st)`);
    }
    if ((t - from) % 86_400_000 === 0 && touchedFrom < t) {
      const since = Math.max(from, touchedFrom);
      await db.transaction((tx) =>
        refreshRollups(
          tx,
          ids.map((id) => ({ id, from: since, to: t - 1 })),
          'Asia/Shanghai',
        ),
      );
      touchedFrom = Number.POSITIVE_INFINITY;
      // What autovacuum does for tables rewritten this often: dead roll-up rows become free space.
      await db.execute(sql`vacuum power_daily, power_monthly`);
    }
  }
  for (const l of live)
    await db.execute(sql`
      insert into power_derivation (instrument_id, state, since, last_ts, updated_at)
      values (${l.id}::uuid, ${l.state}, to_timestamp(${l.since}::float8 / 1000), to_timestamp(${l.lastTs}::float8 / 1000), now())`);
  await db.execute(sql`vacuum analyze power_intervals, power_daily, power_monthly, power_derivation`);
  const [size] = await rows<{ b: string }>(
    db,
    sql`select (pg_total_relation_size('power_intervals') + pg_total_relation_size('power_daily')
      + pg_total_relation_size('power_monthly') + pg_total_relation_size('power_derivation'))::text as b`,
  );
  const bytes = Number(size?.b ?? 0);
  return { bytes, perDay: bytes / (instruments * days), intervals: segments.length };
}
