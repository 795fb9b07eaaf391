import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../identity/actor.js';
import type { IdentityRepository } from '../identity/identity.repository.js';
import type { InstrumentRepository } from '../instruments/instrument.repository.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { managerCalendar, myCalendar } from './booking.calendar.js';
import { createBookingRepository } from './booking.repository.js';
import { bookingRoutes } from './booking.routes.js';
import { createBookingService } from './booking.service.js';
import { createQualificationRepository } from './qualification.repository.js';
import { qualificationRoutes } from './qualification.routes.js';
import { createQualificationService } from './qualification.service.js';
import { createReviewRepository } from './review.repository.js';
import { reviewRoutes } from './review.routes.js';
import { createReviewService } from './review.service.js';

export function createBookingsModule(deps: {
  db: Db;
  clock: Clock;
  instruments: InstrumentRepository;
  identity: IdentityRepository;
  notifications: NotificationService;
}) {
  const repository = createBookingRepository(deps.db);
  const qualifications = createQualificationRepository(deps.db);
  const service = createBookingService({ ...deps, bookings: repository, qualifications });
  const qualification = createQualificationService({ ...deps, qualifications });
  const reviews = createReviewService({ reviews: createReviewRepository(deps.db), instruments: deps.instruments });
  const calendar = (actor: Actor, from: Date, to: Date, organisationId?: string) =>
    managerCalendar(deps.db, actor, from, to, organisationId);
  return {
    repository,
    service,
    qualification,
    routes: (app: FastifyInstance) => {
      bookingRoutes(app, {
        service,
        calendar,
        myCalendar: (actor, from, to) => myCalendar(deps.db, actor, from, to),
      });
      qualificationRoutes(app, { service: qualification });
      reviewRoutes(app, { service: reviews });
    },
  };
}
