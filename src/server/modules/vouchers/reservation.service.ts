import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { ReservationStatus } from '../../../shared/api/vouchers.js';
import { formatErrorMessage, type Lang } from '../../../shared/errors.js';
import type { Tx } from '../../db/client.js';
import { AppError, pgConstraint } from '../../lib/errors.js';
import { type RequestContext, systemContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { Outbox } from '../notifications/notification.service.js';
import { shanghaiDay } from './coverage.js';
import { postingRules } from './ledger.rules.js';
import type { ProgrammeRepository } from './programme.repository.js';
import type { QuotaRepository, ReservationRow } from './quota.repository.js';
import { voucherQuotas, voucherReservations } from './quota.table.js';
import { capSubject, createReservationRules } from './reservation.rules.js';
import { loadSubject, type Subject, type SubjectType, subjectLabels } from './subject.js';
import {
  isMember,
  lockCapSubject,
  memberUserIds,
  notify,
  orgById,
  recordChange,
  type VoucherDeps,
  yuan,
} from './voucher.common.js';

export { capSubject, relationRefusal } from './reservation.rules.js';

/** Reservations of voucher money at booking (or service order) time, and their release. */
export function createReservationService(
  deps: VoucherDeps & { programmes: ProgrammeRepository; quotas: QuotaRepository },
) {
  const { db, clock, notifications, programmes, quotas, ledger } = deps;

  const { evaluate, refusalFor } = createReservationRules(deps);

  async function present(r: ReservationRow) {
    const { rows } = await quotas.reservations(eq(voucherReservations.id, r.id), 1, 1);
    const row = rows[0];
    if (!row) throw new AppError('NOT_FOUND');
    return presentRow(row);
  }

  function presentRow(row: Awaited<ReturnType<QuotaRepository['reservations']>>['rows'][number]) {
    const r = row.r;
    return {
      id: r.id,
      quotaId: r.quotaId,
      programmeId: r.programmeId,
      programmeName: row.programmeName,
      subjectType: r.subjectType as SubjectType,
      subjectId: r.subjectId,
      serviceKind: r.serviceKind as Subject['kind'],
      enterpriseOrganisationId: r.enterpriseOrganisationId,
      enterpriseName: row.enterpriseName,
      providerOrganisationId: r.providerOrganisationId,
      providerName: row.providerName,
      subjectName: r.subjectName,
      serviceStart: r.serviceStart.toISOString(),
      feeFen: r.feeFen,
      amountFen: r.amountFen,
      ownShareFen: r.feeFen - r.amountFen,
      status: r.status as ReservationStatus,
      createdAt: r.createdAt.toISOString(),
      releasedAt: r.releasedAt?.toISOString() ?? null,
      releaseReason: r.releaseReason,
      claimId: row.claimId,
    };
  }

  /** Releases a held reservation inside the caller's transaction: the money goes back to available. */
  async function releaseInTx(
    tx: Tx,
    ctx: RequestContext,
    r: ReservationRow,
    reason: string,
    now: Date,
  ): Promise<boolean> {
    const quota = await quotas.lockQuota(tx, r.quotaId);
    const row = await quotas.transitionReservation(tx, r.id, 'held', {
      status: 'released',
      releasedAt: now,
      releaseReason: reason,
    });
    if (!row || !quota) return false;
    const refs = {
      programmeId: r.programmeId,
      quotaId: r.quotaId,
      enterpriseOrganisationId: r.enterpriseOrganisationId,
      providerOrganisationId: r.providerOrganisationId,
      reservationId: r.id,
      actorUserId: ctx.actorUserId,
      at: now,
    };
    await ledger.post(tx, {
      ...refs,
      kind: 'release',
      key: `release:${r.id}`,
      memo: reason,
      lines: postingRules.release({ quotaId: r.quotaId }, r.amountFen),
    });
    // Money released into a voucher that has expired (or been voided) meanwhile does not become
    // spendable again: it follows the voucher's fate, so a closed voucher's balance stays zero.
    if (quota.status !== 'active')
      await ledger.post(tx, {
        ...refs,
        kind: quota.status === 'voided' ? 'void' : 'expire',
        key: `${quota.status === 'voided' ? 'void' : 'expire'}:release:${r.id}`,
        memo:
          quota.status === 'voided'
            ? '创新券已作废，释放金额一并作废 / voucher voided'
            : '创新券已到期，释放金额随即失效 / voucher expired',
        lines: postingRules.expireAvailable({ programmeId: r.programmeId, quotaId: r.quotaId }, r.amountFen),
      });
    await recordChange(tx, ctx, {
      entityType: 'voucher_reservation',
      entityId: r.id,
      from: 'held',
      to: 'released',
      reason,
      action: 'voucher_reservation.release',
      regionCode: null,
      summary: { amountFen: r.amountFen, subjectType: r.subjectType, subjectId: r.subjectId },
      at: now,
    });
    return true;
  }

  async function requireReader(actor: Actor, r: ReservationRow) {
    if (isMember(actor, r.enterpriseOrganisationId) || isMember(actor, r.providerOrganisationId)) return;
    const p = await programmes.find(db, r.programmeId);
    if (!p || !can(actor, 'voucher.read', { regionCode: p.regionCode })) throw new AppError('NOT_FOUND');
  }

  return {
    present,
    releaseInTx,
    evaluate,

    /** What each of the enterprise's vouchers could cover for this booking or order, or why not. */
    async quote(actor: Actor, lang: Lang, q: { bookingId?: string; serviceOrderId?: string; quotaId?: string }) {
      const subject = await loadSubject(
        db,
        q.bookingId ? 'booking' : 'service_order',
        (q.bookingId ?? q.serviceOrderId) as string,
      );
      if (
        !isMember(actor, subject.enterpriseOrgId) ||
        !can(actor, 'voucher.apply', { organisationId: subject.enterpriseOrgId })
      )
        throw new AppError('NOT_FOUND');
      const { rows } = await quotas.quotas(
        and(
          eq(voucherQuotas.organisationId, subject.enterpriseOrgId),
          q.quotaId ? eq(voucherQuotas.id, q.quotaId) : undefined,
        ),
        1,
        100,
      );
      const now = clock.now();
      const options = [];
      for (const { quota, programmeName } of rows) {
        if (quota.status !== 'active' && !q.quotaId) continue;
        const e = await evaluate(db, quota, subject, now);
        const refusal = !e.ok
          ? e.refusal
          : e.split.coveredFen <= 0
            ? refusalFor(e.split, 1, e.availableFen, e.issuer.settings)
            : null;
        options.push({
          quotaId: quota.id,
          programmeName,
          usable: !refusal,
          split: e.ok ? e.split : null,
          refusal: refusal
            ? { code: refusal.code, message: formatErrorMessage(refusal.code, lang, refusal.params) }
            : null,
        });
      }
      const provider = await orgById(db, subject.providerOrgId);
      return {
        subjectType: subject.type,
        subjectId: subject.id,
        serviceKind: subject.kind,
        providerOrganisationId: provider.id,
        providerName: provider.name,
        options,
      };
    },

    /**
     * Reserves voucher money for a booking or order. Serialised per annual-cap subject and per voucher
     * (advisory lock, then the quota row), so concurrent requests can never spend a balance twice.
     */
    async reserve(
      actor: Actor,
      ctx: RequestContext,
      input: { bookingId?: string; serviceOrderId?: string; quotaId: string; amountFen?: number },
      idempotencyKey: string | null,
    ) {
      const type: SubjectType = input.bookingId ? 'booking' : 'service_order';
      const subjectId = (input.bookingId ?? input.serviceOrderId) as string;
      if (idempotencyKey) {
        const prior = await quotas.reservationByKey(db, idempotencyKey);
        if (prior) {
          if (prior.subjectId !== subjectId || prior.quotaId !== input.quotaId)
            throw new AppError('VOUCHER_IDEMPOTENCY_KEY_REUSED');
          return present(prior);
        }
      }
      const quota0 = await quotas.findQuota(db, input.quotaId);
      if (!quota0 || !isMember(actor, quota0.organisationId)) throw new AppError('NOT_FOUND');
      if (!can(actor, 'voucher.apply', { organisationId: quota0.organisationId })) throw new AppError('FORBIDDEN');
      const now = clock.now();
      let result: ReservationRow;
      try {
        result = await db.transaction(async (tx) => {
          // Lock order everywhere: subject, then annual-cap subject, then voucher, then the audit chain.
          await quotas.lockSubject(tx, type, subjectId);
          const subject = await loadSubject(tx, type, subjectId);
          if (subject.enterpriseOrgId !== quota0.organisationId) throw new AppError('NOT_FOUND');
          const issuer0 = await programmes.withSettings(tx, quota0.programmeId);
          if (!issuer0) throw new AppError('NOT_FOUND');
          const cap0 = await capSubject(tx, issuer0.settings, quota0.organisationId);
          await lockCapSubject(tx, quota0.programmeId, cap0.key);
          const quota = await quotas.lockQuota(tx, quota0.id);
          if (!quota) throw new AppError('NOT_FOUND');
          const live = await quotas.liveReservationFor(tx, type, subjectId);
          if (live)
            throw new AppError('VOUCHER_ALREADY_RESERVED', {
              subject: subjectLabels[type].zh,
              subjectEn: subjectLabels[type].en,
            });
          const e = await evaluate(tx, quota, subject, now);
          if (!e.ok) throw new AppError(e.refusal.code, e.refusal.params);
          const { split, admission } = e;
          const amount = input.amountFen ?? split.coveredFen;
          if (amount <= 0 || amount > split.coveredFen) {
            const refusal = refusalFor(split, Math.max(amount, 1), e.availableFen, e.issuer.settings);
            throw new AppError(refusal.code, refusal.params);
          }
          const r = await quotas.insertReservation(tx, {
            quotaId: quota.id,
            programmeId: quota.programmeId,
            programmeVersion: e.issuer.version,
            subjectType: type,
            subjectId,
            serviceKind: subject.kind,
            enterpriseOrganisationId: subject.enterpriseOrgId,
            providerOrganisationId: subject.providerOrgId,
            providerId: admission.id,
            subjectName: subject.name,
            serviceStart: subject.start,
            feeFen: split.feeFen,
            amountFen: amount,
            status: 'held',
            idempotencyKey,
            createdBy: actor.userId,
            createdAt: now,
          });
          if (!r) {
            // A concurrent request with the same key won; answer with its reservation.
            const prior = idempotencyKey ? await quotas.reservationByKey(tx, idempotencyKey) : undefined;
            if (!prior) throw new AppError('STALE_STATE');
            return prior;
          }
          await ledger.post(tx, {
            kind: 'reserve',
            key: `reserve:${r.id}`,
            programmeId: quota.programmeId,
            quotaId: quota.id,
            enterpriseOrganisationId: r.enterpriseOrganisationId,
            providerOrganisationId: r.providerOrganisationId,
            reservationId: r.id,
            memo: `${subject.name} ${shanghaiDay(subject.start)}`,
            actorUserId: actor.userId,
            at: now,
            lines: postingRules.reserve({ quotaId: quota.id }, amount),
          });
          await recordChange(tx, ctx, {
            entityType: 'voucher_reservation',
            entityId: r.id,
            from: null,
            to: 'held',
            action: 'voucher_reservation.reserve',
            regionCode: e.issuer.programme.regionCode,
            summary: {
              quotaId: quota.id,
              subjectType: type,
              subjectId,
              feeFen: split.feeFen,
              amountFen: amount,
              limitedBy: split.limitedBy,
            },
            at: now,
          });
          return r;
        });
      } catch (err) {
        if (pgConstraint(err) === 'voucher_reservations_live_subject_key')
          throw new AppError('VOUCHER_ALREADY_RESERVED', {
            subject: subjectLabels[type].zh,
            subjectEn: subjectLabels[type].en,
          });
        throw err;
      }
      return present(result);
    },

    async release(actor: Actor, ctx: RequestContext, id: string, reason?: string) {
      const r = await quotas.findReservation(db, id);
      if (!r || !isMember(actor, r.enterpriseOrganisationId)) throw new AppError('NOT_FOUND');
      if (!can(actor, 'voucher.apply', { organisationId: r.enterpriseOrganisationId })) throw new AppError('FORBIDDEN');
      if (r.status !== 'held') throw new AppError('VOUCHER_RESERVATION_NOT_HELD', { status: r.status });
      const pending = await db.execute(
        sql`select 1 from voucher_claims where reservation_id = ${id} and status = 'pending_review'`,
      );
      if ((pending as unknown as { rows: unknown[] }).rows.length)
        throw new AppError('VOUCHER_RESERVATION_NOT_HELD', { status: '兑付审核中 / claim under review' });
      const now = clock.now();
      const done = await db.transaction((tx) =>
        releaseInTx(tx, ctx, r, reason?.trim() || '企业取消使用创新券 / released by the enterprise', now),
      );
      if (!done) throw new AppError('STALE_STATE');
      return present((await quotas.findReservation(db, id)) as ReservationRow);
    },

    async detail(actor: Actor, id: string) {
      const r = await quotas.findReservation(db, id);
      if (!r) throw new AppError('NOT_FOUND');
      await requireReader(actor, r);
      return present(r);
    },

    async list(
      actor: Actor,
      q: {
        quotaId?: string;
        status?: ReservationStatus;
        side: 'enterprise' | 'provider';
        page: number;
        pageSize: number;
      },
    ) {
      const orgs = actor.memberships
        .filter((m) =>
          can(actor, q.side === 'provider' ? 'voucher.provide' : 'voucher.apply', { organisationId: m.organisationId }),
        )
        .map((m) => m.organisationId);
      const col =
        q.side === 'provider'
          ? voucherReservations.providerOrganisationId
          : voucherReservations.enterpriseOrganisationId;
      const where: (SQL | undefined)[] = [orgs.length ? inArray(col, orgs) : sql`false`];
      if (q.quotaId) where.push(eq(voucherReservations.quotaId, q.quotaId));
      if (q.status) where.push(eq(voucherReservations.status, q.status));
      const { rows, total } = await quotas.reservations(and(...where), q.page, q.pageSize);
      return { items: rows.map(presentRow), total, page: q.page, pageSize: q.pageSize };
    },

    /** The voucher side of one booking: its live reservation and claim, for the booking page. */
    async forBooking(actor: Actor, bookingId: string) {
      const subject = await loadSubject(db, 'booking', bookingId);
      if (!isMember(actor, subject.enterpriseOrgId) && !isMember(actor, subject.providerOrgId)) {
        if (!subject.regionCode || !can(actor, 'voucher.read', { regionCode: subject.regionCode }))
          throw new AppError('NOT_FOUND');
      }
      const { rows } = await quotas.reservations(
        and(eq(voucherReservations.subjectType, 'booking'), eq(voucherReservations.subjectId, bookingId)),
        1,
        50,
      );
      return { subjectType: 'booking' as const, subjectId: bookingId, reservations: rows.map(presentRow) };
    },

    /** The booking hook: a cancelled, rejected or missed booking releases its reservation in the same transaction. */
    async onBookingChange(
      tx: Tx,
      change: { bookingId: string; to: string; at: Date; ctx: RequestContext },
    ): Promise<Outbox> {
      if (!['cancelled', 'rejected', 'no_show'].includes(change.to)) return [];
      const live = await quotas.liveReservationFor(tx, 'booking', change.bookingId);
      if (!live || live.status !== 'held') return [];
      const reason = {
        cancelled: '预约已取消，创新券冻结金额释放 / booking cancelled',
        rejected: '预约被驳回，创新券冻结金额释放 / booking rejected',
        no_show: '预约爽约，创新券冻结金额释放 / booking missed (no-show)',
      }[change.to as 'cancelled' | 'rejected' | 'no_show'];
      await releaseInTx(tx, change.ctx.actorUserId ? change.ctx : systemContext, live, reason, change.at);
      const outbox: Outbox = [];
      await notify(tx, notifications, outbox, {
        userIds: await memberUserIds(tx, [live.enterpriseOrganisationId]),
        title: {
          zh: `创新券 ${yuan(live.amountFen)} 元已退回券包`,
          en: `${yuan(live.amountFen)} yuan of vouchers returned`,
        },
        body: {
          zh: `${live.subjectName}：${reason.split(' / ')[0]}。`,
          en: `${live.subjectName}: ${reason.split(' / ')[1]}.`,
        },
        link: `/vouchers/quotas/${live.quotaId}`,
      });
      return outbox;
    },
  };
}
export type ReservationService = ReturnType<typeof createReservationService>;
