import { type SQL, sql } from 'drizzle-orm';

/**
 * The closed power segments of some instruments that overlap [from, to), as a subquery with
 * power_intervals' columns. An instrument's segments never overlap one another (derivation deletes a
 * tail before writing it again), so those are the segments starting in [from, to) plus the last one
 * starting at or before `from`: two probes of the primary key (instrument_id, start_at) per
 * instrument, however long its history. That is why the table needs no index on end_at (it would
 * double what each segment costs to keep).
 *
 * `instruments` is a query yielding one column of instrument ids; it, `from` and `to` may refer to
 * the enclosing query (a lateral join's outer row), never to the segments themselves.
 */
export function intervalsOverlapping(instruments: SQL, from: SQL, to: SQL): SQL {
  return sql`(select p.instrument_id, p.start_at, p.end_at, p.state
    from (${instruments}) x(instrument_id)
    cross join lateral (select coalesce(max(q.start_at), '-infinity'::timestamptz) as s0 from power_intervals q
      where q.instrument_id = x.instrument_id and q.start_at <= ${from}) b
    join power_intervals p on p.instrument_id = x.instrument_id
      and p.start_at >= b.s0 and p.start_at < ${to} and p.end_at > ${from})`;
}
