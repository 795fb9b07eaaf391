import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import {
  type BookingRules,
  type BookingViolation,
  type IsoWeekday,
  minutesOfDay,
  type ServiceMode,
} from '../../../shared/booking-rules.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface BookingRequest {
  start: Date;
  end: Date;
  mode: ServiceMode;
}

export interface BookingContext {
  now: Date;
  /** End of the requester's training qualification for this instrument; null when they have none. */
  qualifiedUntil: Date | null;
  /**
   * The instrument's other bookings that still hold their slot and lie near the request (at least
   * within bufferMinutes of it). When rescheduling, leave the booking being moved out of this list.
   */
  neighbours: { start: Date; end: Date }[];
}

/** Wall-clock text in the instrument's zone, because that is the calendar people book against. */
function localText(rules: BookingRules, at: Date | number): string {
  return dayjs(at).tz(rules.timezone).format('YYYY-MM-DD HH:mm');
}

/** The instant of a local `YYYY-MM-DD` + `HH:mm` in the zone; '24:00' is the next day's midnight. */
function localInstant(rules: BookingRules, date: string, hhmm: string): number {
  if (hhmm === '24:00') return localInstant(rules, nextDate(date, 1), '00:00');
  // Resolving wall-clock to an instant through the zone (not by adding minutes to midnight) is what
  // keeps a 08:30 window at 08:30 on the days a DST zone shifts.
  return dayjs.tz(`${date} ${hhmm}`, rules.timezone).valueOf();
}

/** Calendar arithmetic on a local date, done in UTC so no zone can skip or repeat a day. */
function nextDate(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
}

function assertValid(name: string, d: Date): void {
  // A bad Date here is a bug upstream (the HTTP schema parses times); no violation could describe it.
  if (Number.isNaN(d.getTime())) throw new RangeError(`${name} is an invalid Date`);
}

/**
 * Checks a booking request against an instrument's rules and returns every violation, so the form
 * can show all problems at once; an empty list means acceptable. Overlap with other bookings is
 * finally decided by the database's exclusion constraint (a concurrent insert can still win the
 * race), but it is reported here too so the common case gets a precise message.
 *
 * When end ≤ start only the checks that make sense for a single instant run; an interval that
 * does not exist has no length, opening window or neighbours. A start in the past is reported as
 * BOOKING_IN_PAST alone, not also as too little notice.
 */
export function checkBookingRequest(
  rules: BookingRules,
  request: BookingRequest,
  ctx: BookingContext,
): BookingViolation[] {
  assertValid('request.start', request.start);
  assertValid('request.end', request.end);
  assertValid('ctx.now', ctx.now);

  const violations: BookingViolation[] = [];
  const add = (code: BookingViolation['code'], params: BookingViolation['params'] = {}) =>
    violations.push({ code, params });

  const start = request.start.getTime();
  const end = request.end.getTime();
  const now = ctx.now.getTime();
  const validInterval = start < end;
  const local = dayjs(request.start).tz(rules.timezone);

  if (!validInterval) {
    add('BOOKING_END_BEFORE_START', { start: localText(rules, start), end: localText(rules, end) });
  }

  if (start < now) {
    add('BOOKING_IN_PAST', { start: localText(rules, start) });
  }

  if (validInterval) {
    const minutes = Math.round((end - start) / MINUTE);
    if (end - start < rules.minMinutes * MINUTE) add('BOOKING_TOO_SHORT', { minutes, minMinutes: rules.minMinutes });
    if (end - start > rules.maxMinutes * MINUTE) add('BOOKING_TOO_LONG', { minutes, maxMinutes: rules.maxMinutes });
  }

  // The grid counts from local midnight, not from the epoch, so it matches the form's time picker in
  // zones whose offset is not a whole number of slots (e.g. +05:30 with 60-minute slots).
  if (!isAligned(rules, request.start) || !isAligned(rules, request.end)) {
    add('BOOKING_NOT_ALIGNED', { slotMinutes: rules.slotMinutes });
  }

  if (start >= now && start - now < rules.advanceNoticeHours * HOUR) {
    add('BOOKING_NOTICE_TOO_SHORT', {
      hours: rules.advanceNoticeHours,
      earliest: localText(rules, now + rules.advanceNoticeHours * HOUR),
    });
  }

  // The horizon is in whole local days (today + horizonDays, through that day's end) so the latest
  // bookable day does not creep forward minute by minute while someone fills in the form.
  const today = dayjs(ctx.now).tz(rules.timezone).format('YYYY-MM-DD');
  const horizonEnd = localInstant(rules, nextDate(today, rules.horizonDays + 1), '00:00');
  if (Math.max(start, end) > horizonEnd) {
    add('BOOKING_BEYOND_HORIZON', { days: rules.horizonDays, latest: nextDate(today, rules.horizonDays) });
  }

  if (validInterval) {
    const date = local.format('YYYY-MM-DD');
    const weekday = String(local.day() === 0 ? 7 : local.day()) as IsoWeekday;
    const windows = rules.openingHours[weekday];
    const inside = windows.some(
      (w) => localInstant(rules, date, w.from) <= start && end <= localInstant(rules, date, w.to),
    );
    if (!inside) {
      add('BOOKING_OUTSIDE_OPENING_HOURS', {
        date,
        windows:
          windows.length === 0
            ? '—'
            : [...windows]
                .sort((a, b) => minutesOfDay(a.from) - minutesOfDay(b.from))
                .map((w) => `${w.from}–${w.to}`)
                .join(', '),
      });
    }

    for (const b of rules.blackouts) {
      const bStart = Date.parse(b.start);
      const bEnd = Date.parse(b.end);
      if (start < bEnd && bStart < end) {
        add('BOOKING_IN_BLACKOUT', { reason: b.reason, start: localText(rules, bStart), end: localText(rules, bEnd) });
      }
    }

    const gap = rules.bufferMinutes * MINUTE;
    for (const n of ctx.neighbours) {
      const nStart = n.start.getTime();
      const nEnd = n.end.getTime();
      const params = { neighbourStart: localText(rules, nStart), neighbourEnd: localText(rules, nEnd) };
      if (nStart < end && start < nEnd) {
        add('BOOKING_OVERLAP', params);
      } else if ((nEnd <= start && start - nEnd < gap) || (nStart >= end && nStart - end < gap)) {
        add('BOOKING_BUFFER_CONFLICT', { ...params, bufferMinutes: rules.bufferMinutes });
      }
    }
  }

  if (!rules.serviceModes.includes(request.mode)) {
    add('BOOKING_MODE_NOT_OFFERED', { mode: request.mode, offered: rules.serviceModes.join(',') });
  }

  if (
    request.mode === 'self_operated' &&
    rules.qualificationRequired &&
    (ctx.qualifiedUntil === null || ctx.qualifiedUntil.getTime() < end)
  ) {
    add('BOOKING_QUALIFICATION_REQUIRED', {
      qualifiedUntil: ctx.qualifiedUntil === null ? '' : localText(rules, ctx.qualifiedUntil),
    });
  }

  return violations;
}

function isAligned(rules: BookingRules, at: Date): boolean {
  const d = dayjs(at).tz(rules.timezone);
  return d.second() === 0 && d.millisecond() === 0 && (d.hour() * 60 + d.minute()) % rules.slotMinutes === 0;
}

/**
 * Whether a booking may still be cancelled, and whether doing so counts as late. Late cancellation
 * is allowed because refusing it only turns it into a no-show; the flag lets billing and statistics
 * treat it like one. Once the booking has started it cannot be cancelled (it is then used, completed
 * or a no-show); which statuses may be cancelled at all is the transition table's business.
 */
export function canCancel(rules: BookingRules, booking: { start: Date }, now: Date): { ok: boolean; late: boolean } {
  const remaining = booking.start.getTime() - now.getTime();
  return { ok: remaining > 0, late: remaining < rules.cancellationDeadlineHours * HOUR };
}

/**
 * Whether an unattended booking should now be released as a no-show: nobody checked in by
 * noShowReleaseMinutes after the start. Any check-in counts, however late. Sample testing has no
 * check-in by the requester (the manager records the service), so it is never auto-released; pass
 * `mode` so a sweeping job cannot release those by mistake.
 */
export function isNoShow(
  rules: BookingRules,
  booking: { start: Date; checkedInAt: Date | null; mode?: ServiceMode },
  now: Date,
): boolean {
  if (booking.mode === 'sample_testing' || booking.checkedInAt !== null) return false;
  return now.getTime() >= booking.start.getTime() + rules.noShowReleaseMinutes * MINUTE;
}

/**
 * The range stored in `bookings.slot`, on which the exclusion constraint `bookings_no_overlap`
 * tests `&&`. Putting the buffer into the stored range lets the database enforce it atomically,
 * which a check in the application cannot do against a concurrent insert.
 *
 * Each side is widened by HALF the buffer, on purpose: the constraint compares two widened ranges,
 * so widening both bookings by the full buffer on both sides would demand a gap of twice the buffer
 * and refuse bookings that checkBookingRequest accepts. With half on each side, two slots overlap
 * exactly when the raw gap is less than bufferMinutes. Store it half-open, `[start, end)`, so
 * bookings that touch exactly at the buffer do not collide. A buffer changed later applies to new
 * bookings only; between an old and a new booking the enforced gap is the mean of the two buffers.
 */
export function bufferedRange(rules: BookingRules, start: Date, end: Date): { start: Date; end: Date } {
  const half = (rules.bufferMinutes * MINUTE) / 2;
  return { start: new Date(start.getTime() - half), end: new Date(end.getTime() + half) };
}
