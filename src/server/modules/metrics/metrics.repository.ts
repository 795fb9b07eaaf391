import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

export interface UsageRow {
  instrumentId: string;
  nameZh: string;
  organisationId: string;
  organisationName: string;
  regionCode: string;
  purpose: 'general' | 'special';
  effectiveMinutes: number;
  externalMinutes: number;
  bookedMinutes: number;
  services: number;
}

export interface MonthUsageRow {
  month: string;
  effectiveMinutes: number;
  externalMinutes: number;
  bookedMinutes: number;
  services: number;
}

export interface UsageFilter {
  regionPrefix?: string;
  organisationId?: string;
  purpose?: 'general' | 'special';
}

/** Which instruments count: listed for sharing (not share mode none), inside the filter. */
function instrumentScope(filter: UsageFilter): SQL {
  const region = filter.regionPrefix ? sql`and i.region_code like ${`${filter.regionPrefix}%`}` : sql``;
  const org = filter.organisationId ? sql`and i.organisation_id = ${filter.organisationId}` : sql``;
  const purpose = filter.purpose ? sql`and i.purpose = ${filter.purpose}` : sql``;
  return sql`i.share_mode <> 'none' ${region} ${org} ${purpose}`;
}

/*
 * Months are read in the bureau's time zone. Shanghai has kept UTC+8 without daylight saving since
 * 1991, so a fixed shift gives the same months as a zone lookup and needs no tz data in PGlite.
 */
const month = (column: SQL) => sql`to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;

/**
 * Usage per instrument over a period, from service records (有效/对外机时) and bookings (booked
 * time). Both are summed by the database, one grouped subquery each, never row by row in Node.
 */
export function createMetricsRepository(db: Db) {
  return {
    async usage(from: Date, to: Date, filter: UsageFilter): Promise<UsageRow[]> {
      const f = from.toISOString();
      const t = to.toISOString();
      const result = await db.execute(sql`
        select i.id as "instrumentId", i.name_zh as "nameZh", i.organisation_id as "organisationId",
               o.name as "organisationName", i.region_code as "regionCode", i.purpose,
               coalesce(s.effective, 0)::int as "effectiveMinutes", coalesce(s.external, 0)::int as "externalMinutes",
               coalesce(b.booked, 0)::int as "bookedMinutes", coalesce(s.services, 0)::int as services
        from instruments i
        join organisations o on o.id = i.organisation_id
        left join (
          select instrument_id,
                 sum(prep_minutes + measure_minutes + post_minutes) as effective,
                 sum(case when external then prep_minutes + measure_minutes + post_minutes else 0 end) as external,
                 count(*) as services
          from service_records
          where started_at >= ${f}::timestamptz and started_at < ${t}::timestamptz
          group by instrument_id
        ) s on s.instrument_id = i.id
        left join (
          select instrument_id, sum(extract(epoch from (end_at - start_at)) / 60) as booked
          from bookings
          where status in ('confirmed', 'in_use', 'completed')
            and start_at >= ${f}::timestamptz and start_at < ${t}::timestamptz
          group by instrument_id
        ) b on b.instrument_id = i.id
        where ${instrumentScope(filter)}
        order by o.name, i.name_zh, i.id`);
      return (result as unknown as { rows: UsageRow[] }).rows;
    },

    /** The same sums by calendar month (Shanghai), only months with any use. */
    async usageByMonth(from: Date, to: Date, filter: UsageFilter): Promise<MonthUsageRow[]> {
      const f = from.toISOString();
      const t = to.toISOString();
      const scope = instrumentScope(filter);
      const result = await db.execute(sql`
        select coalesce(s.month, b.month) as month,
               coalesce(s.effective, 0)::int as "effectiveMinutes", coalesce(s.external, 0)::int as "externalMinutes",
               coalesce(b.booked, 0)::int as "bookedMinutes", coalesce(s.services, 0)::int as services
        from (
          select ${month(sql`r.started_at`)} as month,
                 sum(r.prep_minutes + r.measure_minutes + r.post_minutes) as effective,
                 sum(case when r.external then r.prep_minutes + r.measure_minutes + r.post_minutes else 0 end) as external,
                 count(*) as services
          from service_records r join instruments i on i.id = r.instrument_id
          where r.started_at >= ${f}::timestamptz and r.started_at < ${t}::timestamptz and ${scope}
          group by 1
        ) s
        full join (
          select ${month(sql`k.start_at`)} as month, sum(extract(epoch from (k.end_at - k.start_at)) / 60) as booked
          from bookings k join instruments i on i.id = k.instrument_id
          where k.status in ('confirmed', 'in_use', 'completed')
            and k.start_at >= ${f}::timestamptz and k.start_at < ${t}::timestamptz and ${scope}
          group by 1
        ) b on b.month = s.month
        order by 1`);
      return (result as unknown as { rows: MonthUsageRow[] }).rows;
    },
  };
}
export type MetricsRepository = ReturnType<typeof createMetricsRepository>;
