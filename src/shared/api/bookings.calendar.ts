import { z } from 'zod';
import { blackoutSchema, bookingStatuses, openingHoursSchema, serviceModes } from '../booking-rules.js';
import { isoDate } from './common.js';

/** The manager calendar covers at most this many days per request (a week view with margin). */
export const MANAGER_CALENDAR_MAX_DAYS = 31;

export const managerCalendarQuery = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  /** Bureau users see many organisations: narrow to one. */
  organisationId: z.uuid().optional(),
});

export const managerCalendar = z.object({
  instruments: z.array(
    z.object({
      id: z.uuid(),
      nameZh: z.string(),
      organisationId: z.uuid(),
      organisationName: z.string(),
      status: z.string(),
      timezone: z.string(),
      openingHours: openingHoursSchema,
      blackouts: z.array(blackoutSchema),
    }),
  ),
  bookings: z.array(
    z.object({
      id: z.uuid(),
      instrumentId: z.uuid(),
      start: isoDate,
      end: isoDate,
      status: z.enum(bookingStatuses),
      mode: z.enum(serviceModes),
      userName: z.string(),
      organisationName: z.string(),
    }),
  ),
  /** True when more instruments matched than the view shows (narrow by organisation). */
  truncated: z.boolean(),
});
export type ManagerCalendar = z.infer<typeof managerCalendar>;

/** My bookings across instruments in a window (at most MANAGER_CALENDAR_MAX_DAYS). */
export const myCalendarQuery = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
});

export const myCalendar = z.object({
  bookings: z.array(
    z.object({
      id: z.uuid(),
      instrumentId: z.uuid(),
      instrumentName: z.string(),
      instrumentOrganisation: z.string(),
      location: z.string().nullable(),
      start: isoDate,
      end: isoDate,
      status: z.enum(bookingStatuses),
      mode: z.enum(serviceModes),
    }),
  ),
});
export type MyCalendar = z.infer<typeof myCalendar>;
