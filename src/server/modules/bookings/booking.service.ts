import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { IdentityRepository } from '../identity/identity.repository.js';
import type { InstrumentRepository } from '../instruments/instrument.repository.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { createBookingRating } from './booking.completion.js';
import { createBookingCreator } from './booking.create.js';
import { createBookingReader } from './booking.read.js';
import type { BookingRepository } from './booking.repository.js';
import { createBookingTransitions } from './booking.transition.js';
import type { QualificationRepository } from './qualification.repository.js';

// Everything this module exported before the use cases moved out keeps its import path.
export { type ServiceInput, scheduleFee } from './booking.completion.js';
export type { NewBooking } from './booking.create.js';
export { type BookingListFilter, toRepositoryFilter } from './booking.read.js';
export type { BookingTransitionHook } from './booking.transition.js';

export interface BookingServiceDeps {
  db: Db;
  bookings: BookingRepository;
  qualifications: QualificationRepository;
  instruments: InstrumentRepository;
  identity: IdentityRepository;
  notifications: NotificationService;
  clock: Clock;
}

/**
 * The booking use cases behind one object: creating (booking.create.ts), status changes and the
 * no-show sweep (booking.transition.ts), rating the service (booking.completion.ts) and reading
 * (booking.read.ts). Every write answers with the booking's detail as the actor now sees it.
 */
export function createBookingService(deps: BookingServiceDeps) {
  const reader = createBookingReader(deps);
  const { create } = createBookingCreator({ ...deps, reader });
  const { onTransition, transition, releaseNoShows } = createBookingTransitions({ ...deps, reader });
  const { rate } = createBookingRating({ ...deps, reader });
  return {
    detail: reader.detail,
    onTransition,
    create,
    transition,
    releaseNoShows,
    rate,
    mine: reader.mine,
    queue: reader.queue,
  };
}
export type BookingService = ReturnType<typeof createBookingService>;
