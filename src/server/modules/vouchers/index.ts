import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { BookingService } from '../bookings/booking.service.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { sensorMinutes } from '../telemetry/usage.window.js';
import type { SensorLookup } from './claim.facts.js';
import { createClaimRepository } from './claim.repository.js';
import { createClaimReview } from './claim.review.js';
import { claimRoutes } from './claim.routes.js';
import { createClaimService } from './claim.service.js';
import { createControllerService } from './controller.service.js';
import { createFiguresService } from './figures.service.js';
import { createLedgerRepository } from './ledger.repository.js';
import { verifyLedger } from './ledger.verify.js';
import { createProgrammeRepository } from './programme.repository.js';
import { programmeRoutes } from './programme.routes.js';
import { createProgrammeService } from './programme.service.js';
import { createProviderService } from './provider.service.js';
import { createQuotaLifecycle } from './quota.lifecycle.js';
import { createQuotaRepository } from './quota.repository.js';
import { quotaRoutes } from './quota.routes.js';
import { createQuotaService } from './quota.service.js';
import { createReservationService } from './reservation.service.js';
import { createServiceOrderService } from './service-order.service.js';
import { createSettlementService } from './settlement.service.js';
import { createWalletService } from './wallet.service.js';

/**
 * Innovation vouchers (创新券): programmes, provider admission, quotas, reservations at booking,
 * evidence-checked claims, monthly settlement, figures, on a double-entry ledger. Bookings tell it
 * about status changes through their transition hook; the sensor evidence comes from telemetry.
 */
export function createVouchersModule(deps: {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
  bookings: Pick<BookingService, 'onTransition'>;
  sensor?: SensorLookup;
}) {
  const ledger = createLedgerRepository(deps.db);
  const programmes = createProgrammeRepository(deps.db);
  const quotas = createQuotaRepository(deps.db);
  const claimsRepo = createClaimRepository(deps.db);
  const base = { db: deps.db, clock: deps.clock, notifications: deps.notifications, ledger };
  const sensor = deps.sensor ?? sensorMinutes;
  const programmeService = createProgrammeService({ ...base, programmes });
  const providers = createProviderService({ ...base, programmes });
  const quotaService = createQuotaService({ ...base, programmes, quotas });
  const wallets = createWalletService({ ...base, programmes, quotas, applications: quotaService.applications });
  const reservations = createReservationService({ ...base, programmes, quotas });
  const lifecycle = createQuotaLifecycle({
    ...base,
    programmes,
    quotas,
    claims: claimsRepo,
    reservations: () => reservations,
  });
  const orders = createServiceOrderService({ ...base, programmes, quotas, reservations });
  const claimDeps = { ...base, programmes, quotas, claims: claimsRepo, sensor };
  const claims = createClaimService(claimDeps);
  const review = createClaimReview({ ...claimDeps, claimService: claims, reservations, providers, lifecycle });
  const settlements = createSettlementService({ ...base, claims: claimsRepo });
  const figures = createFiguresService(base);
  const controllers = createControllerService(base);
  const verify = () => verifyLedger(deps.db);

  // Cancelling, rejecting or missing a booking releases its voucher reservation in the same transaction.
  deps.bookings.onTransition((tx, change) => reservations.onBookingChange(tx, change));

  return {
    service: {
      programmes: programmeService,
      providers,
      quotas: quotaService,
      wallets,
      reservations,
      orders,
      claims,
      review,
      settlements,
      figures,
      controllers,
      lifecycle,
      verify,
      /** The scheduled job: expiry of unused quota, reservations past the claim window, orphans. */
      expireDue: () => lifecycle.expireDue(),
    },
    routes(app: FastifyInstance) {
      programmeRoutes(app, { programmes: programmeService, providers, controllers, verify });
      quotaRoutes(app, { quotas: quotaService, wallets, lifecycle, reservations, orders });
      claimRoutes(app, { claims, review, settlements, figures });
    },
  };
}
export type VouchersModule = ReturnType<typeof createVouchersModule>;
