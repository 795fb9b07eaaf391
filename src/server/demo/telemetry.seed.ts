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

/** The bureau's quoted figure: power-on hours of the connected instruments in one full year. */
export const DEMO_YEAR_HOURS = 215_432;

/** Calendar parts of a day in the local time zone (the roll-ups' days are local). */
function localDate(at: Date, timezone: string): { y: number; m: number; d: number } {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(at)
    .split('-')
    .map(Number) as [number, number, number];
  return { y, m, d };
}

/**
 * Power history for the connected demo instruments, written straight as daily and monthly roll-ups
 * (two bulk statements, no readings), so the first start stays quick. It covers the whole of last
 * year and this year up to yesterday; last year adds up to exactly the bureau's quoted figure
 * (166 instruments, 215,432 power-on hours), and this year runs at the same pace. Today belongs to
 * the live demo sensors.
 */
export async function seedDemoTelemetry(db: Db | Tx, now: Date, timezone = 'Asia/Shanghai'): Promise<number> {
  const ids = await demoConnectedInstruments(db);
  if (ids.length === 0) return 0;
  const rnd = mulberry32(2026_05);
  const today = localDate(now, timezone);
  // Day numbers as UTC dates of the local calendar (only the calendar matters here).
  const dayMs = 86_400_000;
  const lastYearStart = Date.UTC(today.y - 1, 0, 1);
  const thisYearStart = Date.UTC(today.y, 0, 1);
  const todayStart = Date.UTC(today.y, today.m - 1, today.d);
  const days = Math.round((todayStart - lastYearStart) / dayMs);
  const inst: string[] = [];
  const day: string[] = [];
  const on: number[] = [];
  const working: number[] = [];
  const unknown: number[] = [];
  const lastYear: number[] = [];
  let lastYearS = 0;
  for (const id of ids) {
    const busy = 0.4 + rnd() * 1.2; // how much this instrument is used
    for (let k = 0; k < days; k++) {
      const date = new Date(lastYearStart + k * dayMs);
      const weekday = date.getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      const onH = rnd() < (weekend ? 0.75 : 0.12) ? 0 : (1 + rnd() * 7) * busy * (weekend ? 0.5 : 1);
      const onS = Math.round(onH * 3600);
      if (date.getTime() < thisYearStart) {
        lastYear.push(on.length);
        lastYearS += onS;
      }
      inst.push(id);
      day.push(date.toISOString().slice(0, 10));
      on.push(onS);
      working.push(0.45 + rnd() * 0.4); // working share of the on-time, applied after scaling
      unknown.push(rnd() < 0.03 ? Math.round(rnd() * 4 * 3600) : 0);
    }
  }
  // Scale every day by one factor so last year totals the quoted figure to the second (rounding
  // leftovers go onto last year's busiest days), then derive working and unknown time.
  const factor = (DEMO_YEAR_HOURS * 3600) / lastYearS;
  let leftover = DEMO_YEAR_HOURS * 3600;
  for (let i = 0; i < on.length; i++) on[i] = Math.min(20 * 3600, Math.round((on[i] as number) * factor));
  for (const i of lastYear) leftover -= on[i] as number;
  const busiest = [...lastYear].sort((a, b) => (on[b] as number) - (on[a] as number));
  for (let k = 0; leftover !== 0; k = (k + 1) % busiest.length) {
    const i = busiest[k] as number;
    const step = Math.sign(leftover) * Math.min(Math.abs(leftover), 600);
    on[i] = (on[i] as number) + step;
    leftover -= step;
  }
  for (let i = 0; i < on.length; i++) {
    working[i] = Math.round((on[i] as number) * (working[i] as number));
    unknown[i] = Math.min(unknown[i] as number, 86_400 - (on[i] as number));
  }
  await db.execute(sql`
    insert into power_daily (instrument_id, day, on_s, working_s, unknown_s, off_s)
    select id, d, o, w, u, 86400 - o - u
    from unnest(${sql.param(inst)}::uuid[], ${sql.param(day)}::date[], ${sql.param(on)}::int[],
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
