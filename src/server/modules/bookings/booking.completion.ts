import { type BookingStatus, bookingStatusLabels, type ServiceMode } from '../../../shared/booking-rules.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import type { Actor } from '../identity/actor.js';
import type { InstrumentRow } from '../instruments/instrument.repository.js';
import type { BookingReader } from './booking.read.js';
import type { BookingRepository, BookingRow } from './booking.repository.js';

/** What the manager records on completing a booking; without feeFen the published schedule applies. */
export interface ServiceInput {
  prepMinutes: number;
  measureMinutes: number;
  postMinutes: number;
  samples: number;
  feeFen?: number;
}

/** Fee from the published schedule: per hour of measurement for self-operation, per sample for testing. */
export function scheduleFee(
  i: Pick<InstrumentRow, 'feePerHourFen' | 'feePerSampleFen'>,
  mode: ServiceMode,
  minutes: number,
  samples: number,
) {
  if (mode === 'sample_testing' && i.feePerSampleFen !== null) return i.feePerSampleFen * Math.max(samples, 1);
  return Math.round(((i.feePerHourFen ?? 0) * minutes) / 60);
}

/**
 * Writes the service record of a booking being completed, inside the `complete` transition's
 * transaction so the record exists exactly when the booking is completed. Returns the service as
 * recorded (with the fee charged) for the audit summary.
 */
export async function recordService(
  tx: Tx,
  bookings: Pick<BookingRepository, 'insertService'>,
  r: { booking: BookingRow; instrument: InstrumentRow; service: ServiceInput; recordedBy: string; at: Date },
) {
  const { booking, instrument, service } = r;
  const feeFen =
    service.feeFen ?? scheduleFee(instrument, booking.mode as ServiceMode, service.measureMinutes, service.samples);
  await bookings.insertService(tx, {
    instrumentId: instrument.id,
    bookingId: booking.id,
    userOrganisationId: booking.organisationId,
    // 对外服务: the user is outside the owner's legal entity.
    external: booking.organisationId !== instrument.organisationId,
    startedAt: booking.checkedInAt ?? booking.startAt,
    ...service,
    feeFen,
    recordedBy: r.recordedBy,
    recordedAt: r.at,
  });
  return { ...service, feeFen };
}

export function createBookingRating(deps: {
  db: Db;
  bookings: Pick<BookingRepository, 'rate'>;
  clock: Clock;
  reader: Pick<BookingReader, 'load' | 'detail'>;
}) {
  const { db, bookings, clock, reader } = deps;
  return {
    /** The booker rates the delivered service once; the rating and comment are public (by kind of user only). */
    async rate(actor: Actor, ctx: RequestContext, id: string, rating: number, comment: string | null) {
      const { booking, instrument } = await reader.load(actor, id);
      if (booking.userId !== actor.userId) throw new AppError('FORBIDDEN');
      const now = clock.now();
      await db.transaction(async (tx) => {
        // Matches nothing before completion (no service record yet) and after a first rating.
        const updated = await bookings.rate(tx, id, rating, comment);
        if (updated.length === 0)
          throw new AppError('INVALID_TRANSITION', { from: bookingStatusLabels[booking.status as BookingStatus].zh });
        await appendAudit(
          tx,
          ctx,
          {
            action: 'booking.rate',
            targetType: 'booking',
            targetId: id,
            regionCode: instrument.regionCode,
            summary: { rating, comment },
          },
          now,
        );
      });
      return reader.detail(actor, id);
    },
  };
}
