import { type BookingViolation, formatBookingViolation, type ServiceMode } from '../../../shared/booking-rules.js';
import type { Db, Tx } from '../../db/client.js';
import { retryOnDeadlock } from '../../db/deadlock.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, pgConstraint, pgErrorCode } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { IdentityRepository } from '../identity/identity.repository.js';
import type { InstrumentRepository, InstrumentRow } from '../instruments/instrument.repository.js';
import { parseBookingRules } from '../instruments/instrument.service.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { scheduleFee } from './booking.completion.js';
import type { BookingReader } from './booking.read.js';
import type { BookingRepository } from './booking.repository.js';
import { bufferedRange, checkBookingRequest } from './booking.rules.js';
import { initialStatus } from './booking.status.js';
import type { QualificationRepository } from './qualification.repository.js';

const CONFLICT_CODES = new Set(['BOOKING_OVERLAP', 'BOOKING_BUFFER_CONFLICT']);

export interface NewBooking {
  instrumentId: string;
  organisationId?: string;
  start: Date;
  end: Date;
  mode: ServiceMode;
  purpose?: string;
  sampleCount?: number;
}

/**
 * A clash with another booking is BOOKING_CONFLICT, the same code the exclusion constraint's
 * refusal maps to, so callers handle a lost race and a visible clash alike.
 */
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

export function createBookingCreator(deps: {
  db: Db;
  bookings: Pick<BookingRepository, 'neighbours' | 'insert' | 'insertEvent'>;
  qualifications: Pick<QualificationRepository, 'qualifiedUntil'>;
  instruments: Pick<InstrumentRepository, 'findById'>;
  identity: Pick<IdentityRepository, 'members' | 'rolesInOrg'>;
  notifications: Pick<NotificationService, 'post' | 'flush'>;
  clock: Clock;
  reader: Pick<BookingReader, 'detail'>;
}) {
  const { db, bookings, qualifications, instruments, identity, notifications, clock, reader } = deps;

  /** Those who approve the instrument's bookings: its organisation's admins and instrument managers. */
  async function managersOf(tx: Tx, i: InstrumentRow) {
    const members = await identity.members(i.organisationId, tx);
    const grants = await identity.rolesInOrg(i.organisationId, tx);
    const managers = new Set(grants.filter((g) => g.role === 'instrument_manager').map((g) => g.userId));
    return members.filter((m) => m.isAdmin || managers.has(m.user.id)).map((m) => m.user.id);
  }

  return {
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
        return reader.detail(actor, booking.id);
      } catch (err) {
        // The database is the final word on overlap: a racing request may have taken the slot.
        if (pgErrorCode(err) === '23P01' && pgConstraint(err) === 'bookings_no_overlap')
          throw new AppError('BOOKING_CONFLICT');
        throw err;
      }
    },
  };
}
