import { sql } from 'drizzle-orm';
import { intervalsOverlapping } from './intervals.sql.js';

/**
 * The SQL both usage verification (usage.service.ts) and the system-level sensor window
 * (usage.window.ts) run, kept in one place so they cannot disagree.
 *
 * `segmentsCte` needs a CTE named `items` with columns (instrument_id, s, e) before it: it is the
 * closed power segments of those instruments over the items' span, plus each one's open segment.
 * `stateSeconds` sums, for an item aliased `it` joined to segments aliased `g`, the seconds of
 * working, power-on (idle + working), unknown and off time inside [it.s, it.e).
 */
export const segmentsCte = sql`segs as (
  select p.instrument_id, p.start_at, p.end_at, p.state
  from ${intervalsOverlapping(sql`select distinct instrument_id from items`, sql`(select min(s) from items)`, sql`(select max(e) from items)`)} p
  union all
  select d.instrument_id, d.since, d.last_ts, d.state from power_derivation d
  where d.instrument_id in (select instrument_id from items) and d.state is not null and d.last_ts > d.since
)`;

const overlap = sql`extract(epoch from least(g.end_at, it.e) - greatest(g.start_at, it.s))`;
export const stateSeconds = sql`
  coalesce(sum(${overlap}) filter (where g.state = 'working'), 0)::float8 as working_s,
  coalesce(sum(${overlap}) filter (where g.state in ('idle', 'working')), 0)::float8 as on_s,
  coalesce(sum(${overlap}) filter (where g.state = 'unknown'), 0)::float8 as unknown_s,
  coalesce(sum(${overlap}) filter (where g.state = 'off'), 0)::float8 as off_s`;
