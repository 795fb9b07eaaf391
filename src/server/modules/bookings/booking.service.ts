import {
  type BookingStatus,
  type BookingViolation,
  bookingStatusLabels,
  formatBookingViolation,
  type ServiceMode,
} from '../../../shared/booking-rules.js';
import type { Db, Tx } from '../../db/client.js';
import { retryOnDeadlock } from '../../db/deadlock.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, pgConstraint, pgErrorCode } from '../../lib/errors.js';
import { presentEvents } from '../../lib/status-events.js';
import { appendAudit, type RequestContext, systemContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { IdentityRepository } from '../identity/identity.repository.js';
import type { InstrumentRepository, InstrumentRow } from '../instruments/instrument.repository.js';
import { parseBookingRules } from '../instruments/instrument.service.js';
import type { NotificationService, Outbox } from '../notifications/notification.service.js';
import type { BookingFilter, BookingRepository, BookingRow } from './booking.repository.js';
import { bufferedRange, canCancel, checkBookingRequest } from './booking.rules.js';
import {
  type BookingCommand,
  bookingTransitions,
  canTransition,
  commandsFrom,
  initialStatus,
} from './booking.status.js';
import type { QualificationRepository } from './qualification.repository.js';

const CONFLICT_CODES = new Set(['BOOKING_OVERLAP', 'BOOKING_BUFFER_CONFLICT']);
const CHECK_IN_EARLY_MS = 30 * 60_000;

export interface NewBooking {
  instrumentId: string;
  organisationId?: string;
  start: Date;
  end: Date;
  mode: ServiceMode;
  purpose?: string;
  sampleCount?: number;
}

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

/** Who may run each command: the instrument's managers, the person who booked, or either. */
const commandActors: Record<BookingCommand, 'manager' | 'booker' | 'either'> = {
  approve: 'manager',
  reject: 'manager',
  confirm: 'manager',
  check_in: 'either',
  complete: 'manager',
  cancel: 'either',
  mark_no_show: 'manager',
};

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

/**
 * Called inside the transaction of every booking status change (commands and the no-show sweep),
 * after the booking row is updated and before its audit row, so other modules keep their records in
 * step atomically, e.g. vouchers release the amount reserved for a booking that is cancelled,
 * rejected or missed. A hook that throws rolls the change back.
 */
export type BookingTransitionHook = (
  tx: Tx,
  change: { bookingId: string; from: BookingStatus; to: BookingStatus; at: Date; ctx: RequestContext },
) => Promise<Outbox | undefined>;

export interface BookingServiceDeps {
  db: Db;
  bookings: BookingRepository;
  qualifications: QualificationRepository;
  instruments: InstrumentRepository;
  identity: IdentityRepository;
  notifications: NotificationService;
  clock: Clock;
}

export function createBookingService(deps: BookingServiceDeps) {
  const { db, bookings, qualifications, instruments, identity, notifications, clock } = deps;
  const hooks: BookingTransitionHook[] = [];
  async function runHooks(tx: Tx, change: Parameters<BookingTransitionHook>[1]): Promise<Outbox> {
    const out: Outbox = [];
    for (const h of hooks) out.push(...((await h(tx, change)) ?? []));
    return out;
  }

  function isManager(actor: Actor | null, i: InstrumentRow) {
    return can(actor, 'instrument.manage', { organisationId: i.organisationId, regionCode: i.regionCode });
  }

  async function managersOf(tx: Tx, i: InstrumentRow) {
    const members = await identity.members(i.organisationId, tx);
    const grants = await identity.rolesInOrg(i.organisationId, tx);
    const managers = new Set(grants.filter((g) => g.role === 'instrument_manager').map((g) => g.userId));
    return members.filter((m) => m.isAdmin || managers.has(m.user.id)).map((m) => m.user.id);
  }

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
    const allowed = commandsFrom(status, booking.mode as ServiceMode).filter((c) => {
      const who = commandActors[c];
      return who === 'either' || (who === 'manager' ? manager : booking.userId === actor.userId);
    });
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

  function presentListItem(r: Awaited<ReturnType<BookingRepository['mine']>>['rows'][number]) {
    return {
      ...present(r.booking),
      instrumentName: r.instrumentName,
      userName: r.userName,
      organisationName: r.organisationName,
    };
  }

  function notice(userIds: string[], instrumentName: string, to: BookingStatus, link: string) {
    return {
      userIds,
      category: 'booking',
      title: {
        zh: `预约${bookingStatusLabels[to].zh}：${instrumentName}`,
        en: `Booking ${bookingStatusLabels[to].en}: ${instrumentName}`,
      },
      body: {
        zh: `您关于「${instrumentName}」的预约状态已变为「${bookingStatusLabels[to].zh}」。`,
        en: `Your booking of "${instrumentName}" is now "${bookingStatusLabels[to].en}".`,
      },
      link,
    };
  }

  return {
    detail,

    /** Registers a hook run in every status change's transaction (see BookingTransitionHook). */
    onTransition(hook: BookingTransitionHook) {
      hooks.push(hook);
    },

    async create(actor: Actor, ctx: RequestContext, lang: 'zh' | 'en', input: NewBooking) {
      const membership = input.organisationId
        ? actor.memberships.find((m) => m.organisationId === input.organisationId)
        : actor.memberships[0];
      if (!membership || !can(actor, 'booking.create', { organisationId: membership.organisationId }))
        throw new AppError('FORBIDDEN');
      if (membership.status !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
      const found = await instruments.findById(input.instrumentId);
      if (!found) throw new AppError('NOT_FOUND');
      const i = found.instrument;
      const outsider = membership.organisationId !== i.organisationId;
      if (i.status !== 'normal' || i.shareMode === 'none' || (i.shareMode === 'internal' && outsider))
        throw new AppError('INSTRUMENT_NOT_BOOKABLE');
      const rules = parseBookingRules(i.bookingRules);
      const now = clock.now();
      const margin = rules.bufferMinutes * 60_000;
      const [neighbours, qualifiedUntil] = await Promise.all([
        bookings.neighbours(i.id, new Date(input.start.getTime() - margin), new Date(input.end.getTime() + margin)),
        qualifications.qualifiedUntil(actor.userId, i.id),
      ]);
      const violations = checkBookingRequest(rules, input, { now, qualifiedUntil, neighbours });
      throwViolations(violations, lang);

      const slot = bufferedRange(rules, input.start, input.end);
      const status = initialStatus(rules.requiresApproval);
      const minutes = (input.end.getTime() - input.start.getTime()) / 60_000;
      try {
        const { booking, outbox } = await retryOnDeadlock(() =>
          db.transaction(async (tx) => {
            const booking = await bookings.insert(tx, {
              instrumentId: i.id,
              userId: actor.userId,
              organisationId: membership.organisationId,
              mode: input.mode,
              status,
              startAt: input.start,
              endAt: input.end,
              slot: `[${slot.start.toISOString()},${slot.end.toISOString()})`,
              purpose: input.purpose ?? null,
              sampleCount: input.sampleCount ?? null,
              estimatedFeeFen: scheduleFee(i, input.mode, minutes, input.sampleCount ?? 0),
              createdAt: now,
              updatedAt: now,
            });
            await bookings.insertEvent(tx, {
              bookingId: booking.id,
              fromStatus: null,
              toStatus: status,
              actorUserId: actor.userId,
              at: now,
            });
            await appendAudit(
              tx,
              ctx,
              {
                action: 'booking.create',
                targetType: 'booking',
                targetId: booking.id,
                regionCode: i.regionCode,
                summary: {
                  instrumentId: i.id,
                  start: input.start.toISOString(),
                  end: input.end.toISOString(),
                  mode: input.mode,
                  status,
                },
              },
              now,
            );
            const outbox =
              status === 'requested'
                ? await notifications.post(tx, {
                    userIds: await managersOf(tx, i),
                    category: 'booking',
                    title: { zh: `新的预约待审批：${i.nameZh}`, en: `New booking to approve: ${i.nameZh}` },
                    body: {
                      zh: `${actor.name} 申请预约「${i.nameZh}」。`,
                      en: `${actor.name} asked to book "${i.nameZh}".`,
                    },
                    link: `/bookings/${booking.id}`,
                  })
                : [];
            return { booking, outbox };
          }),
        );
        await notifications.flush(outbox);
        return detail(actor, booking.id);
      } catch (err) {
        // The database is the final word on overlap: a racing request may have taken the slot.
        if (pgErrorCode(err) === '23P01' && pgConstraint(err) === 'bookings_no_overlap')
          throw new AppError('BOOKING_CONFLICT');
        throw err;
      }
    },

    /** The status-change template: authorise, guard, conditional update + event + audit, notify after commit. */
    async transition(
      actor: Actor,
      ctx: RequestContext,
      id: string,
      command: BookingCommand,
      reason?: string,
      service?: ServiceInput,
    ) {
      const { booking, instrument, manager } = await load(actor, id);
      const who = commandActors[command];
      const allowed =
        who === 'either'
          ? manager || booking.userId === actor.userId
          : who === 'manager'
            ? manager
            : booking.userId === actor.userId;
      if (!allowed) throw new AppError('FORBIDDEN');
      const from = booking.status as BookingStatus;
      const mode = booking.mode as ServiceMode;
      if (!canTransition(command, from, mode))
        throw new AppError('INVALID_TRANSITION', { from: bookingStatusLabels[from].zh }, { from, command });
      const t = bookingTransitions[command];
      if (t.reasonRequired && !reason?.trim())
        throw new AppError('VALIDATION_FAILED', {}, [{ path: 'reason', message: 'a reason is required' }]);
      if (command === 'complete' && !service)
        throw new AppError('VALIDATION_FAILED', {}, [{ path: 'service', message: 'completing records the service' }]);
      const now = clock.now();
      // Check-in opens shortly before the slot and closes at its end: usage recorded against a
      // booking must lie around the booked time (vouchers and sensor evidence rely on it).
      if (
        command === 'check_in' &&
        (now.getTime() < booking.startAt.getTime() - CHECK_IN_EARLY_MS || now >= booking.endAt)
      )
        throw new AppError('BOOKING_CHECK_IN_WINDOW', { minutes: CHECK_IN_EARLY_MS / 60_000 });
      const rules = parseBookingRules(instrument.bookingRules);
      const cancellation = command === 'cancel' && !manager ? canCancel(rules, { start: booking.startAt }, now) : null;
      // Once a booking has begun the booker can no longer cancel it; the manager can (e.g. a breakdown).
      if (cancellation && !cancellation.ok) throw new AppError('BOOKING_ALREADY_STARTED');
      const late = cancellation?.late ?? false;
      const outbox: Outbox = await db.transaction(async (tx) => {
        const row = await bookings.transition(tx, id, from, {
          status: t.to,
          updatedAt: now,
          ...(command === 'check_in' ? { checkedInAt: now } : {}),
          ...(late ? { cancelledLate: true } : {}),
        });
        if (!row) throw new AppError('STALE_STATE');
        await bookings.insertEvent(tx, {
          bookingId: id,
          fromStatus: from,
          toStatus: t.to,
          actorUserId: actor.userId,
          reason: reason ?? null,
          at: now,
        });
        let summary: Record<string, unknown> = {
          before: { status: from },
          after: { status: t.to },
          reason: reason ?? null,
          late,
        };
        if (command === 'complete' && service) {
          const feeFen = service.feeFen ?? scheduleFee(instrument, mode, service.measureMinutes, service.samples);
          await bookings.insertService(tx, {
            instrumentId: instrument.id,
            bookingId: id,
            userOrganisationId: booking.organisationId,
            // 对外服务: the user is outside the owner's legal entity.
            external: booking.organisationId !== instrument.organisationId,
            startedAt: booking.checkedInAt ?? booking.startAt,
            ...service,
            feeFen,
            recordedBy: actor.userId,
            recordedAt: now,
          });
          summary = { ...summary, service: { ...service, feeFen } };
        }
        // Hooks run before this change's audit row: the audit append takes a global lock, and
        // taking other locks after it (a hook's) could deadlock with writers taking them the other way.
        const hooked = await runHooks(tx, { bookingId: id, from, to: t.to, at: now, ctx });
        await appendAudit(
          tx,
          ctx,
          {
            action: `booking.${command}`,
            targetType: 'booking',
            targetId: id,
            regionCode: instrument.regionCode,
            summary,
          },
          now,
        );
        return actor.userId === booking.userId
          ? hooked
          : [
              ...hooked,
              ...(await notifications.post(tx, notice([booking.userId], instrument.nameZh, t.to, `/bookings/${id}`))),
            ];
      });
      await notifications.flush(outbox);
      return detail(actor, id);
    },

    /** Run by the scheduler: releases no-shows, with an event, an audit row and a notice for each. */
    async releaseNoShows() {
      const now = clock.now();
      const { released, outbox } = await db.transaction(async (tx) => {
        const released = await bookings.releaseNoShows(tx, now);
        const outbox: Outbox = [];
        // All hooks first, before any audit row (see transition above).
        for (const b of released)
          outbox.push(
            ...(await runHooks(tx, { bookingId: b.id, from: 'confirmed', to: 'no_show', at: now, ctx: systemContext })),
          );
        for (const b of released) {
          const reason = '未按时签到，系统自动释放 / not checked in in time; released automatically';
          await bookings.insertEvent(tx, {
            bookingId: b.id,
            fromStatus: 'confirmed',
            toStatus: 'no_show',
            reason,
            at: now,
          });
          await appendAudit(
            tx,
            systemContext,
            {
              action: 'booking.no_show',
              targetType: 'booking',
              targetId: b.id,
              regionCode: b.regionCode,
              summary: { reason },
            },
            now,
          );
          outbox.push(
            ...(await notifications.post(tx, notice([b.userId], b.instrumentName, 'no_show', `/bookings/${b.id}`))),
          );
        }
        return { released, outbox };
      });
      await notifications.flush(outbox);
      return released.length;
    },

    /** The booker rates the delivered service once; the rating and comment are public (by kind of user only). */
    async rate(actor: Actor, ctx: RequestContext, id: string, rating: number, comment: string | null) {
      const { booking, instrument } = await load(actor, id);
      if (booking.userId !== actor.userId) throw new AppError('FORBIDDEN');
      const now = clock.now();
      await db.transaction(async (tx) => {
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
      return detail(actor, id);
    },

    async mine(actor: Actor, filter: BookingListFilter, page: number, pageSize: number) {
      const { rows, total } = await bookings.mine(actor.userId, toRepositoryFilter(filter), page, pageSize);
      return {
        items: rows.map(presentListItem),
        total,
        page,
        pageSize,
      };
    },

    /** The approval queue: bookings of instruments the actor manages. */
    async queue(actor: Actor, filter: BookingListFilter, page: number, pageSize: number) {
      const orgIds = actor.memberships
        .filter((m) => can(actor, 'instrument.manage', { organisationId: m.organisationId }))
        .map((m) => m.organisationId);
      const { rows, total } = await bookings.queue(orgIds, toRepositoryFilter(filter), page, pageSize);
      return {
        items: rows.map(presentListItem),
        total,
        page,
        pageSize,
      };
    },
  };
}

function throwViolations(violations: BookingViolation[], lang: 'zh' | 'en') {
  if (violations.length === 0) return;
  const details = violations.map((v) => ({ code: v.code, params: v.params, message: formatBookingViolation(v, lang) }));
  if (violations.some((v) => CONFLICT_CODES.has(v.code))) throw new AppError('BOOKING_CONFLICT', {}, details);
  throw new AppError(
    'BOOKING_RULE_VIOLATION',
    { reasons: details.map((d) => d.message).join(lang === 'zh' ? '；' : '; ') },
    details,
  );
}
export type BookingService = ReturnType<typeof createBookingService>;
