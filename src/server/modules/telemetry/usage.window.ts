import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { rowsOf } from './derivation.js';
import { segmentsCte, stateSeconds } from './usage.sql.js';

export interface SensorWindow {
  instrumentId: string;
  from: Date;
  to: Date;
  minutes: number;
  workingMinutes: number;
  /** Idle + working. */
  onMinutes: number;
  /** Offline spans, plus time no segment covers (the sensor said nothing about it). */
  unknownMinutes: number;
  offMinutes: number;
  /** workingMinutes / minutes, 0–1. */
  overlapShare: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * System-level sensor evidence (no actor; callers authorise): the working, power-on and unknown
 * minutes of one instrument inside [from, to), from the same SQL as usage verification. Null when
 * the instrument had no sensor then (no device fitted during the window and no power data in it):
 * such time is self-reported, neither confirmed nor refuted.
 */
export async function sensorMinutes(
  exec: Db | Tx,
  instrumentId: string,
  from: Date,
  to: Date,
): Promise<SensorWindow | null> {
  const [r] = rowsOf<{
    working_s: number;
    on_s: number;
    unknown_s: number;
    off_s: number;
    segments: number;
    fitted: boolean;
  }>(
    await exec.execute(sql`
      with items as (select ${instrumentId}::uuid as instrument_id, ${from}::timestamptz as s, ${to}::timestamptz as e),
      ${segmentsCte}
      select ${stateSeconds}, count(g.state)::int as segments,
        exists (select 1 from device_fittings f where f.instrument_id = it.instrument_id
          and f.from_at < it.e and (f.to_at is null or f.to_at > it.s)) as fitted
      from items it
      left join segs g on g.instrument_id = it.instrument_id and g.end_at > it.s and g.start_at < it.e
      group by it.instrument_id, it.s, it.e`),
  );
  if (!r || (!r.fitted && Number(r.segments) === 0)) return null;
  const minutes = (to.getTime() - from.getTime()) / 60_000;
  const working = Number(r.working_s) / 60;
  const on = Number(r.on_s) / 60;
  const off = Number(r.off_s) / 60;
  const unknown = Math.max(0, minutes - on - off);
  return {
    instrumentId,
    from,
    to,
    minutes: round1(minutes),
    workingMinutes: round1(working),
    onMinutes: round1(on),
    unknownMinutes: round1(unknown),
    offMinutes: round1(off),
    overlapShare: minutes > 0 ? Math.round((working / minutes) * 1000) / 1000 : 0,
  };
}
