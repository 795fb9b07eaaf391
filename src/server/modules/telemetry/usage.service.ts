import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { usageItem, usageResponse } from '../../../shared/api/telemetry.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { rowsOf, tsToMs } from './derivation.js';
import { intervalsOverlapping } from './intervals.sql.js';
import { instrumentFor } from './scope.js';
import { segmentsCte, stateSeconds } from './usage.sql.js';

type UsageItem = z.infer<typeof usageItem>;
const MIN = 60_000;
const round1 = (x: number) => Math.round(x * 10) / 10;
/** Booking statuses that mean the instrument was meant to run (requests, refusals and cancellations do not). */
const ACTIVE = ['approved', 'confirmed', 'in_use', 'completed', 'no_show'];

/**
 * Usage verification: what the sensor says about bookings and service records. For each one, the
 * sensor-confirmed working minutes inside it and their share; lists of bookings with no working
 * time ("booked but not run") and working time outside any booking ("ran without a booking").
 * Only instruments with a sensor count: an unconnected instrument proves nothing either way.
 */
export function createUsageService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function scopeCond(actor: Actor, q: { instrumentId?: string; organisationId?: string }): Promise<SQL> {
    if (q.instrumentId) {
      await instrumentFor(db, actor, q.instrumentId, 'telemetry.read');
      return sql`i.id = ${q.instrumentId}`;
    }
    const [org] = rowsOf<{ region_code: string }>(
      await db.execute(sql`select region_code from organisations where id = ${q.organisationId as string}`),
    );
    if (!org) throw new AppError('NOT_FOUND');
    if (!can(actor, 'telemetry.read', { organisationId: q.organisationId, regionCode: org.region_code }))
      throw new AppError('FORBIDDEN');
    return sql`i.organisation_id = ${q.organisationId as string}`;
  }

  /** Bookings and service records in the period (or the one asked for), with their sensor minutes. */
  async function itemsWithMinutes(cond: SQL, from: Date, to: Date, only?: { kind: string; id: string }) {
    const one = only ? sql`and x.kind = ${only.kind} and x.id = ${only.id}` : sql``;
    const period = only ? sql`true` : sql`x.s < ${to} and x.e > ${from}`;
    return rowsOf<Record<string, unknown>>(
      await db.execute(sql`
        with items as (
          select x.* from (
            select 'booking' as kind, b.id, b.instrument_id, b.start_at as s, b.end_at as e, b.status
            from bookings b where b.status = any(${sql.param(ACTIVE)}::text[])
            union all
            select 'service_record', r.id, r.instrument_id, r.started_at,
              r.started_at + (r.prep_minutes + r.measure_minutes + r.post_minutes) * interval '1 minute', null
            from service_records r
          ) x
          join instruments i on i.id = x.instrument_id
          join power_derivation d on d.instrument_id = x.instrument_id
          where ${cond} and ${period} ${one}
        ),
        ${segmentsCte}
        select it.kind, it.id::text as id, it.instrument_id::text as instrument_id, i.name_zh, it.status,
          ${tsToMs(sql`it.s`)} as s, ${tsToMs(sql`it.e`)} as e,
          ${stateSeconds}
        from items it
        join instruments i on i.id = it.instrument_id
        left join segs g on g.instrument_id = it.instrument_id and g.end_at > it.s and g.start_at < it.e
        group by it.kind, it.id, it.instrument_id, i.name_zh, it.status, it.s, it.e
        order by it.s`),
    ).map((r): UsageItem => {
      const minutes = (Number(r.e) - Number(r.s)) / MIN;
      const working = Number(r.working_s) / 60;
      return {
        kind: r.kind as UsageItem['kind'],
        id: r.id as string,
        instrumentId: r.instrument_id as string,
        instrumentName: r.name_zh as string,
        start: new Date(Number(r.s)).toISOString(),
        end: new Date(Number(r.e)).toISOString(),
        status: (r.status as string | null) ?? null,
        minutes: round1(minutes),
        workingMinutes: round1(working),
        onMinutes: round1(Number(r.on_s) / 60),
        unknownMinutes: round1(Number(r.unknown_s) / 60),
        overlapShare: minutes > 0 ? Math.round((working / minutes) * 1000) / 1000 : 0,
      };
    });
  }

  return {
    async usage(
      actor: Actor,
      q: { from: string; to: string; instrumentId?: string; organisationId?: string; minMinutes: number },
    ): Promise<z.infer<typeof usageResponse>> {
      const from = new Date(q.from);
      const to = new Date(q.to);
      if (!(to > from) || to.getTime() - from.getTime() > 366 * 86_400_000)
        throw new AppError('TELEMETRY_PERIOD_INVALID', { maxDays: 366 });
      const cond = await scopeCond(actor, q);
      const items = await itemsWithMinutes(cond, from, to);
      const now = clock.now().getTime();
      const bookedNotRun = items.filter(
        (i) => Date.parse(i.end) <= now && i.workingMinutes === 0 && i.unknownMinutes < i.minutes / 2,
      );
      // Working time of the scoped, connected instruments, less what bookings and records cover.
      const working = rowsOf<{ instrument_id: string; name_zh: string; s: number; e: number }>(
        await db.execute(sql`
          select p.instrument_id::text as instrument_id, i.name_zh,
            ${tsToMs(sql`greatest(p.start_at, ${from})`)} as s, ${tsToMs(sql`least(p.end_at, ${to})`)} as e
          from (
            select * from ${intervalsOverlapping(sql`select i.id from instruments i where ${cond}`, sql`${from}`, sql`${to}`)} s
            union all
            select instrument_id, since, last_ts, state from power_derivation where state is not null and last_ts > since
          ) p join instruments i on i.id = p.instrument_id
          where ${cond} and p.state = 'working' and p.end_at > ${from} and p.start_at < ${to}
          order by p.instrument_id, p.start_at`),
      );
      const covered = new Map<string, [number, number][]>();
      for (const i of items) {
        const list = covered.get(i.instrumentId) ?? [];
        list.push([Date.parse(i.start), Date.parse(i.end)]);
        covered.set(i.instrumentId, list);
      }
      const ranWithoutBooking = working
        .map((w) => {
          const s = Number(w.s);
          const e = Number(w.e);
          let inside = 0;
          for (const [cs, ce] of covered.get(w.instrument_id) ?? [])
            inside += Math.max(0, Math.min(e, ce) - Math.max(s, cs));
          return {
            instrumentId: w.instrument_id,
            instrumentName: w.name_zh,
            start: new Date(s).toISOString(),
            end: new Date(e).toISOString(),
            minutes: round1(Math.max(0, e - s - inside) / MIN),
          };
        })
        .filter((w) => w.minutes >= q.minMinutes && w.minutes > 0);
      return { from: from.toISOString(), to: to.toISOString(), items, bookedNotRun, ranWithoutBooking };
    },

    /** The verification of one booking or service record. */
    async one(actor: Actor, kind: 'booking' | 'service_record', id: string): Promise<UsageItem> {
      const table = kind === 'booking' ? sql`bookings` : sql`service_records`;
      const [row] = rowsOf<{ instrument_id: string }>(
        await db.execute(sql`select instrument_id::text as instrument_id from ${table} where id = ${id}`),
      );
      if (!row) throw new AppError('NOT_FOUND');
      await instrumentFor(db, actor, row.instrument_id, 'telemetry.read');
      const [item] = await itemsWithMinutes(sql`i.id = ${row.instrument_id}`, new Date(0), new Date(0), { kind, id });
      // Not found here: the instrument has no sensor, or the booking is not one that was meant to run.
      if (!item) throw new AppError('NOT_FOUND');
      return item;
    },
  };
}
export type UsageService = ReturnType<typeof createUsageService>;
