import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { mulberry32 } from './instruments.generator.js';

/** As the Shaoxing figures: 166 of the region's instruments carry a sensor. */
export const DEMO_CONNECTED = 166;
const DEMO_REGION_PREFIX = '3306';

/**
 * The demo instruments that have a power sensor: a deterministic choice among the demo region's
 * instruments (by asset number, shuffled with a fixed seed), so the telemetry history and the
 * demo devices (provisioned by the devices module) land on the same instruments.
 */
export async function demoConnectedInstruments(db: Db | Tx, count = DEMO_CONNECTED): Promise<string[]> {
  const rows = (
    (await db.execute(sql`select id::text as id from instruments
      where region_code like ${`${DEMO_REGION_PREFIX}%`} order by organisation_id, asset_no`)) as unknown as {
      rows: { id: string }[];
    }
  ).rows.map((r) => r.id);
  const rnd = mulberry32(5166);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [rows[i], rows[j]] = [rows[j] as string, rows[i] as string];
  }
  return rows.slice(0, count);
}

/**
 * A year of power history for the connected demo instruments, written straight as daily and
 * monthly roll-ups (two bulk statements, no readings), so the first start stays quick: about
 * 3.6 power-on hours a day on average, as the bureau's "215,432 hours from 166 instruments".
 */
export async function seedDemoTelemetry(db: Db | Tx, now: Date, timezone = 'Asia/Shanghai'): Promise<number> {
  const ids = await demoConnectedInstruments(db);
  if (ids.length === 0) return 0;
  const rnd = mulberry32(2026_05);
  const inst: string[] = [];
  const day: number[] = [];
  const on: number[] = [];
  const working: number[] = [];
  const unknown: number[] = [];
  for (const id of ids) {
    const busy = 0.4 + rnd() * 1.2; // how much this instrument is used
    for (let d = 365; d >= 1; d--) {
      const weekday = new Date(now.getTime() - d * 86_400_000).getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      const onH = rnd() < (weekend ? 0.75 : 0.12) ? 0 : Math.min(24, (1 + rnd() * 7) * busy * (weekend ? 0.5 : 1));
      const onS = Math.round(onH * 3600);
      const unknownS = rnd() < 0.03 ? Math.round(rnd() * 4 * 3600) : 0;
      inst.push(id);
      day.push(d);
      on.push(onS);
      working.push(Math.round(onS * (0.45 + rnd() * 0.4)));
      unknown.push(Math.min(unknownS, 86_400 - onS));
    }
  }
  await db.execute(sql`
    insert into power_daily (instrument_id, day, on_s, working_s, unknown_s, off_s)
    select id, ((${now}::timestamptz at time zone ${timezone})::date - d), o, w, u, 86400 - o - u
    from unnest(${sql.param(inst)}::uuid[], ${sql.param(day)}::int[], ${sql.param(on)}::int[],
                ${sql.param(working)}::int[], ${sql.param(unknown)}::int[]) as x(id, d, o, w, u)
    on conflict do nothing`);
  await db.execute(sql`
    insert into power_monthly (instrument_id, month, on_s, working_s, unknown_s, off_s)
    select instrument_id, date_trunc('month', day)::date, sum(on_s), sum(working_s), sum(unknown_s), sum(off_s)
    from power_daily where instrument_id = any(${sql.param(ids)}::uuid[])
    group by 1, 2
    on conflict (instrument_id, month) do update set on_s = excluded.on_s, working_s = excluded.working_s,
      unknown_s = excluded.unknown_s, off_s = excluded.off_s`);
  return ids.length;
}
