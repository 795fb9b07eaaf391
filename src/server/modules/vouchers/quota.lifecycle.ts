import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { type RequestContext, systemContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { Outbox } from '../notifications/notification.service.js';
import type { ClaimRepository } from './claim.repository.js';
import { shanghaiDay } from './coverage.js';
import { recordBreach } from './credit.port.js';
import { postingRules } from './ledger.rules.js';
import type { ProgrammeRepository } from './programme.repository.js';
import type { QuotaRepository } from './quota.repository.js';
import type { ReservationService } from './reservation.service.js';
import { orphanedReservations } from './subject.js';
import { memberUserIds, notify, recordChange, rowsOf, type VoucherDeps, yuan } from './voucher.common.js';
import { quotaTransitions } from './voucher.status.js';

/** Days before the end of validity that an enterprise with an unused balance is told once. */
export const EXPIRY_REMINDER_DAYS = 30;

/** The end of vouchers: voiding for fraud and expiry at the end of validity (the scheduled job). */
export function createQuotaLifecycle(
  deps: VoucherDeps & {
    programmes: ProgrammeRepository;
    quotas: QuotaRepository;
    claims: ClaimRepository;
    reservations: () => ReservationService;
  },
) {
  const { db, clock, notifications, programmes, quotas, claims, ledger } = deps;

  /**
   * Voids a voucher inside the caller's transaction: pending claims on it are rejected, held
   * reservations released into the void, and what is available and reserved goes back to the fund.
   */
  async function voidInTx(
    tx: Tx,
    ctx: RequestContext,
    quotaId: string,
    reason: string,
    now: Date,
    outbox: Outbox,
    credit: boolean,
  ) {
    const q = await quotas.lockQuota(tx, quotaId);
    if (!q) throw new AppError('NOT_FOUND');
    if (!(quotaTransitions.void.from as readonly string[]).includes(q.status))
      throw new AppError('INVALID_TRANSITION', { from: q.status }, { from: q.status, command: 'void' });
    const p = await programmes.find(tx, q.programmeId);
    for (const c of await claims.pendingForQuota(tx, quotaId)) {
      await claims.transition(tx, c.id, 'pending_review', {
        status: 'rejected',
        decidedAt: now,
        decidedBy: ctx.actorUserId,
        decisionReason: `创新券作废：${reason}`,
        updatedAt: now,
      });
      await recordChange(tx, ctx, {
        entityType: 'voucher_claim',
        entityId: c.id,
        from: 'pending_review',
        to: 'rejected',
        reason: `创新券作废：${reason}`,
        action: 'voucher_claim.reject',
        regionCode: p?.regionCode ?? null,
        at: now,
      });
    }
    const held = await quotas.heldReservations(tx, quotaId);
    for (const r of held)
      await quotas.transitionReservation(tx, r.id, 'held', {
        status: 'released',
        releasedAt: now,
        releaseReason: `创新券作废：${reason}`,
      });
    const { availableFen, reservedFen } = await ledger.quotaBalances(tx, quotaId);
    const lines = postingRules.voidQuota({ programmeId: q.programmeId, quotaId }, availableFen, reservedFen);
    if (lines.length)
      await ledger.post(tx, {
        kind: 'void',
        key: `void:quota:${quotaId}`,
        programmeId: q.programmeId,
        quotaId,
        enterpriseOrganisationId: q.organisationId,
        memo: `创新券作废：${reason}`,
        actorUserId: ctx.actorUserId,
        at: now,
        lines,
      });
    const row = await quotas.transitionQuota(tx, quotaId, q.status, 'voided', now);
    if (!row) throw new AppError('STALE_STATE');
    await recordChange(tx, ctx, {
      entityType: 'voucher_quota',
      entityId: quotaId,
      from: q.status,
      to: 'voided',
      reason,
      action: 'voucher_quota.void',
      regionCode: p?.regionCode ?? null,
      summary: { availableFen, reservedFen, releasedReservations: held.length },
      at: now,
    });
    if (credit)
      await recordBreach(tx, {
        organisationId: q.organisationId,
        reason: `创新券作废：${reason}`,
        sourceType: 'voucher_quota',
        sourceId: quotaId,
        by: ctx.actorUserId,
        at: now,
      });
    await notify(tx, notifications, outbox, {
      userIds: await memberUserIds(tx, [q.organisationId]),
      title: { zh: '贵单位的创新券已作废', en: 'Your voucher was voided' },
      body: { zh: `理由：${reason}`, en: `Reason: ${reason}` },
      link: `/vouchers/quotas/${quotaId}`,
    });
  }

  return {
    voidInTx,

    async voidQuota(actor: Actor, ctx: RequestContext, quotaId: string, reason: string, credit: boolean) {
      const q = await quotas.findQuota(db, quotaId);
      if (!q) throw new AppError('NOT_FOUND');
      const p = await programmes.find(db, q.programmeId);
      if (!p || !can(actor, 'voucher.review', { regionCode: p.regionCode })) throw new AppError('FORBIDDEN');
      const outbox: Outbox = [];
      await db.transaction((tx) => voidInTx(tx, ctx, quotaId, reason, clock.now(), outbox, credit));
      await notifications.flush(outbox);
    },

    /**
     * The daily job. (1) Vouchers past their validity: the available balance expires back to the
     * fund. (2) Reservations still held after the claim window (validity + grace days) expire too.
     * (3) Held reservations whose booking or order ended without a service are released (a safety
     * net for the booking hook). Each voucher in its own transaction; idempotency keys make a rerun harmless.
     * Before all that, enterprises whose voucher ends within EXPIRY_REMINDER_DAYS with money unused
     * are told once, so the balance can still be spent.
     */
    async expireDue() {
      const now = clock.now();
      let reminded = 0;
      for (const { id } of await quotas.dueForReminder(now, EXPIRY_REMINDER_DAYS)) {
        const outbox: Outbox = [];
        const told = await db.transaction(async (tx) => {
          const q = await quotas.lockQuota(tx, id);
          if (!q || q.status !== 'active' || !(await quotas.markReminded(tx, id, now))) return false;
          const { availableFen } = await ledger.quotaBalances(tx, id);
          if (availableFen <= 0) return false;
          const lastDay = shanghaiDay(new Date(q.expiresAt.getTime() - 1));
          await notify(tx, notifications, outbox, {
            userIds: await memberUserIds(tx, [q.organisationId]),
            title: { zh: `创新券将于 ${lastDay} 到期`, en: `Your voucher ends on ${lastDay}` },
            body: {
              zh: `尚有 ${yuan(availableFen)} 元未使用，到期后将失效。可在到期前预约仪器或订购服务时使用。`,
              en: `${yuan(availableFen)} yuan is still unused and lapses at the end of validity. Use it when booking an instrument or ordering a service before then.`,
            },
            link: `/vouchers/quotas/${id}`,
          });
          return true;
        });
        await notifications.flush(outbox);
        if (told) reminded++;
      }
      let expired = 0;
      let expiredReservations = 0;
      let released = 0;
      for (const { id } of await quotas.dueToExpire(now)) {
        const outbox: Outbox = [];
        const done = await db.transaction(async (tx) => {
          const q = await quotas.lockQuota(tx, id);
          if (!q || q.status !== 'active' || q.expiresAt > now) return false;
          const { availableFen } = await ledger.quotaBalances(tx, id);
          if (availableFen > 0)
            await ledger.post(tx, {
              kind: 'expire',
              key: `expire:${id}`,
              programmeId: q.programmeId,
              quotaId: id,
              enterpriseOrganisationId: q.organisationId,
              memo: `有效期届满（${shanghaiDay(new Date(q.expiresAt.getTime() - 1))}）/ validity ended`,
              at: now,
              lines: postingRules.expireAvailable({ programmeId: q.programmeId, quotaId: id }, availableFen),
            });
          await quotas.transitionQuota(tx, id, 'active', 'expired', now);
          await recordChange(tx, systemContext, {
            entityType: 'voucher_quota',
            entityId: id,
            from: 'active',
            to: 'expired',
            reason: '有效期届满 / validity ended',
            action: 'voucher_quota.expire',
            regionCode: null,
            summary: { expiredFen: availableFen },
            at: now,
          });
          await notify(tx, notifications, outbox, {
            userIds: await memberUserIds(tx, [q.organisationId]),
            title: { zh: '创新券已到期', en: 'Your voucher has expired' },
            body: {
              zh: `未使用的 ${yuan(availableFen)} 元已失效；已预约的服务可在兑付期内继续兑付。`,
              en: `The unused ${yuan(availableFen)} yuan expired; services already reserved can still be claimed within the claim window.`,
            },
            link: `/vouchers/quotas/${id}`,
          });
          return true;
        });
        await notifications.flush(outbox);
        if (done) expired++;
      }
      // Held reservations past the claim window of their settings version, with no claim under review.
      const stale = rowsOf<{ id: string }>(
        await db.execute(sql`
          select r.id::text as id from voucher_reservations r
          join voucher_quotas q on q.id = r.quota_id
          join voucher_programme_versions v on v.programme_id = r.programme_id and v.version = r.programme_version
          where r.status = 'held'
            and q.expires_at + make_interval(days => coalesce((v.settings->>'claimGraceDays')::int, 0)) <= ${now}
            and not exists (select 1 from voucher_claims c where c.reservation_id = r.id and c.status = 'pending_review')
          limit 1000`),
      );
      for (const { id } of stale) {
        await db.transaction(async (tx) => {
          const r0 = await quotas.findReservation(tx, id);
          if (!r0) return;
          await quotas.lockQuota(tx, r0.quotaId);
          const r = await quotas.transitionReservation(tx, id, 'held', {
            status: 'expired',
            releasedAt: now,
            releaseReason: '兑付期届满 / claim window ended',
          });
          if (!r) return;
          await ledger.post(tx, {
            kind: 'expire',
            key: `expire:reservation:${id}`,
            programmeId: r.programmeId,
            quotaId: r.quotaId,
            enterpriseOrganisationId: r.enterpriseOrganisationId,
            providerOrganisationId: r.providerOrganisationId,
            reservationId: id,
            memo: '兑付期届满，冻结金额失效 / claim window ended',
            at: now,
            lines: postingRules.expireReserved({ programmeId: r.programmeId, quotaId: r.quotaId }, r.amountFen),
          });
          expiredReservations++;
        });
      }
      for (const o of await orphanedReservations(db)) {
        await db.transaction(async (tx) => {
          const r = await quotas.findReservation(tx, o.id);
          if (
            r &&
            (await deps
              .reservations()
              .releaseInTx(tx, systemContext, r, '服务未发生，冻结金额释放 / service did not happen', now))
          )
            released++;
        });
      }
      return { reminded, expired, expiredReservations, released };
    },
  };
}
export type QuotaLifecycle = ReturnType<typeof createQuotaLifecycle>;
