import { z } from 'zod';
import { bookingStatuses, serviceModes } from '../booking-rules.js';
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

export const bookingListQuery = z.object({
  status: z.enum(bookingStatuses).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
