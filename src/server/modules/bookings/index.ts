import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { IdentityRepository } from '../identity/identity.repository.js';
import type { InstrumentRepository } from '../instruments/instrument.repository.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { createBookingRepository } from './booking.repository.js';
import { bookingRoutes } from './booking.routes.js';
import { createBookingService } from './booking.service.js';

export function createBookingsModule(deps: {
  db: Db;
  clock: Clock;
  instruments: InstrumentRepository;
  identity: IdentityRepository;
  notifications: NotificationService;
}) {
  const repository = createBookingRepository(deps.db);
  const service = createBookingService({ ...deps, bookings: repository });
  return { repository, service, routes: (app: FastifyInstance) => bookingRoutes(app, { service }) };
}
