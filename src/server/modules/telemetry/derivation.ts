import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { intervalsOverlapping } from './intervals.sql.js';
import {
  DEFAULT_LEVELS,
  derive,
  EMPTY_STATE,
  type MachineState,
  type PowerLevels,
  type PowerState,
  type Reading,
  restartAt,
  type Segment,
} from './power.machine.js';

/**
 * The database side of derivation: loads each instrument's machine state (row-locked, so two
 * ingesters never derive one instrument at once), runs the pure machine, writes closed segments,
 * the open end, and the daily/monthly roll-ups of the days touched. Live ingestion, late readings
 * and reprocessing all go through `rederive`/`advance` here.
 */

/** epoch-ms parameter → timestamptz, exact to the millisecond on both PGlite and PostgreSQL. */
export const msToTs = (ms: SQL | number) => sql`('epoch'::timestamptz + (${ms})::float8 * interval '1 millisecond')`;
export const tsToMs = (col: SQL) => sql`(extract(epoch from ${col}) * 1000)::float8`;
const arr = (v: unknown[]) => sql.param(v);

export interface Derivation {
  instrumentId: string;
  levels: PowerLevels;
  levelsVersion: number;
  machine: MachineState;
}

type Row = Record<string, unknown>;
export const rowsOf = <T = Row>(result: unknown) => (result as { rows: T[] }).rows;
const rows = async <T = Row>(tx: Tx, q: SQL) => rowsOf<T>(await tx.execute(q));

export function levelsOrDefault(r: Row | undefined, defaults: PowerLevels): { levels: PowerLevels; version: number } {
  if (!r || r.version === null || r.version === undefined) return { levels: defaults, version: 0 };
  return {
    version: Number(r.version),
    levels: {
      idleW: Number(r.idle_w),
      workingW: Number(r.working_w),
      hysteresisW: Number(r.hysteresis_w),
      onDelayS: Number(r.on_delay_s),
      offDelayS: Number(r.off_delay_s),
      offlineAfterS: Number(r.offline_after_s),
    },
  };
}

/**
 * The last reading each instrument's derivation has seen, read without locking (a hint: readings
 * after it cannot be stored yet, unless a concurrent batch stores them first, which the insert's
 * row count reveals). Instruments never derived are absent.
 */
export async function lastSeen(tx: Tx, instrumentIds: string[]): Promise<Map<string, number | null>> {
  const found = await rows<{ id: string; last_ts: number | null }>(
    tx,
    sql`select instrument_id::text as id, ${tsToMs(sql`last_ts`)} as last_ts from power_derivation
        where instrument_id = any(${arr(instrumentIds)}::uuid[])`,
  );
  return new Map(found.map((r) => [r.id, r.last_ts === null ? null : Number(r.last_ts)]));
}

/** Locks (creating when missing) the derivation rows of these instruments, in id order to avoid deadlocks. */
export async function lockDerivations(
  tx: Tx,
  instrumentIds: string[],
  now: Date,
  defaults: PowerLevels,
): Promise<Map<string, Derivation>> {
  const ids = [...new Set(instrumentIds)].sort();
  await tx.execute(sql`
    insert into power_derivation (instrument_id, updated_at)
    select id, ${now} from unnest(${arr(ids)}::uuid[]) as u(id) order by id
    on conflict (instrument_id) do nothing`);
  const found = await rows(
    tx,
    sql`
    select d.instrument_id::text as instrument_id, d.state, d.pending_state,
      ${tsToMs(sql`d.since`)} as since, ${tsToMs(sql`d.pending_since`)} as pending_since,
      ${tsToMs(sql`d.last_ts`)} as last_ts, d.last_p,
      l.version, l.idle_w, l.working_w, l.hysteresis_w, l.on_delay_s, l.off_delay_s, l.offline_after_s
    from power_derivation d
    left join lateral (
      select * from instrument_power_levels l where l.instrument_id = d.instrument_id order by version desc limit 1
    ) l on true
    where d.instrument_id = any(${arr(ids)}::uuid[])
    order by d.instrument_id
    for update of d`,
  );
  const out = new Map<string, Derivation>();
  for (const r of found) {
    const { levels, version } = levelsOrDefault(r, defaults);
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    out.set(r.instrument_id as string, {
      instrumentId: r.instrument_id as string,
      levels,
      levelsVersion: version,
      machine: {
        state: (r.state as PowerState | null) ?? null,
        since: num(r.since),
        pending: (r.pending_state as PowerState | null) ?? null,
        pendingSince: num(r.pending_since),
        lastTs: num(r.last_ts),
        lastP: num(r.last_p),
      },
    });
  }
  return out;
}

/** One instrument's derivation result, to be written by `writeResults`. */
export interface DerivedChange {
  instrumentId: string;
  deviceId: string | null;
  closed: Segment[];
  machine: MachineState;
  /** Segments starting at or after this were deleted and rewritten (re-derivation), epoch ms. */
  rewrittenFrom: number | null;
}

/**
 * Moves an instrument forward with new readings. Readings all after the last one seen take the fast
 * path; any reading at or before it (late, out of order) re-derives from stored readings.
 */
export async function advance(tx: Tx, d: Derivation, readings: Reading[]): Promise<Omit<DerivedChange, 'deviceId'>> {
  const m = d.machine;
  const earliest = Math.min(...readings.map((r) => r.ts));
  if (m.lastTs === null || earliest > m.lastTs) {
    const { closed, state } = derive(d.levels, m, readings);
    return { instrumentId: d.instrumentId, closed, machine: state, rewrittenFrom: null };
  }
  return rederive(tx, d, earliest - restartMarginMs(d.levels));
}

/**
 * A transition is only final once its delay has passed and a reading confirmed it, which is at most
 * the longer delay plus the offline timeout after the segment starts; restarting from a segment that
 * starts earlier than that before the changed reading reproduces live derivation exactly.
 */
export const restartMarginMs = (l: PowerLevels) => (Math.max(l.onDelayS, l.offDelayS) + l.offlineAfterS) * 1000 + 1;

/**
 * Rebuilds an instrument's segments from the latest committed segment starting at or before
 * `target` (ms), using stored readings; with `reset`, starts afresh at the first reading ≥ target
 * instead (reprocessing with new levels, where the old state means nothing).
 */
export async function rederive(
  tx: Tx,
  d: Derivation,
  target: number,
  reset = false,
): Promise<Omit<DerivedChange, 'deviceId'>> {
  let from: MachineState = EMPTY_STATE;
  let start: number | null = null;
  if (!reset) {
    const m = d.machine;
    if (m.state !== null && m.since !== null && m.since <= target) {
      from = restartAt(m.state, m.since);
      start = m.since;
    } else {
      const [seg] = await rows<{ state: PowerState; start_ms: number }>(
        tx,
        sql`select state, ${tsToMs(sql`start_at`)} as start_ms from power_intervals
            where instrument_id = ${d.instrumentId} and state <> 'unknown' and start_at <= ${msToTs(target)}
            order by start_at desc limit 1`,
      );
      if (seg) {
        from = restartAt(seg.state, Number(seg.start_ms));
        start = Number(seg.start_ms);
      }
    }
  }
  const readings = (
    await rows<{ ts: number; p: number }>(
      tx,
      sql`select ${tsToMs(sql`ts`)} as ts, p from telemetry_readings
          where instrument_id = ${d.instrumentId} ${start === null ? (reset ? sql`and ts >= ${msToTs(target)}` : sql``) : sql`and ts >= ${msToTs(start)}`}
          order by ts`,
    )
  ).map((r) => ({ ts: Number(r.ts), p: Number(r.p) }));
  // Nothing stored from there on (e.g. reprocessing a silent period): leave everything as it is.
  if (readings.length === 0)
    return { instrumentId: d.instrumentId, closed: [], machine: d.machine, rewrittenFrom: null };
  // Without a committed segment to restart from (a young instrument, or a reset), derive from the
  // first stored reading; segments from there on are replaced, earlier ones end where it begins.
  const rewriteFrom = start ?? readings[0]?.ts ?? target;
  await tx.execute(
    sql`delete from power_intervals where instrument_id = ${d.instrumentId} and start_at >= ${msToTs(rewriteFrom)}`,
  );
  if (start === null)
    // After the delete only the last segment starting before rewriteFrom can reach past it.
    await tx.execute(sql`update power_intervals set end_at = ${msToTs(rewriteFrom)}
      where instrument_id = ${d.instrumentId} and end_at > ${msToTs(rewriteFrom)}
        and start_at = (select max(start_at) from power_intervals where instrument_id = ${d.instrumentId})`);
  const { closed, state } = derive(d.levels, from, readings);
  return { instrumentId: d.instrumentId, closed, machine: state, rewrittenFrom: rewriteFrom };
}

/** Writes closed segments, the open ends and the roll-ups of every touched day, a few statements for the lot. */
export async function writeResults(tx: Tx, changes: DerivedChange[], now: Date, timezone: string): Promise<void> {
  if (changes.length === 0) return;
  const segs = changes.flatMap((c) => c.closed.map((s) => ({ id: c.instrumentId, ...s })));
  if (segs.length) {
    await tx.execute(sql`
      insert into power_intervals (instrument_id, start_at, end_at, state)
      select id, ${msToTs(sql`s`)}, ${msToTs(sql`e`)}, st
      from unnest(${arr(segs.map((s) => s.id))}::uuid[], ${arr(segs.map((s) => s.start))}::float8[],
                  ${arr(segs.map((s) => s.end))}::float8[], ${arr(segs.map((s) => s.state))}::text[]) as u(id, s, e, st)
      on conflict (instrument_id, start_at) do update set end_at = excluded.end_at, state = excluded.state`);
  }
  const m = changes.map((c) => c.machine);
  await tx.execute(sql`
    update power_derivation d set
      state = u.state, pending_state = u.pending_state,
      since = ${msToTs(sql`u.since`)}, pending_since = ${msToTs(sql`u.pending_since`)},
      last_ts = ${msToTs(sql`u.last_ts`)}, last_p = u.last_p,
      device_id = coalesce(u.device_id, d.device_id), updated_at = ${now}
    from unnest(${arr(changes.map((c) => c.instrumentId))}::uuid[], ${arr(m.map((x) => x.state))}::text[],
                ${arr(m.map((x) => x.pending))}::text[], ${arr(m.map((x) => x.since))}::float8[],
                ${arr(m.map((x) => x.pendingSince))}::float8[], ${arr(m.map((x) => x.lastTs))}::float8[],
                ${arr(m.map((x) => x.lastP))}::float8[], ${arr(changes.map((c) => c.deviceId))}::text[])
      as u(id, state, pending_state, since, pending_since, last_ts, last_p, device_id)
    where d.instrument_id = u.id`);
  // Roll-ups change only where segments closed or were rewritten.
  const touched: { id: string; from: number; to: number }[] = [];
  for (const c of changes) {
    const starts = c.closed.map((s) => s.start);
    const ends = c.closed.map((s) => s.end);
    if (c.rewrittenFrom !== null) starts.push(c.rewrittenFrom);
    if (c.rewrittenFrom !== null && c.machine.lastTs !== null) ends.push(c.machine.lastTs);
    if (starts.length === 0) continue;
    touched.push({ id: c.instrumentId, from: Math.min(...starts), to: Math.max(...ends, ...starts) });
  }
  await refreshRollups(tx, touched, timezone);
}

/** Recomputes power_daily for the local days of each range and power_monthly for their months. */
export async function refreshRollups(
  tx: Tx,
  touched: { id: string; from: number; to: number }[],
  timezone: string,
): Promise<void> {
  if (touched.length === 0) return;
  const ranges = sql`(select id, (${msToTs(sql`f`)} at time zone ${timezone})::date as d0,
      (${msToTs(sql`t`)} at time zone ${timezone})::date as d1
    from unnest(${arr(touched.map((x) => x.id))}::uuid[], ${arr(touched.map((x) => x.from))}::float8[],
                ${arr(touched.map((x) => x.to))}::float8[]) as u(id, f, t))`;
  await tx.execute(sql`
    delete from power_daily p using ${ranges} r
    where p.instrument_id = r.id and p.day between r.d0 and r.d1`);
  await tx.execute(sql`
    insert into power_daily (instrument_id, day, on_s, working_s, unknown_s, off_s)
    select days.id, days.day,
      round(coalesce(sum(x.secs) filter (where x.state in ('idle', 'working')), 0))::int,
      round(coalesce(sum(x.secs) filter (where x.state = 'working'), 0))::int,
      round(coalesce(sum(x.secs) filter (where x.state = 'unknown'), 0))::int,
      round(coalesce(sum(x.secs) filter (where x.state = 'off'), 0))::int
    from (
      select distinct r.id, g::date as day, (g at time zone ${timezone}) as t0, ((g + interval '1 day') at time zone ${timezone}) as t1
      from ${ranges} r, generate_series(r.d0::timestamp, r.d1::timestamp, interval '1 day') g
    ) days
    join lateral (
      select i.state, extract(epoch from least(i.end_at, days.t1) - greatest(i.start_at, days.t0))::float8 as secs
      from ${intervalsOverlapping(sql`select days.id`, sql`days.t0`, sql`days.t1`)} i
    ) x on true
    group by days.id, days.day
    on conflict (instrument_id, day) do update set on_s = excluded.on_s, working_s = excluded.working_s,
      unknown_s = excluded.unknown_s, off_s = excluded.off_s`);
  const months = sql`(select distinct id, date_trunc('month', d0)::date as m0, date_trunc('month', d1)::date as m1 from ${ranges} r)`;
  await tx.execute(sql`
    delete from power_monthly p using ${months} r
    where p.instrument_id = r.id and p.month between r.m0 and r.m1`);
  await tx.execute(sql`
    insert into power_monthly (instrument_id, month, on_s, working_s, unknown_s, off_s)
    select d.instrument_id, date_trunc('month', d.day)::date, sum(d.on_s), sum(d.working_s), sum(d.unknown_s), sum(d.off_s)
    from power_daily d join ${months} r on d.instrument_id = r.id
      and d.day >= r.m0 and d.day < (r.m1 + interval '1 month')::date
    group by 1, 2
    on conflict (instrument_id, month) do update set on_s = excluded.on_s, working_s = excluded.working_s,
      unknown_s = excluded.unknown_s, off_s = excluded.off_s`);
}

export const defaultLevels = (offlineAfterS?: number): PowerLevels => ({
  ...DEFAULT_LEVELS,
  offlineAfterS: offlineAfterS ?? DEFAULT_LEVELS.offlineAfterS,
});
