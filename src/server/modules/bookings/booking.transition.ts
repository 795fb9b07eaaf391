import { type BookingStatus, bookingStatusLabels, type ServiceMode } from '../../../shared/booking-rules.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit, type RequestContext, systemContext } from '../audit/audit.writer.js';
import type { Actor } from '../identity/actor.js';
import { parseBookingRules } from '../instruments/instrument.service.js';
import type { NotificationService, Outbox } from '../notifications/notification.service.js';
import { recordService, type ServiceInput } from './booking.completion.js';
import { mayRun } from './booking.policy.js';
import type { BookingReader } from './booking.read.js';
import type { BookingRepository } from './booking.repository.js';
import { canCancel } from './booking.rules.js';
import { type BookingCommand, bookingTransitions, canTransition } from './booking.status.js';

const CHECK_IN_EARLY_MS = 30 * 60_000;

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

export function createBookingTransitions(deps: {
  db: Db;
  bookings: Pick<BookingRepository, 'transition' | 'insertEvent' | 'insertService' | 'releaseNoShows'>;
  notifications: Pick<NotificationService, 'post' | 'flush'>;
  clock: Clock;
  reader: Pick<BookingReader, 'load' | 'detail'>;
}) {
  const { db, bookings, notifications, clock, reader } = deps;
  const hooks: BookingTransitionHook[] = [];
  async function runHooks(tx: Tx, change: Parameters<BookingTransitionHook>[1]): Promise<Outbox> {
    const out: Outbox = [];
    for (const h of hooks) out.push(...((await h(tx, change)) ?? []));
    return out;
  }

  return {
    /** Registers a hook run in every status change's transaction (see BookingTransitionHook). */
    onTransition(hook: BookingTransitionHook) {
      hooks.push(hook);
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
      const { booking, instrument, manager } = await reader.load(actor, id);
      if (!mayRun(command, { manager, booker: booking.userId === actor.userId })) throw new AppError('FORBIDDEN');
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
          const recorded = await recordService(tx, bookings, {
            booking,
            instrument,
            service,
            recordedBy: actor.userId,
            at: now,
          });
          summary = { ...summary, service: recorded };
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
      return reader.detail(actor, id);
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
  };
}
