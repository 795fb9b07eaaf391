/**
 * What the instrument and booking screens share: labels the shared code does not carry yet, the
 * class tree as cascader options, the rules' slot grid and the client-side half of the booking rules.
 */
import type { instrumentPurposes, instrumentStatuses, shareModes } from '../../shared/api/instruments';
import {
  type BookingRules,
  type BookingViolation,
  bookingRulesSchema,
  formatBookingViolation,
  type IsoWeekday,
  minutesOfDay,
  type OpeningWindow,
} from '../../shared/booking-rules';
import { getClass, instrumentClasses } from '../../shared/instrument-classes';
import type { Lang } from '../i18n';
import { hhmm, isoWeekday, wallClock, zonedInstant } from './zonedTime';

export type InstrumentStatus = (typeof instrumentStatuses)[number];
export type ShareMode = (typeof shareModes)[number];
export type InstrumentPurpose = (typeof instrumentPurposes)[number];

// The labels are shared with the server's exports.
export { instrumentStatusLabels, purposeLabels, shareModeLabels } from '../../shared/api/instruments';

export interface ClassOption {
  value: string;
  label: string;
  children?: ClassOption[];
}

/** 大类 → 中类, labelled with their codes; the value is a 2- or 4-digit class prefix. */
export function classOptions(lang: Lang): ClassOption[] {
  return instrumentClasses.map((major) => ({
    value: major.code,
    label: `${major.code} ${major[lang]}`,
    children: major.children.map((mid) => ({ value: mid.code, label: `${mid.code} ${mid[lang]}` })),
  }));
}

/** The cascader path to a class code (2, 4 or 6 digits). */
export function classPathCodes(code: string | undefined): string[] {
  if (!code) return [];
  const out = [code.slice(0, 2)];
  if (code.length >= 4) out.push(code.slice(0, 4));
  return out;
}

export function classLabel(code: string, lang: Lang): string {
  const c = getClass(code);
  if (!c) return code;
  return c.middle ? `${c.major[lang]} / ${c.middle[lang]}` : c.major[lang];
}

/** Stored rules with defaults filled in; a rule set that no longer parses falls back to the defaults. */
export function parseRules(raw: unknown): BookingRules {
  const r = bookingRulesSchema.safeParse(raw ?? {});
  return r.success ? r.data : bookingRulesSchema.parse({});
}

export function windowsOn(rules: BookingRules, day: string): OpeningWindow[] {
  return rules.openingHours[String(isoWeekday(day)) as IsoWeekday] ?? [];
}

/** Start times on the slot grid inside the day's opening windows, leaving room for the shortest booking. */
export function startOptions(rules: BookingRules, day: string): number[] {
  const out: number[] = [];
  for (const w of windowsOn(rules, day)) {
    const from = minutesOfDay(w.from);
    const to = minutesOfDay(w.to);
    const first = Math.ceil(from / rules.slotMinutes) * rules.slotMinutes;
    for (let t = first; t + rules.minMinutes <= to; t += rules.slotMinutes) out.push(t);
  }
  return out;
}

/** End times on the grid after a start, inside the same window, between the shortest and longest booking. */
export function endOptions(rules: BookingRules, day: string, start: number): number[] {
  const w = windowsOn(rules, day).find((x) => minutesOfDay(x.from) <= start && start < minutesOfDay(x.to));
  if (!w) return [];
  const to = minutesOfDay(w.to);
  const out: number[] = [];
  for (let t = start + rules.minMinutes; t <= Math.min(to, start + rules.maxMinutes); t += rules.slotMinutes)
    out.push(t);
  return out;
}

export const minutesLabel = hhmm;

/**
 * The checks the browser can make before asking the server (no neighbours, no qualifications), in
 * the shared rules' own words; the server repeats them all and has the last word.
 */
export function checkClientSide(
  rules: BookingRules,
  day: string,
  start: number,
  end: number,
  now: Date,
  lang: Lang,
): string[] {
  const tz = rules.timezone;
  const v: BookingViolation[] = [];
  const startAt = zonedInstant(day, start, tz);
  const endAt = zonedInstant(day, end, tz);
  const fmt = (d: Date) => {
    const w = wallClock(d, tz);
    return `${w.day} ${hhmm(w.minutes)}`;
  };
  if (end <= start) {
    v.push({ code: 'BOOKING_END_BEFORE_START', params: { start: fmt(startAt), end: fmt(endAt) } });
    return v.map((x) => formatBookingViolation(x, lang));
  }
  const minutes = end - start;
  if (startAt <= now) v.push({ code: 'BOOKING_IN_PAST', params: { start: fmt(startAt) } });
  if (minutes < rules.minMinutes)
    v.push({ code: 'BOOKING_TOO_SHORT', params: { minutes, minMinutes: rules.minMinutes } });
  if (minutes > rules.maxMinutes)
    v.push({ code: 'BOOKING_TOO_LONG', params: { minutes, maxMinutes: rules.maxMinutes } });
  const earliest = new Date(now.getTime() + rules.advanceNoticeHours * 3_600_000);
  if (startAt > now && startAt < earliest)
    v.push({ code: 'BOOKING_NOTICE_TOO_SHORT', params: { hours: rules.advanceNoticeHours, earliest: fmt(earliest) } });
  const latest = new Date(now.getTime() + rules.horizonDays * 86_400_000);
  if (startAt > latest)
    v.push({ code: 'BOOKING_BEYOND_HORIZON', params: { days: rules.horizonDays, latest: fmt(latest) } });
  const windows = windowsOn(rules, day);
  if (!windows.some((w) => minutesOfDay(w.from) <= start && end <= minutesOfDay(w.to)))
    v.push({
      code: 'BOOKING_OUTSIDE_OPENING_HOURS',
      params: {
        date: day,
        windows: windows.length ? windows.map((w) => `${w.from}–${w.to}`).join(lang === 'zh' ? '、' : ', ') : '—',
      },
    });
  for (const b of rules.blackouts) {
    if (Date.parse(b.start) < endAt.getTime() && startAt.getTime() < Date.parse(b.end))
      v.push({
        code: 'BOOKING_IN_BLACKOUT',
        params: { start: fmt(new Date(b.start)), end: fmt(new Date(b.end)), reason: b.reason },
      });
  }
  return v.map((x) => formatBookingViolation(x, lang));
}

/** The fee the published schedule gives for a service, in fen (per sample when priced so, else per hour). */
export function scheduleFeeFen(
  instrument: { feePerHourFen: number | null; feePerSampleFen: number | null } | undefined,
  mode: string,
  minutes: number,
  samples: number,
): number | undefined {
  if (!instrument) return undefined;
  if (mode === 'sample_testing' && instrument.feePerSampleFen !== null) return instrument.feePerSampleFen * samples;
  if (instrument.feePerHourFen !== null) return Math.round((instrument.feePerHourFen * minutes) / 60);
  if (instrument.feePerSampleFen !== null) return instrument.feePerSampleFen * samples;
  return undefined;
}

/** Start times still bookable: on the grid, in the day's windows, after the notice period and within the horizon. */
export function bookableStarts(rules: BookingRules, day: string, now: Date): number[] {
  const earliest = now.getTime() + rules.advanceNoticeHours * 3_600_000;
  const latest = now.getTime() + rules.horizonDays * 86_400_000;
  return startOptions(rules, day).filter((m) => {
    const at = zonedInstant(day, m, rules.timezone).getTime();
    return at >= earliest && at <= latest;
  });
}
