import type { BookingStatus, ServiceMode } from '../../../shared/booking-rules.js';
import { AppError } from '../../lib/errors.js';
import { presentEvents } from '../../lib/status-events.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { InstrumentRepository } from '../instruments/instrument.repository.js';
import { isManager, mayRun } from './booking.policy.js';
import type { BookingFilter, BookingRepository, BookingRow } from './booking.repository.js';
import { commandsFrom } from './booking.status.js';

/** The list filters as they come over HTTP: calendar days in Shanghai, `to` inclusive. */
export interface BookingListFilter {
  status?: BookingStatus;
  instrumentId?: string;
  from?: string;
  to?: string;
  q?: string;
}

const DAY_MS = 86_400_000;
export function toRepositoryFilter(f: BookingListFilter): BookingFilter {
  const startOfDay = (d: string) => new Date(`${d}T00:00:00+08:00`);
  return {
    status: f.status,
    instrumentId: f.instrumentId,
    from: f.from ? startOfDay(f.from) : undefined,
    to: f.to ? new Date(startOfDay(f.to).getTime() + DAY_MS) : undefined,
    q: f.q || undefined,
  };
}

function present(b: BookingRow) {
  return {
    id: b.id,
    instrumentId: b.instrumentId,
    userId: b.userId,
    organisationId: b.organisationId,
    mode: b.mode as ServiceMode,
    status: b.status as BookingStatus,
    start: b.startAt.toISOString(),
    end: b.endAt.toISOString(),
    purpose: b.purpose,
    sampleCount: b.sampleCount,
    estimatedFeeFen: b.estimatedFeeFen,
    cancelledLate: b.cancelledLate,
    createdAt: b.createdAt.toISOString(),
  };
}

type ListPage = Awaited<ReturnType<BookingRepository['mine']>>;

function presentPage({ rows, total }: ListPage, page: number, pageSize: number) {
  return {
    items: rows.map((r) => ({
      ...present(r.booking),
      instrumentName: r.instrumentName,
      userName: r.userName,
      organisationName: r.organisationName,
    })),
    total,
    page,
    pageSize,
  };
}

export function createBookingReader(deps: {
  bookings: Pick<BookingRepository, 'findById' | 'events' | 'serviceFor' | 'parties' | 'mine' | 'queue'>;
  instruments: Pick<InstrumentRepository, 'findById'>;
}) {
  const { bookings, instruments } = deps;

  /**
   * The booking with its instrument, for its managers and its booker only: anyone else is told
   * NOT_FOUND, not FORBIDDEN, so they learn nothing about which bookings exist.
   */
  async function load(actor: Actor, id: string) {
    const booking = await bookings.findById(id);
    if (!booking) throw new AppError('NOT_FOUND');
    const found = await instruments.findById(booking.instrumentId);
    if (!found) throw new AppError('NOT_FOUND');
    const manager = isManager(actor, found.instrument);
    if (!manager && booking.userId !== actor.userId) throw new AppError('NOT_FOUND');
    return { booking, instrument: found.instrument, manager };
  }

  async function detail(actor: Actor, id: string) {
    const { booking, instrument, manager } = await load(actor, id);
    const [events, service, parties] = await Promise.all([
      bookings.events(id),
      bookings.serviceFor(id),
      bookings.parties(id),
    ]);
    const status = booking.status as BookingStatus;
    const allowed = commandsFrom(status, booking.mode as ServiceMode).filter((c) =>
      mayRun(c, { manager, booker: booking.userId === actor.userId }),
    );
    return {
      ...present(booking),
      instrumentName: instrument.nameZh,
      userName: parties?.userName ?? '',
      organisationName: parties?.organisationName ?? '',
      fees: {
        perHourFen: instrument.feePerHourFen,
        perSampleFen: instrument.feePerSampleFen,
        notes: instrument.feeNotes,
      },
      allowedCommands: allowed,
      events: presentEvents(events),
      service: service
        ? {
            prepMinutes: service.prepMinutes,
            measureMinutes: service.measureMinutes,
            postMinutes: service.postMinutes,
            samples: service.samples,
            feeFen: service.feeFen,
            external: service.external,
            rating: service.rating,
            comment: service.comment,
          }
        : null,
    };
  }

  return {
    load,
    detail,

    async mine(actor: Actor, filter: BookingListFilter, page: number, pageSize: number) {
      return presentPage(await bookings.mine(actor.userId, toRepositoryFilter(filter), page, pageSize), page, pageSize);
    },

    /** The approval queue: bookings of instruments the actor manages. */
    async queue(actor: Actor, filter: BookingListFilter, page: number, pageSize: number) {
      const orgIds = actor.memberships
        .filter((m) => can(actor, 'instrument.manage', { organisationId: m.organisationId }))
        .map((m) => m.organisationId);
      return presentPage(await bookings.queue(orgIds, toRepositoryFilter(filter), page, pageSize), page, pageSize);
    },
  };
}
export type BookingReader = ReturnType<typeof createBookingReader>;
