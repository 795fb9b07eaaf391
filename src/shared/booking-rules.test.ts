import { describe, expect, it } from 'vitest';
import {
  bookingRulesSchema,
  bookingViolationCodes,
  bookingViolationMessages,
  formatBookingViolation,
  minutesOfDay,
} from './booking-rules.js';

/** Issue paths as `a.b.c`, which is what the form highlights. */
function refusedPaths(input: unknown): string[] {
  const parsed = bookingRulesSchema.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => i.path.join('.'));
}

describe('bookingRulesSchema defaults', () => {
  it('fills a complete rule set from nothing', () => {
    const office = [{ from: '08:30', to: '17:30' }];
    expect(bookingRulesSchema.parse({})).toEqual({
      openingHours: { 1: office, 2: office, 3: office, 4: office, 5: office, 6: [], 7: [] },
      blackouts: [],
      minMinutes: 30,
      maxMinutes: 480,
      slotMinutes: 30,
      advanceNoticeHours: 24,
      horizonDays: 30,
      bufferMinutes: 0,
      requiresApproval: true,
      qualificationRequired: false,
      serviceModes: ['self_operated', 'sample_testing'],
      cancellationDeadlineHours: 24,
      noShowReleaseMinutes: 30,
      timezone: 'Asia/Shanghai',
    });
  });

  it('does not share default arrays between parses', () => {
    const a = bookingRulesSchema.parse({});
    a.openingHours[1].push({ from: '18:00', to: '19:00' });
    a.serviceModes.pop();
    const b = bookingRulesSchema.parse({});
    expect(b.openingHours[1]).toHaveLength(1);
    expect(b.serviceModes).toHaveLength(2);
  });

  it('treats days left out of supplied opening hours as closed', () => {
    const r = bookingRulesSchema.parse({ openingHours: { 6: [{ from: '09:00', to: '12:00' }] } });
    expect(r.openingHours[1]).toEqual([]);
    expect(r.openingHours[6]).toEqual([{ from: '09:00', to: '12:00' }]);
  });

  it('accepts a window that runs to midnight, touching windows and a blackout with an offset', () => {
    const parsed = bookingRulesSchema.safeParse({
      openingHours: {
        1: [
          { from: '00:00', to: '12:00' },
          { from: '12:00', to: '24:00' },
        ],
      },
      blackouts: [{ start: '2025-01-06T09:00:00+08:00', end: '2025-01-06T12:00:00Z', reason: '年度维护' }],
      timezone: 'Europe/Berlin',
    });
    expect(parsed.success).toBe(true);
  });
});

describe('bookingRulesSchema refusals', () => {
  it('refuses min above max', () => {
    expect(refusedPaths({ minMinutes: 120, maxMinutes: 60 })).toEqual(['minMinutes']);
  });

  it('refuses min or max that the slot does not divide', () => {
    expect(refusedPaths({ slotMinutes: 30, minMinutes: 45, maxMinutes: 100 })).toEqual(['minMinutes', 'maxMinutes']);
    expect(refusedPaths({ slotMinutes: 15, minMinutes: 45, maxMinutes: 90 })).toEqual([]);
  });

  it('refuses a window that ends before it starts, or is empty', () => {
    expect(refusedPaths({ openingHours: { 1: [{ from: '12:00', to: '08:30' }] } })).toEqual(['openingHours.1.0.to']);
    expect(refusedPaths({ openingHours: { 1: [{ from: '12:00', to: '12:00' }] } })).toEqual(['openingHours.1.0.to']);
  });

  it('refuses overlapping windows within a day, naming the later one', () => {
    const windows = [
      { from: '13:00', to: '17:30' },
      { from: '08:30', to: '12:00' },
      { from: '11:30', to: '12:30' },
    ];
    expect(refusedPaths({ openingHours: { 3: windows } })).toEqual(['openingHours.3.2']);
  });

  it('refuses malformed times', () => {
    expect(refusedPaths({ openingHours: { 1: [{ from: '8:30', to: '17:30' }] } })).toEqual(['openingHours.1.0.from']);
    // '24:00' only ends a window; the zero-length window it would make is reported as well.
    expect(refusedPaths({ openingHours: { 1: [{ from: '24:00', to: '24:00' }] } })).toContain('openingHours.1.0.from');
    expect(refusedPaths({ openingHours: { 1: [{ from: '08:00', to: '24:30' }] } })).toEqual(['openingHours.1.0.to']);
  });

  it('refuses a blackout without an offset, backwards, or without a reason', () => {
    expect(
      refusedPaths({ blackouts: [{ start: '2025-01-06T09:00:00', end: '2025-01-06T12:00:00Z', reason: 'x' }] }),
    ).toEqual(['blackouts.0.start']);
    expect(
      refusedPaths({ blackouts: [{ start: '2025-01-06T12:00:00Z', end: '2025-01-06T09:00:00Z', reason: 'x' }] }),
    ).toEqual(['blackouts.0.end']);
    expect(
      refusedPaths({ blackouts: [{ start: '2025-01-06T09:00:00Z', end: '2025-01-06T12:00:00Z', reason: ' ' }] }),
    ).toEqual(['blackouts.0.reason']);
  });

  it('refuses an empty or repeated set of service modes and unknown modes', () => {
    expect(refusedPaths({ serviceModes: [] })).toEqual(['serviceModes']);
    expect(refusedPaths({ serviceModes: ['sample_testing', 'sample_testing'] })).toEqual(['serviceModes']);
    expect(refusedPaths({ serviceModes: ['walk_in'] })).toEqual(['serviceModes.0']);
  });

  it('refuses an unknown time zone', () => {
    expect(refusedPaths({ timezone: 'Asia/Shaoxing' })).toEqual(['timezone']);
    expect(refusedPaths({ timezone: 'America/New_York' })).toEqual([]);
  });

  it('refuses rules under which nothing could ever be booked', () => {
    expect(refusedPaths({ minMinutes: 240, openingHours: { 1: [{ from: '09:00', to: '12:00' }] } })).toEqual([
      'minMinutes',
    ]);
    expect(refusedPaths({ advanceNoticeHours: 24 * 10, horizonDays: 7 })).toEqual(['advanceNoticeHours']);
  });

  it('refuses non-integer or negative numbers', () => {
    expect(refusedPaths({ bufferMinutes: -5 })).toEqual(['bufferMinutes']);
    expect(refusedPaths({ slotMinutes: 7.5 })).toEqual(['slotMinutes']);
  });
});

describe('violation messages', () => {
  it('has both languages for every code', () => {
    expect(Object.keys(bookingViolationMessages).sort()).toEqual([...bookingViolationCodes].sort());
    for (const code of bookingViolationCodes) {
      expect(bookingViolationMessages[code].zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(bookingViolationMessages[code].en, code).toMatch(/^[A-Z]/);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of bookingViolationCodes) {
      const m = bookingViolationMessages[code];
      expect(names(m.zh), code).toEqual(names(m.en));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const v = { code: 'BOOKING_TOO_SHORT' as const, params: { minutes: 30 } };
    expect(formatBookingViolation(v, 'en')).toBe(
      'The booking lasts 30 minutes; this instrument needs at least {minMinutes}.',
    );
    expect(formatBookingViolation({ ...v, params: { minutes: 30, minMinutes: 60 } }, 'zh')).toBe(
      '预约时长 30 分钟，短于该仪器的最短时长 60 分钟。',
    );
  });
});

describe('minutesOfDay', () => {
  it('reads HH:mm and midnight at the end of the day', () => {
    expect(minutesOfDay('00:00')).toBe(0);
    expect(minutesOfDay('08:30')).toBe(510);
    expect(minutesOfDay('24:00')).toBe(1440);
  });
});
