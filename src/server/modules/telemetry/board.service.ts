import type { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { boardQuery, boardResponse, traceResponse } from '../../../shared/api/telemetry.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../identity/actor.js';
import { levelsOrDefault, rowsOf, tsToMs } from './derivation.js';
import type { StateEvent } from './ingest.js';
import { intervalsOverlapping } from './intervals.sql.js';
import type { PowerLevels, Segment } from './power.machine.js';
import { instrumentFor, readableInstruments } from './scope.js';

type BoardItem = z.infer<typeof boardResponse>['items'][number];
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The live board, power traces, and the offline sweep that tells the board when sensors fall silent. */
export function createBoardService(deps: {
  db: Db;
  clock: Clock;
  defaults: PowerLevels;
  retentionDays: number;
  events: EventEmitter;
}) {
  const { db, clock } = deps;
  const offlineSql = sql`coalesce((select l.offline_after_s from instrument_power_levels l
      where l.instrument_id = d.instrument_id order by l.version desc limit 1), ${deps.defaults.offlineAfterS})`;
  const boardOfflineSql = sql`(select l.offline_after_s from instrument_power_levels l
      where l.instrument_id = i.id order by l.version desc limit 1)`;
  /** Instruments the sweep has already announced as offline, so each silence is told once. */
  const announcedOffline = new Set<string>();

  async function board(actor: Actor, q: z.infer<typeof boardQuery>): Promise<z.infer<typeof boardResponse>> {
    const now = clock.now();
    const where = readableInstruments(actor, 'telemetry.read', q);
    // Connected = has an active sensor; instruments whose sensor has not reported yet show "never".
    // Instruments that reported before but have no active sensor now stay listed (as offline).
    const found = rowsOf<Record<string, unknown>>(
      await db.execute(sql`
        select i.id::text as id, i.name_zh, i.name_en, i.organisation_id::text as org_id, o.name as org_name, i.region_code,
          d.state, ${tsToMs(sql`d.since`)} as since, ${tsToMs(sql`d.last_ts`)} as last_ts, d.last_p,
          coalesce(dv.id, d.device_id) as device_id,
          coalesce(${boardOfflineSql}, ${deps.defaults.offlineAfterS}) as offline_after_s
        from instruments i
        join organisations o on o.id = i.organisation_id
        left join devices dv on dv.instrument_id = i.id and dv.status = 'active'
        left join power_derivation d on d.instrument_id = i.id
        where (dv.id is not null or d.instrument_id is not null) and ${where}
        order by i.region_code, o.name, i.name_zh`),
    );
    const items: BoardItem[] = found.map((r) => {
      const lastTs = num(r.last_ts);
      const offline = lastTs !== null && now.getTime() - lastTs > Number(r.offline_after_s) * 1000;
      const state: BoardItem['state'] =
        lastTs === null || !r.state ? 'never' : offline ? 'offline' : (r.state as BoardItem['state']);
      return {
        instrumentId: r.id as string,
        nameZh: r.name_zh as string,
        nameEn: (r.name_en as string | null) ?? null,
        organisationId: r.org_id as string,
        organisationName: r.org_name as string,
        regionCode: r.region_code as string,
        state,
        since: iso(offline ? lastTs : num(r.since)),
        lastSeenAt: iso(lastTs),
        powerW: offline ? null : num(r.last_p),
        deviceId: (r.device_id as string | null) ?? null,
      };
    });
    const filtered = q.state ? items.filter((i) => i.state === q.state) : items;
    const counts = { working: 0, idle: 0, off: 0, offline: 0, never: 0 };
    for (const i of items) counts[i.state]++;
    return { at: now.toISOString(), items: filtered, counts };
  }

  /** Announces instruments that went silent past their offline timeout since the last sweep. */
  async function sweepOffline(): Promise<number> {
    const now = clock.now().getTime();
    const silent = rowsOf<{ id: string; last_ts: number }>(
      await db.execute(sql`
        select d.instrument_id::text as id, ${tsToMs(sql`d.last_ts`)} as last_ts
        from power_derivation d
        where d.last_ts is not null
          and d.last_ts < ${new Date(now)}::timestamptz - ${offlineSql} * interval '1 second'`),
    );
    const silentIds = new Set(silent.map((s) => s.id));
    for (const id of announcedOffline) if (!silentIds.has(id)) announcedOffline.delete(id);
    let told = 0;
    for (const s of silent) {
      if (announcedOffline.has(s.id)) continue;
      announcedOffline.add(s.id);
      told++;
      deps.events.emit('state', {
        instrumentId: s.id,
        state: 'offline',
        since: new Date(Number(s.last_ts)),
      } satisfies StateEvent);
    }
    return told;
  }

  async function trace(
    actor: Actor,
    instrumentId: string,
    q: { from: string; to: string; points: number },
  ): Promise<z.infer<typeof traceResponse>> {
    await instrumentFor(db, actor, instrumentId, 'telemetry.read');
    const from = new Date(q.from);
    const to = new Date(q.to);
    const spanMs = to.getTime() - from.getTime();
    if (!(spanMs > 0) || spanMs > 366 * 86_400_000) throw new AppError('TELEMETRY_PERIOD_INVALID', { maxDays: 366 });
    const [countRow] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from telemetry_readings
        where instrument_id = ${instrumentId} and ts >= ${from} and ts < ${to}`),
    );
    const raw = Number(countRow?.n ?? 0) <= q.points;
    const bucketSeconds = raw ? 0 : Math.ceil(spanMs / 1000 / q.points);
    const readings = rowsOf<{ ts: number; p: number; pmin: number; pmax: number }>(
      await db.execute(
        raw
          ? sql`select ${tsToMs(sql`ts`)} as ts, p, coalesce(p_min, p) as pmin, coalesce(p_max, p) as pmax
              from telemetry_readings where instrument_id = ${instrumentId} and ts >= ${from} and ts < ${to} order by ts`
          : sql`select (floor(extract(epoch from ts) / ${bucketSeconds}) * ${bucketSeconds} * 1000)::float8 as ts,
                avg(p)::float8 as p, min(coalesce(p_min, p))::float8 as pmin, max(coalesce(p_max, p))::float8 as pmax
              from telemetry_readings where instrument_id = ${instrumentId} and ts >= ${from} and ts < ${to}
              group by 1 order by 1`,
      ),
    ).map((r) => ({
      ts: new Date(Number(r.ts)).toISOString(),
      p: Math.round(Number(r.p) * 10) / 10,
      pMin: Math.round(Number(r.pmin) * 10) / 10,
      pMax: Math.round(Number(r.pmax) * 10) / 10,
    }));
    const intervals = rowsOf<{ state: string; s: number; e: number }>(
      await db.execute(sql`select state, ${tsToMs(sql`start_at`)} as s, ${tsToMs(sql`end_at`)} as e
        from ${intervalsOverlapping(sql`select ${instrumentId}::uuid`, sql`${from}`, sql`${to}`)} p
        order by start_at`),
    ).map((r) => ({
      state: r.state as Segment['state'],
      start: new Date(Number(r.s)).toISOString(),
      end: new Date(Number(r.e)).toISOString(),
      open: false,
    }));
    const [live] = rowsOf<Record<string, unknown>>(
      await db.execute(sql`select d.state, ${tsToMs(sql`d.since`)} as since, ${tsToMs(sql`d.last_ts`)} as last_ts,
          l.version, l.idle_w, l.working_w, l.hysteresis_w, l.on_delay_s, l.off_delay_s, l.offline_after_s
        from (select ${instrumentId}::uuid as instrument_id) x
        left join power_derivation d on d.instrument_id = x.instrument_id
        left join lateral (select * from instrument_power_levels l where l.instrument_id = x.instrument_id
          order by version desc limit 1) l on true`),
    );
    const { levels, version } = levelsOrDefault(live, deps.defaults);
    const since = num(live?.since);
    const lastTs = num(live?.last_ts);
    if (live?.state && since !== null && lastTs !== null) {
      // The open segment (still running), then, if the sensor has gone quiet, unknown time up to now.
      if (lastTs > from.getTime() && since < to.getTime())
        intervals.push({
          state: live.state as 'off',
          start: iso(since) as string,
          end: iso(lastTs) as string,
          open: true,
        });
      const now = clock.now().getTime();
      if (now - lastTs > levels.offlineAfterS * 1000 && lastTs < to.getTime())
        intervals.push({
          state: 'unknown',
          start: iso(lastTs) as string,
          end: new Date(Math.min(now, to.getTime())).toISOString(),
          open: true,
        });
    }
    const bookings = rowsOf<{ id: string; s: number; e: number; status: string; org: string }>(
      await db.execute(sql`select b.id::text as id, ${tsToMs(sql`b.start_at`)} as s, ${tsToMs(sql`b.end_at`)} as e,
          b.status, o.name as org
        from bookings b join organisations o on o.id = b.organisation_id
        where b.instrument_id = ${instrumentId} and b.end_at > ${from} and b.start_at < ${to}
          and b.status not in ('cancelled', 'rejected')
        order by b.start_at`),
    ).map((b) => ({
      id: b.id,
      start: new Date(Number(b.s)).toISOString(),
      end: new Date(Number(b.e)).toISOString(),
      status: b.status,
      organisationName: b.org,
    }));
    return {
      instrumentId,
      from: from.toISOString(),
      to: to.toISOString(),
      bucketSeconds,
      readings,
      intervals,
      bookings,
      levels: { ...levels, version },
      retentionDays: deps.retentionDays,
    };
  }

  /** Where an instrument sits, for filtering stream events by the subscriber's scope. */
  async function placeOf(instrumentId: string) {
    const [r] = rowsOf<{ org: string; region: string }>(
      await db.execute(
        sql`select organisation_id::text as org, region_code as region from instruments where id = ${instrumentId}`,
      ),
    );
    return r ? { organisationId: r.org, regionCode: r.region } : null;
  }

  return { board, sweepOffline, trace, placeOf };
}
export type BoardService = ReturnType<typeof createBoardService>;
