import { z } from 'zod';
import { bookingStatuses, serviceModes } from '../booking-rules.js';
import { organisationTypes } from '../roles.js';
import { isoDate } from './common.js';

export const createBookingBody = z.object({
  instrumentId: z.uuid(),
  organisationId: z.uuid().optional(),
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  mode: z.enum(serviceModes),
  purpose: z.string().trim().max(500).optional(),
  sampleCount: z.number().int().min(0).max(10_000).optional(),
});

export const bookingView = z.object({
  id: z.uuid(),
  instrumentId: z.uuid(),
  userId: z.uuid(),
  organisationId: z.uuid(),
  mode: z.enum(serviceModes),
  status: z.enum(bookingStatuses),
  start: isoDate,
  end: isoDate,
  purpose: z.string().nullable(),
  sampleCount: z.number().int().nullable(),
  estimatedFeeFen: z.number().int().nullable(),
  cancelledLate: z.boolean(),
  createdAt: isoDate,
});

export const bookingListItem = bookingView.extend({
  instrumentName: z.string(),
  userName: z.string(),
  organisationName: z.string(),
});

export const bookingDetail = bookingView.extend({
  instrumentName: z.string(),
  /** Who booked, and for which organisation: the manager needs them to approve. */
  userName: z.string(),
  organisationName: z.string(),
  /** The instrument's published fees, so the estimate can be checked. */
  fees: z.object({
    perHourFen: z.number().int().nullable(),
    perSampleFen: z.number().int().nullable(),
    notes: z.string().nullable(),
  }),
  allowedCommands: z.array(z.string()),
  events: z.array(
    z.object({
      id: z.number().int(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      actorName: z.string().nullable(),
      reason: z.string().nullable(),
      at: isoDate,
    }),
  ),
  service: z
    .object({
      prepMinutes: z.number().int(),
      measureMinutes: z.number().int(),
      postMinutes: z.number().int(),
      samples: z.number().int(),
      feeFen: z.number().int(),
      external: z.boolean(),
      rating: z.number().int().nullable(),
      comment: z.string().nullable(),
    })
    .nullable(),
});

const minutes = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);
export const completeBody = z.object({
  prepMinutes: minutes,
  measureMinutes: minutes,
  postMinutes: minutes,
  samples: z.number().int().min(0).max(10_000).default(0),
  /** Omitted: the fee follows the published schedule. */
  feeFen: z.number().int().min(0).optional(),
});

export const rateBody = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).optional(),
});

const day = z.iso.date();

/** Filters shared by the lists and their exports; dates are Shanghai calendar days, `to` inclusive. */
export const bookingFilterQuery = z.object({
  status: z.enum(bookingStatuses).optional(),
  instrumentId: z.uuid().optional(),
  from: day.optional(),
  to: day.optional(),
  q: z.string().trim().max(100).optional(),
});

export const bookingListQuery = bookingFilterQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const bookingExportFormats = ['csv', 'xlsx'] as const;
export const bookingExportQuery = bookingFilterQuery.extend({
  format: z.enum(bookingExportFormats).default('csv'),
});

/** Exports stop here; narrow the filters for more. */
export const BOOKING_EXPORT_MAX_ROWS = 20_000;

export const reviewsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
  /** Only reviews with a written comment. */
  withComment: z.enum(['true', 'false']).default('false'),
});

/** An instrument's reviews: the reviewer appears only as a kind of organisation, never by name. */
export const instrumentReviews = z.object({
  average: z.number().nullable(),
  count: z.number().int(),
  /** Index 0 is one star … index 4 five stars. */
  distribution: z.array(z.number().int()).length(5),
  items: z.array(
    z.object({
      id: z.uuid(),
      rating: z.number().int(),
      comment: z.string().nullable(),
      at: z.string(),
      external: z.boolean(),
      organisationType: z.enum(organisationTypes),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
