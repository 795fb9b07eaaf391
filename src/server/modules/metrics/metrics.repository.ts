import { sql } from 'drizzle-orm';
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

/**
 * Usage per instrument over a period, from service records (有效/对外机时) and bookings (booked
 * time). Both are summed by the database, one grouped subquery each, never row by row in Node.
 */
export function createMetricsRepository(db: Db) {
  return {
    async usage(from: Date, to: Date, filter: { regionPrefix?: string; organisationId?: string }): Promise<UsageRow[]> {
      const f = from.toISOString();
      const t = to.toISOString();
      const region = filter.regionPrefix ? sql`and i.region_code like ${`${filter.regionPrefix}%`}` : sql``;
      const org = filter.organisationId ? sql`and i.organisation_id = ${filter.organisationId}` : sql``;
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
        where i.share_mode <> 'none' ${region} ${org}
        order by o.name, i.name_zh, i.id`);
      return (result as unknown as { rows: UsageRow[] }).rows;
    },
  };
}
export type MetricsRepository = ReturnType<typeof createMetricsRepository>;
