import { describe, expect, it } from 'vitest';
import { type BookingRulesInput, bookingRulesSchema } from '../../../shared/booking-rules.js';
import {
  type BookingContext,
  type BookingRequest,
  bufferedRange,
  canCancel,
  checkBookingRequest,
  isNoShow,
} from './booking.rules.js';

/** A wall-clock time in Shanghai (UTC+8, no DST), e.g. sh('2025-01-06 09:00'). */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const rules = (input: BookingRulesInput = {}) => bookingRulesSchema.parse(input);

// Monday 2025-01-06 is the usual booking day; "now" is the Wednesday before, well inside the notice
// and the horizon, so each test below breaks one rule at a time.
const NOW = sh('2025-01-01 08:00');
const ctx = (over: Partial<BookingContext> = {}): BookingContext => ({
  now: NOW,
  qualifiedUntil: null,
  neighbours: [],
  ...over,
});
const req = (start: string, end: string, mode: BookingRequest['mode'] = 'self_operated'): BookingRequest => ({
  start: sh(start),
  end: sh(end),
  mode,
});
const codes = (...args: Parameters<typeof checkBookingRequest>) => checkBookingRequest(...args).map((v) => v.code);

describe('checkBookingRequest', () => {
  it('accepts a plain request under the default rules', () => {
    expect(checkBookingRequest(rules(), req('2025-01-06 09:00', '2025-01-06 10:00'), ctx())).toEqual([]);
  });

  describe('BOOKING_END_BEFORE_START', () => {
    it('refuses an end before or at the start, and skips checks that need an interval', () => {
      expect(codes(rules(), req('2025-01-06 10:00', '2025-01-06 09:00'), ctx())).toEqual(['BOOKING_END_BEFORE_START']);
      expect(checkBookingRequest(rules(), req('2025-01-06 10:00', '2025-01-06 10:00'), ctx())).toEqual([
        { code: 'BOOKING_END_BEFORE_START', params: { start: '2025-01-06 10:00', end: '2025-01-06 10:00' } },
      ]);
    });

    it('passes when the end is after the start', () => {
      expect(codes(rules(), req('2025-01-06 09:00', '2025-01-06 09:30'), ctx())).toEqual([]);
    });
  });

  describe('BOOKING_IN_PAST', () => {
    it('refuses a start before now, without also complaining about notice', () => {
      const now = sh('2025-01-06 09:30');
      expect(checkBookingRequest(rules(), req('2025-01-06 09:00', '2025-01-06 10:00'), ctx({ now }))).toEqual([
        { code: 'BOOKING_IN_PAST', params: { start: '2025-01-06 09:00' } },
      ]);
    });

    it('passes a start exactly now when no notice is needed', () => {
      const now = sh('2025-01-06 09:00');
      expect(
        codes(rules({ advanceNoticeHours: 0 }), req('2025-01-06 09:00', '2025-01-06 10:00'), ctx({ now })),
      ).toEqual([]);
    });
  });

  describe('BOOKING_TOO_SHORT', () => {
    const r = rules({ minMinutes: 60 });
    it('refuses less than minMinutes', () => {
      expect(checkBookingRequest(r, req('2025-01-06 09:00', '2025-01-06 09:30'), ctx())).toEqual([
        { code: 'BOOKING_TOO_SHORT', params: { minutes: 30, minMinutes: 60 } },
      ]);
    });
    it('passes exactly minMinutes', () => {
      expect(codes(r, req('2025-01-06 09:00', '2025-01-06 10:00'), ctx())).toEqual([]);
    });
  });

  describe('BOOKING_TOO_LONG', () => {
    it('refuses more than maxMinutes', () => {
      expect(checkBookingRequest(rules(), req('2025-01-06 08:30', '2025-01-06 17:00'), ctx())).toEqual([
        { code: 'BOOKING_TOO_LONG', params: { minutes: 510, maxMinutes: 480 } },
      ]);
    });
    it('passes exactly maxMinutes', () => {
      expect(codes(rules(), req('2025-01-06 09:00', '2025-01-06 17:00'), ctx())).toEqual([]);
    });
  });

  describe('BOOKING_NOT_ALIGNED', () => {
    it('refuses a start or end off the slot grid', () => {
      expect(checkBookingRequest(rules(), req('2025-01-06 09:15', '2025-01-06 10:15'), ctx())).toEqual([
        { code: 'BOOKING_NOT_ALIGNED', params: { slotMinutes: 30 } },
      ]);
      expect(codes(rules(), req('2025-01-06 09:00', '2025-01-06 10:10'), ctx())).toEqual(['BOOKING_NOT_ALIGNED']);
    });

    it('refuses stray seconds and milliseconds', () => {
      const start = new Date(sh('2025-01-06 09:00').getTime() + 1);
      expect(codes(rules(), { start, end: sh('2025-01-06 10:00'), mode: 'self_operated' }, ctx())).toEqual([
        'BOOKING_NOT_ALIGNED',
      ]);
    });

    it('passes times on the grid', () => {
      expect(
        codes(rules({ slotMinutes: 15, minMinutes: 15 }), req('2025-01-06 09:15', '2025-01-06 09:45'), ctx()),
      ).toEqual([]);
    });

    it('counts the grid from local midnight, not from UTC', () => {
      // 09:00 in Kolkata (UTC+05:30) is 03:30Z: on the local hour grid, though not on the UTC one.
      const r = rules({ timezone: 'Asia/Kolkata', slotMinutes: 60, minMinutes: 60 });
      const start = new Date('2025-01-06T09:00:00+05:30');
      const end = new Date('2025-01-06T10:00:00+05:30');
      expect(codes(r, { start, end, mode: 'self_operated' }, ctx())).toEqual([]);
      const utcHour = { start: new Date('2025-01-06T04:00:00Z'), end: new Date('2025-01-06T05:00:00Z') };
      expect(codes(r, { ...utcHour, mode: 'self_operated' }, ctx())).toEqual(['BOOKING_NOT_ALIGNED']);
    });
  });

  describe('BOOKING_NOTICE_TOO_SHORT', () => {
    it('refuses a start sooner than advanceNoticeHours from now, saying the earliest start', () => {
      const now = sh('2025-01-05 10:00');
      expect(checkBookingRequest(rules(), req('2025-01-06 09:00', '2025-01-06 10:00'), ctx({ now }))).toEqual([
        { code: 'BOOKING_NOTICE_TOO_SHORT', params: { hours: 24, earliest: '2025-01-06 10:00' } },
      ]);
    });

    it('passes exactly advanceNoticeHours ahead', () => {
      const now = sh('2025-01-05 09:00');
      expect(codes(rules(), req('2025-01-06 09:00', '2025-01-06 10:00'), ctx({ now }))).toEqual([]);
    });
  });

  describe('BOOKING_BEYOND_HORIZON', () => {
    it('refuses a booking after the last bookable local day', () => {
      expect(checkBookingRequest(rules(), req('2025-02-03 09:00', '2025-02-03 10:00'), ctx())).toEqual([
        { code: 'BOOKING_BEYOND_HORIZON', params: { days: 30, latest: '2025-01-31' } },
      ]);
    });

    it('passes anything on the last bookable day, up to closing', () => {
      expect(codes(rules(), req('2025-01-31 16:30', '2025-01-31 17:30'), ctx())).toEqual([]);
    });

    it('counts days in the instrument zone, not UTC', () => {
      // 2025-01-01 07:00 in Shanghai is still 2024-12-31 in UTC; the horizon counts from the 1st.
      const now = sh('2025-01-01 07:00');
      const r = rules({ horizonDays: 2, advanceNoticeHours: 0, openingHours: { 5: [{ from: '08:30', to: '17:30' }] } });
      expect(codes(r, req('2025-01-03 09:00', '2025-01-03 10:00'), ctx({ now }))).toEqual([]);
    });
  });

  describe('BOOKING_OUTSIDE_OPENING_HOURS', () => {
    it('accepts 09:00–10:00 Shanghai on a Monday, which is 01:00–02:00Z', () => {
      const request = req('2025-01-06 09:00', '2025-01-06 10:00');
      expect(request.start.toISOString()).toBe('2025-01-06T01:00:00.000Z');
      expect(request.end.toISOString()).toBe('2025-01-06T02:00:00.000Z');
      expect(codes(rules(), request, ctx())).toEqual([]);
    });

    it('refuses 07:00–08:00 local, before opening', () => {
      expect(checkBookingRequest(rules(), req('2025-01-06 07:00', '2025-01-06 08:00'), ctx())).toEqual([
        { code: 'BOOKING_OUTSIDE_OPENING_HOURS', params: { date: '2025-01-06', windows: '08:30–17:30' } },
      ]);
    });

    it('refuses an interval that starts before opening or runs past closing', () => {
      expect(codes(rules(), req('2025-01-06 08:00', '2025-01-06 09:00'), ctx())).toEqual([
        'BOOKING_OUTSIDE_OPENING_HOURS',
      ]);
      expect(codes(rules(), req('2025-01-06 17:00', '2025-01-06 18:00'), ctx())).toEqual([
        'BOOKING_OUTSIDE_OPENING_HOURS',
      ]);
      expect(codes(rules(), req('2025-01-06 16:30', '2025-01-06 17:30'), ctx())).toEqual([]);
    });

    it('refuses Saturday, closed by default', () => {
      expect(checkBookingRequest(rules(), req('2025-01-11 09:00', '2025-01-11 10:00'), ctx())).toEqual([
        { code: 'BOOKING_OUTSIDE_OPENING_HOURS', params: { date: '2025-01-11', windows: '—' } },
      ]);
    });

    it('refuses an interval spanning two windows, and accepts one inside either', () => {
      const r = rules({
        openingHours: {
          1: [
            { from: '13:00', to: '17:30' },
            { from: '08:30', to: '12:00' },
          ],
        },
      });
      expect(checkBookingRequest(r, req('2025-01-06 11:30', '2025-01-06 13:30'), ctx())).toEqual([
        { code: 'BOOKING_OUTSIDE_OPENING_HOURS', params: { date: '2025-01-06', windows: '08:30–12:00, 13:00–17:30' } },
      ]);
      expect(codes(r, req('2025-01-06 11:00', '2025-01-06 12:00'), ctx())).toEqual([]);
      expect(codes(r, req('2025-01-06 13:00', '2025-01-06 14:00'), ctx())).toEqual([]);
    });

    it('takes the weekday in the instrument zone, not in UTC', () => {
      // Saturday 00:30 in Shanghai is still Friday 16:30 in UTC.
      const allDay = [{ from: '00:00', to: '24:00' }];
      const r = rules({ openingHours: { 1: allDay, 5: allDay } });
      expect(codes(r, req('2025-01-11 00:30', '2025-01-11 01:30'), ctx())).toEqual(['BOOKING_OUTSIDE_OPENING_HOURS']);
      expect(codes(r, req('2025-01-06 00:30', '2025-01-06 01:30'), ctx())).toEqual([]);
    });

    it('lets a window run to midnight but never across it', () => {
      const r = rules({ openingHours: { 1: [{ from: '20:00', to: '24:00' }], 2: [{ from: '00:00', to: '08:00' }] } });
      expect(codes(r, req('2025-01-06 23:00', '2025-01-07 00:00'), ctx())).toEqual([]);
      expect(codes(r, req('2025-01-06 23:30', '2025-01-07 00:30'), ctx())).toEqual(['BOOKING_OUTSIDE_OPENING_HOURS']);
    });

    it('keeps local opening hours across a DST change (Europe/Berlin)', () => {
      const r = rules({ timezone: 'Europe/Berlin', horizonDays: 366 });
      const berlin = (start: string, end: string): BookingRequest => ({
        start: new Date(start),
        end: new Date(end),
        mode: 'self_operated',
      });
      // 08:30 opening is 07:30Z in winter (CET) and 06:30Z after the switch to CEST on 30 March.
      expect(codes(r, berlin('2025-03-24T07:30:00Z', '2025-03-24T08:30:00Z'), ctx())).toEqual([]);
      expect(codes(r, berlin('2025-03-24T06:30:00Z', '2025-03-24T07:30:00Z'), ctx())).toEqual([
        'BOOKING_OUTSIDE_OPENING_HOURS',
      ]);
      expect(codes(r, berlin('2025-03-31T06:30:00Z', '2025-03-31T07:30:00Z'), ctx())).toEqual([]);
      // 17:30 closing is 15:30Z in summer; a winter offset would wrongly allow 17:30–18:00.
      expect(codes(r, berlin('2025-03-31T15:00:00Z', '2025-03-31T15:30:00Z'), ctx())).toEqual([]);
      expect(codes(r, berlin('2025-03-31T15:30:00Z', '2025-03-31T16:00:00Z'), ctx())).toEqual([
        'BOOKING_OUTSIDE_OPENING_HOURS',
      ]);
    });

    it('measures a whole-day window on a 25-hour DST day (America/New_York)', () => {
      const r = rules({
        timezone: 'America/New_York',
        maxMinutes: 1440,
        advanceNoticeHours: 0,
        horizonDays: 366,
        openingHours: { 7: [{ from: '00:00', to: '24:00' }] },
      });
      // Sunday 2 November 2025: midnight EDT (04:00Z) to midnight EST (05:00Z next day) is 25 hours.
      const request: BookingRequest = {
        start: new Date('2025-11-02T04:00:00Z'),
        end: new Date('2025-11-03T05:00:00Z'),
        mode: 'self_operated',
      };
      expect(checkBookingRequest(r, request, ctx())).toEqual([
        { code: 'BOOKING_TOO_LONG', params: { minutes: 1500, maxMinutes: 1440 } },
      ]);
    });
  });

  describe('BOOKING_IN_BLACKOUT', () => {
    const r = rules({
      blackouts: [{ start: '2025-01-06T09:30:00+08:00', end: '2025-01-06T04:00:00Z', reason: '年度维护' }],
    });
    it('refuses a request that overlaps a blackout, in local time', () => {
      expect(checkBookingRequest(r, req('2025-01-06 09:00', '2025-01-06 10:00'), ctx())).toEqual([
        {
          code: 'BOOKING_IN_BLACKOUT',
          params: { reason: '年度维护', start: '2025-01-06 09:30', end: '2025-01-06 12:00' },
        },
      ]);
    });
    it('passes a request that only touches it', () => {
      expect(codes(r, req('2025-01-06 08:30', '2025-01-06 09:30'), ctx())).toEqual([]);
      expect(codes(r, req('2025-01-06 12:00', '2025-01-06 13:00'), ctx())).toEqual([]);
    });
  });

  describe('BOOKING_OVERLAP', () => {
    const neighbour = (start: string, end: string) => ({ start: sh(start), end: sh(end) });
    it('refuses a request overlapping a neighbour', () => {
      const c = ctx({ neighbours: [neighbour('2025-01-06 09:30', '2025-01-06 10:30')] });
      expect(checkBookingRequest(rules(), req('2025-01-06 09:00', '2025-01-06 10:00'), c)).toEqual([
        { code: 'BOOKING_OVERLAP', params: { neighbourStart: '2025-01-06 09:30', neighbourEnd: '2025-01-06 10:30' } },
      ]);
    });
    it('passes a neighbour that only touches it when there is no buffer', () => {
      const c = ctx({
        neighbours: [
          neighbour('2025-01-06 08:30', '2025-01-06 09:00'),
          neighbour('2025-01-06 10:00', '2025-01-06 11:00'),
        ],
      });
      expect(codes(rules(), req('2025-01-06 09:00', '2025-01-06 10:00'), c)).toEqual([]);
    });
    it('reports an overlap as overlap only, not also as a buffer conflict', () => {
      const c = ctx({ neighbours: [neighbour('2025-01-06 09:00', '2025-01-06 10:00')] });
      expect(codes(rules({ bufferMinutes: 30 }), req('2025-01-06 09:00', '2025-01-06 10:00'), c)).toEqual([
        'BOOKING_OVERLAP',
      ]);
    });
  });

  describe('BOOKING_BUFFER_CONFLICT', () => {
    const r = rules({ bufferMinutes: 30 });
    const request = req('2025-01-06 10:00', '2025-01-06 11:00');
    const minute = 60_000;
    const before = (endsAt: Date) => ({ start: new Date(endsAt.getTime() - 60 * minute), end: endsAt });
    const after = (startsAt: Date) => ({ start: startsAt, end: new Date(startsAt.getTime() + 60 * minute) });

    it('passes a neighbour ending exactly bufferMinutes before the start', () => {
      expect(codes(r, request, ctx({ neighbours: [before(sh('2025-01-06 09:30'))] }))).toEqual([]);
    });
    it('refuses one ending a minute later', () => {
      expect(checkBookingRequest(r, request, ctx({ neighbours: [before(sh('2025-01-06 09:31'))] }))).toEqual([
        {
          code: 'BOOKING_BUFFER_CONFLICT',
          params: { neighbourStart: '2025-01-06 08:31', neighbourEnd: '2025-01-06 09:31', bufferMinutes: 30 },
        },
      ]);
    });
    it('passes a neighbour starting exactly bufferMinutes after the end, and refuses one a minute sooner', () => {
      expect(codes(r, request, ctx({ neighbours: [after(sh('2025-01-06 11:30'))] }))).toEqual([]);
      expect(codes(r, request, ctx({ neighbours: [after(sh('2025-01-06 11:29'))] }))).toEqual([
        'BOOKING_BUFFER_CONFLICT',
      ]);
    });
    it('reports each offending neighbour', () => {
      const c = ctx({ neighbours: [before(sh('2025-01-06 09:45')), after(sh('2025-01-06 11:15'))] });
      expect(codes(r, request, c)).toEqual(['BOOKING_BUFFER_CONFLICT', 'BOOKING_BUFFER_CONFLICT']);
    });
  });

  describe('BOOKING_MODE_NOT_OFFERED', () => {
    const r = rules({ serviceModes: ['sample_testing'] });
    it('refuses a mode the instrument does not offer', () => {
      expect(checkBookingRequest(r, req('2025-01-06 09:00', '2025-01-06 10:00'), ctx())).toEqual([
        { code: 'BOOKING_MODE_NOT_OFFERED', params: { mode: 'self_operated', offered: 'sample_testing' } },
      ]);
    });
    it('passes an offered mode', () => {
      expect(codes(r, req('2025-01-06 09:00', '2025-01-06 10:00', 'sample_testing'), ctx())).toEqual([]);
    });
  });

  describe('BOOKING_QUALIFICATION_REQUIRED', () => {
    const r = rules({ qualificationRequired: true });
    const request = req('2025-01-06 09:00', '2025-01-06 10:00');
    it('refuses self-operated use without a qualification', () => {
      expect(checkBookingRequest(r, request, ctx())).toEqual([
        { code: 'BOOKING_QUALIFICATION_REQUIRED', params: { qualifiedUntil: '' } },
      ]);
    });
    it('refuses a qualification that lapses before the booking ends', () => {
      expect(checkBookingRequest(r, request, ctx({ qualifiedUntil: sh('2025-01-06 09:59') }))).toEqual([
        { code: 'BOOKING_QUALIFICATION_REQUIRED', params: { qualifiedUntil: '2025-01-06 09:59' } },
      ]);
    });
    it('passes a qualification lasting to the end', () => {
      expect(codes(r, request, ctx({ qualifiedUntil: sh('2025-01-06 10:00') }))).toEqual([]);
    });
    it('does not ask for one for sample testing, or when the rules do not', () => {
      expect(codes(r, req('2025-01-06 09:00', '2025-01-06 10:00', 'sample_testing'), ctx())).toEqual([]);
      expect(codes(rules(), request, ctx())).toEqual([]);
    });
  });

  it('returns every violation at once, in a stable order', () => {
    const r = rules({
      qualificationRequired: true,
      serviceModes: ['sample_testing'],
      minMinutes: 60,
      bufferMinutes: 30,
    });
    const now = sh('2025-01-11 08:00');
    const c = ctx({ now, neighbours: [{ start: sh('2025-01-11 07:00'), end: sh('2025-01-11 08:00') }] });
    expect(codes(r, req('2025-01-11 08:15', '2025-01-11 08:45'), c)).toEqual([
      'BOOKING_TOO_SHORT',
      'BOOKING_NOT_ALIGNED',
      'BOOKING_NOTICE_TOO_SHORT',
      'BOOKING_OUTSIDE_OPENING_HOURS',
      'BOOKING_BUFFER_CONFLICT',
      'BOOKING_MODE_NOT_OFFERED',
      'BOOKING_QUALIFICATION_REQUIRED',
    ]);
  });

  it('throws on an invalid Date rather than inventing a violation', () => {
    const request = { start: new Date('nonsense'), end: sh('2025-01-06 10:00'), mode: 'self_operated' as const };
    expect(() => checkBookingRequest(rules(), request, ctx())).toThrow(RangeError);
  });
});

describe('canCancel', () => {
  const start = sh('2025-01-06 09:00');
  it('is on time before the deadline', () => {
    expect(canCancel(rules(), { start }, sh('2025-01-05 08:00'))).toEqual({ ok: true, late: false });
    expect(canCancel(rules(), { start }, sh('2025-01-05 09:00'))).toEqual({ ok: true, late: false });
  });
  it('is allowed but late inside the deadline', () => {
    expect(canCancel(rules(), { start }, sh('2025-01-05 09:01'))).toEqual({ ok: true, late: true });
    expect(canCancel(rules({ cancellationDeadlineHours: 2 }), { start }, sh('2025-01-06 07:30'))).toEqual({
      ok: true,
      late: true,
    });
  });
  it('is refused once the booking has started', () => {
    expect(canCancel(rules(), { start }, start)).toEqual({ ok: false, late: true });
  });
});

describe('isNoShow', () => {
  const start = sh('2025-01-06 09:00');
  it('is not a no-show within noShowReleaseMinutes', () => {
    expect(isNoShow(rules(), { start, checkedInAt: null }, sh('2025-01-06 09:29'))).toBe(false);
  });
  it('is a no-show from noShowReleaseMinutes after the start without a check-in', () => {
    expect(isNoShow(rules(), { start, checkedInAt: null }, sh('2025-01-06 09:30'))).toBe(true);
    expect(isNoShow(rules({ noShowReleaseMinutes: 10 }), { start, checkedInAt: null }, sh('2025-01-06 09:10'))).toBe(
      true,
    );
  });
  it('is never a no-show once checked in', () => {
    expect(isNoShow(rules(), { start, checkedInAt: sh('2025-01-06 09:05') }, sh('2025-01-06 12:00'))).toBe(false);
  });
  it('never releases sample testing, which has no check-in', () => {
    expect(isNoShow(rules(), { start, checkedInAt: null, mode: 'sample_testing' }, sh('2025-01-06 12:00'))).toBe(false);
    expect(isNoShow(rules(), { start, checkedInAt: null, mode: 'self_operated' }, sh('2025-01-06 12:00'))).toBe(true);
  });
});

describe('bufferedRange', () => {
  it('is the booking itself without a buffer', () => {
    const start = sh('2025-01-06 09:00');
    const end = sh('2025-01-06 10:00');
    expect(bufferedRange(rules(), start, end)).toEqual({ start, end });
  });

  it('widens each side by half the buffer', () => {
    expect(bufferedRange(rules({ bufferMinutes: 30 }), sh('2025-01-06 09:00'), sh('2025-01-06 10:00'))).toEqual({
      start: sh('2025-01-06 08:45'),
      end: sh('2025-01-06 10:15'),
    });
  });

  it('makes the exclusion constraint agree with checkBookingRequest for every gap', () => {
    // `&&` on half-open ranges, as the database evaluates `bookings_no_overlap`.
    const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }) =>
      a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
    for (const bufferMinutes of [0, 15, 25, 30, 45]) {
      const r = rules({ bufferMinutes });
      const mine = req('2025-01-06 12:00', '2025-01-06 13:00');
      for (let gap = -30; gap <= 60; gap++) {
        const other = { start: new Date(mine.end.getTime() + gap * 60_000), end: sh('2025-01-06 17:00') };
        const refused = checkBookingRequest(r, mine, ctx({ neighbours: [other] })).some(
          (v) => v.code === 'BOOKING_OVERLAP' || v.code === 'BOOKING_BUFFER_CONFLICT',
        );
        const clash = overlaps(bufferedRange(r, mine.start, mine.end), bufferedRange(r, other.start, other.end));
        expect(clash, `buffer ${bufferMinutes}, gap ${gap}`).toBe(refused);
      }
    }
  });
});
