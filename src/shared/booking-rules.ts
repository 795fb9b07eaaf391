import { z } from 'zod';

/**
 * An instrument's booking rules, stored as JSON on the instrument and edited in the manager's form.
 * Shared by the server and the web app, so it may use Zod and the platform's `Intl`, nothing from
 * Node. Every field has a default, so `bookingRulesSchema.parse({})` is a complete, usable rule set
 * and rules saved before a field existed still parse.
 */

export const serviceModes = ['self_operated', 'sample_testing'] as const;
export type ServiceMode = (typeof serviceModes)[number];

export const serviceModeLabels: Record<ServiceMode, { zh: string; en: string }> = {
  self_operated: { zh: '自主上机', en: 'Self-operated use' },
  sample_testing: { zh: '委托测试', en: 'Sample testing' },
};

export const bookingStatuses = [
  'requested',
  'approved',
  'rejected',
  'confirmed',
  'in_use',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export const bookingStatusLabels: Record<BookingStatus, { zh: string; en: string }> = {
  requested: { zh: '待审核', en: 'Awaiting approval' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  in_use: { zh: '使用中', en: 'In use' },
  completed: { zh: '已完成', en: 'Completed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  no_show: { zh: '爽约', en: 'No-show' },
};

/** ISO weekdays as JSON object keys: 1 = Monday … 7 = Sunday, matching dayjs `day() || 7`. */
export const isoWeekdays = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type IsoWeekday = (typeof isoWeekdays)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm / Use HH:mm, e.g. 08:30');
// '24:00' lets a window run to midnight, so a 24-hour instrument is {from: '00:00', to: '24:00'}.
const hhmmOrMidnight = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, '时间格式应为 HH:mm / Use HH:mm, e.g. 17:30 (or 24:00)');

/** Minutes since local midnight of an `HH:mm` string ('24:00' is 1440). */
export function minutesOfDay(hhmmText: string): number {
  const [h = '0', m = '0'] = hhmmText.split(':');
  return Number(h) * 60 + Number(m);
}

export const openingWindowSchema = z
  .object({ from: hhmm, to: hhmmOrMidnight })
  .refine((w) => minutesOfDay(w.from) < minutesOfDay(w.to), {
    path: ['to'],
    message: '结束时间须晚于开始时间 / The window must end after it starts (no overnight windows)',
  });
export type OpeningWindow = z.infer<typeof openingWindowSchema>;

const dayWindows = z
  .array(openingWindowSchema)
  .max(24)
  .superRefine((windows, ctx) => {
    const sorted = windows
      .map((w, index) => ({ index, from: minutesOfDay(w.from), to: minutesOfDay(w.to) }))
      .sort((a, b) => a.from - b.from);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const cur = sorted[i];
      // Touching windows (12:00–13:00 and 13:00–14:00) are allowed; a booking still has to fit one.
      if (prev && cur && cur.from < prev.to) {
        ctx.addIssue({
          code: 'custom',
          path: [cur.index],
          message: '同一天的开放时段不能重叠 / Opening windows on the same day must not overlap',
        });
      }
    }
  });

const weekdayWindows = () => dayWindows.default(() => []);
const officeHours = (): OpeningWindow[] => [{ from: '08:30', to: '17:30' }];

export const openingHoursSchema = z.object({
  '1': weekdayWindows(),
  '2': weekdayWindows(),
  '3': weekdayWindows(),
  '4': weekdayWindows(),
  '5': weekdayWindows(),
  '6': weekdayWindows(),
  '7': weekdayWindows(),
});
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export const blackoutSchema = z
  .object({
    // An offset is required: a bare local time would be read in whatever zone parses it.
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
    reason: z.string().trim().min(1).max(200),
  })
  .refine((b) => Date.parse(b.start) < Date.parse(b.end), {
    path: ['end'],
    message: '停用结束时间须晚于开始时间 / The blackout must end after it starts',
  });
export type Blackout = z.infer<typeof blackoutSchema>;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const minutes = z.number().int();

export const bookingRulesSchema = z
  .object({
    openingHours: openingHoursSchema.default(() => ({
      '1': officeHours(),
      '2': officeHours(),
      '3': officeHours(),
      '4': officeHours(),
      '5': officeHours(),
      '6': [],
      '7': [],
    })),
    blackouts: z
      .array(blackoutSchema)
      .max(500)
      .default(() => []),
    minMinutes: minutes.min(1).max(1440).default(30),
    maxMinutes: minutes.min(1).max(1440).default(480),
    slotMinutes: minutes.min(1).max(1440).default(30),
    advanceNoticeHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 366)
      .default(24),
    horizonDays: z.number().int().min(0).max(366).default(30),
    bufferMinutes: minutes.min(0).max(1440).default(0),
    requiresApproval: z.boolean().default(true),
    qualificationRequired: z.boolean().default(false),
    serviceModes: z
      .array(z.enum(serviceModes))
      .min(1, '至少提供一种服务方式 / Offer at least one service mode')
      .refine((modes) => new Set(modes).size === modes.length, '服务方式不能重复 / Each service mode once')
      .default(() => [...serviceModes]),
    cancellationDeadlineHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 366)
      .default(24),
    noShowReleaseMinutes: minutes.min(0).max(1440).default(30),
    timezone: z
      .string()
      .refine(isTimeZone, '须为 IANA 时区，如 Asia/Shanghai / Must be an IANA time zone such as Asia/Shanghai')
      .default('Asia/Shanghai'),
  })
  .superRefine((r, ctx) => {
    if (r.minMinutes > r.maxMinutes) {
      ctx.addIssue({
        code: 'custom',
        path: ['minMinutes'],
        message: '最短时长不能大于最长时长 / minMinutes must not exceed maxMinutes',
      });
    }
    for (const key of ['minMinutes', 'maxMinutes'] as const) {
      if (r[key] % r.slotMinutes !== 0) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `须为时段粒度 ${r.slotMinutes} 分钟的整数倍 / ${key} must be a multiple of slotMinutes (${r.slotMinutes})`,
        });
      }
    }
    // A notice longer than the horizon would leave nothing bookable, which is always a typo.
    if (r.advanceNoticeHours > (r.horizonDays + 1) * 24) {
      ctx.addIssue({
        code: 'custom',
        path: ['advanceNoticeHours'],
        message: '提前预约时间超出了可预约天数 / advanceNoticeHours reaches beyond horizonDays',
      });
    }
    const longest = Math.max(
      0,
      ...isoWeekdays.flatMap((d) => r.openingHours[d].map((w) => minutesOfDay(w.to) - minutesOfDay(w.from))),
    );
    if (longest > 0 && r.minMinutes > longest) {
      ctx.addIssue({
        code: 'custom',
        path: ['minMinutes'],
        message: `最短时长超过了最长的开放时段（${longest} 分钟）/ minMinutes is longer than every opening window (${longest} min)`,
      });
    }
  });

/** The stored, complete rule set. */
export type BookingRules = z.infer<typeof bookingRulesSchema>;
/** What a form or stored JSON may hold before defaults are filled in. */
export type BookingRulesInput = z.input<typeof bookingRulesSchema>;

/** Stable codes: clients branch on them, so a published code keeps its meaning. */
export const bookingViolationCodes = [
  'BOOKING_END_BEFORE_START',
  'BOOKING_IN_PAST',
  'BOOKING_TOO_SHORT',
  'BOOKING_TOO_LONG',
  'BOOKING_NOT_ALIGNED',
  'BOOKING_NOTICE_TOO_SHORT',
  'BOOKING_BEYOND_HORIZON',
  'BOOKING_OUTSIDE_OPENING_HOURS',
  'BOOKING_IN_BLACKOUT',
  'BOOKING_OVERLAP',
  'BOOKING_BUFFER_CONFLICT',
  'BOOKING_MODE_NOT_OFFERED',
  'BOOKING_QUALIFICATION_REQUIRED',
] as const;
export type BookingViolationCode = (typeof bookingViolationCodes)[number];

/** Times in params are wall-clock `YYYY-MM-DD HH:mm` in the instrument's time zone. */
export interface BookingViolation {
  code: BookingViolationCode;
  params: Record<string, string | number>;
}

export const bookingViolationMessages: Record<BookingViolationCode, { zh: string; en: string }> = {
  BOOKING_END_BEFORE_START: {
    zh: '结束时间（{end}）须晚于开始时间（{start}）。',
    en: 'The end ({end}) must be after the start ({start}).',
  },
  BOOKING_IN_PAST: {
    zh: '开始时间 {start} 已过，请选择将来的时段。',
    en: 'The start time {start} has passed; choose a future slot.',
  },
  BOOKING_TOO_SHORT: {
    zh: '预约时长 {minutes} 分钟，短于该仪器的最短时长 {minMinutes} 分钟。',
    en: 'The booking lasts {minutes} minutes; this instrument needs at least {minMinutes}.',
  },
  BOOKING_TOO_LONG: {
    zh: '预约时长 {minutes} 分钟，超过该仪器的最长时长 {maxMinutes} 分钟，请分次预约。',
    en: 'The booking lasts {minutes} minutes; this instrument allows at most {maxMinutes}. Book several shorter slots.',
  },
  BOOKING_NOT_ALIGNED: {
    zh: '开始和结束时间须落在每 {slotMinutes} 分钟一格的时间刻度上（从零点起算）。',
    en: 'Start and end must fall on the {slotMinutes}-minute grid, counted from midnight.',
  },
  BOOKING_NOTICE_TOO_SHORT: {
    zh: '须至少提前 {hours} 小时预约，最早可约 {earliest}。',
    en: 'Bookings need {hours} hours’ notice; the earliest possible start is {earliest}.',
  },
  BOOKING_BEYOND_HORIZON: {
    zh: '最多可预约 {days} 天内的时段（截至 {latest}）。',
    en: 'Bookings can be made at most {days} days ahead (up to {latest}).',
  },
  BOOKING_OUTSIDE_OPENING_HOURS: {
    zh: '预约须完整落在 {date} 的同一个开放时段内；当日开放时段：{windows}。',
    en: 'The booking must lie entirely within one opening window on {date}; that day’s windows: {windows}.',
  },
  BOOKING_IN_BLACKOUT: {
    zh: '所选时段与停用时段 {start} 至 {end} 冲突（{reason}）。',
    en: 'The slot falls in a blackout from {start} to {end} ({reason}).',
  },
  BOOKING_OVERLAP: {
    zh: '该时段已被预约（{neighbourStart} 至 {neighbourEnd}），请选择其他时段。',
    en: 'That time is already booked ({neighbourStart} to {neighbourEnd}); choose another slot.',
  },
  BOOKING_BUFFER_CONFLICT: {
    zh: '与 {neighbourStart} 至 {neighbourEnd} 的预约间隔不足 {bufferMinutes} 分钟，仪器两次使用之间须留出该间隔。',
    en: 'Less than {bufferMinutes} minutes from the booking {neighbourStart} to {neighbourEnd}; the instrument needs that gap between uses.',
  },
  BOOKING_MODE_NOT_OFFERED: {
    zh: '该仪器不提供所选的服务方式，请改选其提供的方式。',
    en: 'This instrument does not offer the chosen service mode; choose one it offers.',
  },
  BOOKING_QUALIFICATION_REQUIRED: {
    zh: '自主上机须持有有效期覆盖预约结束时间的上机培训资格；请先参加培训，或改为委托测试。',
    en: 'Self-operated use needs a training qualification valid until the booking ends; complete the training first, or book sample testing instead.',
  },
};

/** Fills `{name}` placeholders; unknown placeholders stay visible rather than vanish. */
export function formatBookingViolation(violation: BookingViolation, lang: 'zh' | 'en'): string {
  return bookingViolationMessages[violation.code][lang].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in violation.params ? String(violation.params[key]) : whole,
  );
}
