import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  headlineResponse,
  hoursQuery,
  monthlyHoursResponse,
  organisationHoursResponse,
} from '../../../shared/api/telemetry.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { rowsOf } from './derivation.js';
import { regionPrefix } from './scope.js';

const hours = (s: unknown) => Math.round((Number(s ?? 0) / 3600) * 10) / 10;

/**
 * Power-on hours for a year by month, by organisation, and the headline figure, answered from the
 * monthly roll-ups plus each instrument's open segment (one row per instrument); never from
 * intervals or readings, so a province-year stays well under a second.
 */
export function createHoursService(deps: { db: Db; clock: Clock; timezone: string }) {
  const { db, timezone: tz } = deps;

  /** Per instrument and local month: on / working / unknown / any seconds, roll-ups plus open segments. */
  function rows(year: number, q: { regionCode?: string; organisationId?: string; instrumentId?: string }): SQL {
    const prefix = regionPrefix(q.regionCode);
    const conds: SQL[] = [sql`true`];
    if (prefix) conds.push(sql`i.region_code like ${`${prefix}%`}`);
    if (q.organisationId) conds.push(sql`i.organisation_id = ${q.organisationId}`);
    if (q.instrumentId) conds.push(sql`i.id = ${q.instrumentId}`);
    const y0 = sql`(make_date(${year}::int, 1, 1)::timestamp at time zone ${tz})`;
    const y1 = sql`(make_date(${year}::int + 1, 1, 1)::timestamp at time zone ${tz})`;
    return sql`(
      select m.instrument_id, i.organisation_id, to_char(m.month, 'YYYY-MM') as month,
        m.on_s::float8 as on_s, m.working_s::float8 as working_s, m.unknown_s::float8 as unknown_s,
        (m.on_s + m.unknown_s + m.off_s)::float8 as any_s
      from power_monthly m join instruments i on i.id = m.instrument_id
      where ${sql.join(conds, sql` and `)}
        and m.month >= make_date(${year}::int, 1, 1) and m.month < make_date(${year}::int + 1, 1, 1)
      union all
      select d.instrument_id, i.organisation_id, to_char(g, 'YYYY-MM'),
        case when d.state in ('idle', 'working') then x.secs else 0 end,
        case when d.state = 'working' then x.secs else 0 end, 0, x.secs
      from power_derivation d join instruments i on i.id = d.instrument_id
      cross join lateral generate_series(
        date_trunc('month', greatest(d.since, ${y0}) at time zone ${tz}),
        date_trunc('month', least(d.last_ts, ${y1}) at time zone ${tz}), interval '1 month') g
      cross join lateral (select extract(epoch from
        least(d.last_ts, ${y1}, (g + interval '1 month') at time zone ${tz}) - greatest(d.since, ${y0}, g at time zone ${tz}))::float8 as secs) x
      where ${sql.join(conds, sql` and `)}
        and d.state is not null and d.last_ts > d.since and d.last_ts > ${y0} and d.since < ${y1}
    )`;
  }

  return {
    async monthly(q: z.infer<typeof hoursQuery>): Promise<z.infer<typeof monthlyHoursResponse>> {
      const r = rows(q.year, q);
      const items = rowsOf<Record<string, unknown>>(
        await db.execute(sql`select month, count(distinct instrument_id) filter (where any_s > 0)::int as n,
            sum(on_s) as on_s, sum(working_s) as working_s, sum(unknown_s) as unknown_s
          from ${r} x group by month order by month`),
      );
      const [total] = rowsOf<Record<string, unknown>>(
        await db.execute(sql`select count(distinct instrument_id) filter (where any_s > 0)::int as n,
            sum(on_s) as on_s, sum(working_s) as working_s, sum(unknown_s) as unknown_s from ${r} x`),
      );
      // Every month of the year, so charts and exports show the empty ones too.
      const byMonth = new Map(items.map((i) => [i.month as string, i]));
      return {
        year: q.year,
        regionCode: q.regionCode ?? null,
        items: Array.from({ length: 12 }, (_, k) => {
          const month = `${q.year}-${String(k + 1).padStart(2, '0')}`;
          const i = byMonth.get(month);
          return {
            month,
            instruments: Number(i?.n ?? 0),
            onHours: hours(i?.on_s),
            workingHours: hours(i?.working_s),
            unknownHours: hours(i?.unknown_s),
          };
        }),
        total: {
          instruments: Number(total?.n ?? 0),
          onHours: hours(total?.on_s),
          workingHours: hours(total?.working_s),
          unknownHours: hours(total?.unknown_s),
        },
      };
    },

    async byOrganisation(q: z.infer<typeof hoursQuery>): Promise<z.infer<typeof organisationHoursResponse>> {
      const r = rows(q.year, q);
      const items = rowsOf<Record<string, unknown>>(
        await db.execute(sql`select o.id::text as id, o.name, o.region_code,
            count(distinct x.instrument_id) filter (where x.any_s > 0)::int as n,
            sum(x.on_s) as on_s, sum(x.working_s) as working_s, sum(x.unknown_s) as unknown_s
          from ${r} x join organisations o on o.id = x.organisation_id
          group by o.id, o.name, o.region_code order by sum(x.on_s) desc, o.name`),
      ).map((i) => ({
        organisationId: i.id as string,
        organisationName: i.name as string,
        regionCode: i.region_code as string,
        instruments: Number(i.n),
        onHours: hours(i.on_s),
        workingHours: hours(i.working_s),
        unknownHours: hours(i.unknown_s),
      }));
      const sum = (f: (i: (typeof items)[number]) => number) =>
        Math.round(items.reduce((a, i) => a + f(i), 0) * 10) / 10;
      return {
        year: q.year,
        regionCode: q.regionCode ?? null,
        items,
        total: {
          instruments: items.reduce((a, i) => a + i.instruments, 0),
          onHours: sum((i) => i.onHours),
          workingHours: sum((i) => i.workingHours),
          unknownHours: sum((i) => i.unknownHours),
        },
      };
    },

    /** "N instruments connected, H power-on hours this year" for a region and year. */
    async headline(q: { year: number; regionCode?: string }): Promise<z.infer<typeof headlineResponse>> {
      const [t] = rowsOf<Record<string, unknown>>(
        await db.execute(sql`select count(distinct instrument_id) filter (where any_s > 0)::int as n,
            sum(on_s) as on_s, sum(working_s) as working_s from ${rows(q.year, q)} x`),
      );
      const now = deps.clock.now();
      // The end of the year in local time (New Year's midnight in TIMEZONE, not UTC).
      const [end] = rowsOf<{ ms: number }>(
        await db.execute(sql`select (extract(epoch from (make_date(${q.year}::int + 1, 1, 1)::timestamp
          at time zone ${tz})) * 1000)::float8 as ms`),
      );
      const yearEnd = new Date(Number(end?.ms));
      return {
        year: q.year,
        regionCode: q.regionCode ?? null,
        connectedInstruments: Number(t?.n ?? 0),
        powerOnHours: Math.round(Number(t?.on_s ?? 0) / 3600),
        workingHours: Math.round(Number(t?.working_s ?? 0) / 3600),
        asOf: (now < yearEnd ? now : yearEnd).toISOString(),
      };
    },
  };
}
export type HoursService = ReturnType<typeof createHoursService>;
