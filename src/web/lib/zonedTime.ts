/**
 * Wall-clock arithmetic in an instrument's time zone (the bureau's, Asia/Shanghai, unless its rules
 * say otherwise), whatever zone the browser is in. Days are `YYYY-MM-DD` strings, times `HH:mm`.
 */
export const BUREAU_TZ = 'Asia/Shanghai';

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(tz: string): Intl.DateTimeFormat {
  let f = fmtCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    fmtCache.set(tz, f);
  }
  return f;
}

export interface WallClock {
  day: string;
  /** Minutes since local midnight. */
  minutes: number;
}

/** The wall clock in `tz` at an instant. */
export function wallClock(at: Date | string | number, tz = BUREAU_TZ): WallClock {
  const p: Record<string, string> = {};
  for (const part of fmt(tz).formatToParts(new Date(at))) p[part.type] = part.value;
  return { day: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

function offsetMinutes(tz: string, utcMs: number): number {
  const p: Record<string, string> = {};
  for (const part of fmt(tz).formatToParts(new Date(utcMs))) p[part.type] = part.value;
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** The instant at `day` + `minutes` wall-clock time in `tz` (minutes may be 1440 for midnight after). */
export function zonedInstant(day: string, minutes: number, tz = BUREAU_TZ): Date {
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 0, minutes);
  let at = guess - offsetMinutes(tz, guess) * 60_000;
  at = guess - offsetMinutes(tz, at) * 60_000;
  return new Date(at);
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + n)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay() || 7;
}

/** The Monday of the week a day falls in. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

export function hhmm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
