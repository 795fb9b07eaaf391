import { and, eq } from 'drizzle-orm';
import type { Lang } from '../../../shared/errors.js';
import { formatErrorMessage } from '../../../shared/errors.js';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { Outbox } from '../notifications/notification.service.js';
import type { ClaimRow } from './claim.repository.js';
import type { ClaimDeps, ClaimService } from './claim.service.js';
import { shanghaiMonth } from './coverage.js';
import { recordBreach } from './credit.port.js';
import { postingRules } from './ledger.rules.js';
import { voucherJournal } from './ledger.table.js';
import type { ProviderService } from './provider.service.js';
import type { QuotaLifecycle } from './quota.lifecycle.js';
import type { ReservationService } from './reservation.service.js';
import { memberUserIds, notify, recordChange, requireReason, yuan } from './voucher.common.js';
import { claimTransitions } from './voucher.status.js';

type ReviewCommand = 'approve' | 'reject';

/** The officer's side of claims: approve (redeem into the month's batch), reject (release), void (claw back). */
export function createClaimReview(
  deps: ClaimDeps & {
    claimService: ClaimService;
    reservations: ReservationService;
    providers: ProviderService;
    lifecycle: QuotaLifecycle;
  },
) {
  const { db, clock, notifications, claims, quotas, ledger, programmes, claimService } = deps;

  /** Lock order as everywhere: the voucher first, then the claim (voiding a voucher locks its claims after it). */
  async function lockForReview(tx: Tx, actor: Actor, id: string) {
    const peek = await claims.find(tx, id);
    if (!peek) throw new AppError('NOT_FOUND');
    await quotas.lockQuota(tx, peek.quotaId);
    const c = await claims.lock(tx, id);
    if (!c) throw new AppError('NOT_FOUND');
    const p = await programmes.find(tx, c.programmeId);
    if (!p) throw new AppError('NOT_FOUND');
    if (!can(actor, 'voucher.review', { regionCode: p.regionCode })) throw new AppError('FORBIDDEN');
    return { c, p };
  }

  async function decideInTx(
    tx: Tx,
    actor: Actor,
    ctx: RequestContext,
    id: string,
    command: ReviewCommand,
    reason: string | undefined,
    now: Date,
    outbox: Outbox,
  ) {
    const { c, p } = await lockForReview(tx, actor, id);
    const t = claimTransitions[command];
    if (!(t.from as readonly string[]).includes(c.status))
      throw new AppError('INVALID_TRANSITION', { from: c.status }, { from: c.status, command });
    requireReason(reason, t.reasonRequired);
    const r = await quotas.findReservation(tx, c.reservationId);
    if (!r || r.status !== 'held') throw new AppError('VOUCHER_RESERVATION_NOT_HELD', { status: r?.status ?? '—' });
    let settlementId: string | null = null;
    if (command === 'approve') {
      await ledger.post(tx, {
        kind: 'redeem',
        key: `redeem:${c.id}`,
        programmeId: c.programmeId,
        quotaId: c.quotaId,
        enterpriseOrganisationId: c.enterpriseOrganisationId,
        providerOrganisationId: c.providerOrganisationId,
        reservationId: r.id,
        claimId: c.id,
        memo: `${c.subjectName} 兑付 / redeemed`,
        actorUserId: actor.userId,
        at: now,
        lines: postingRules.redeem(
          { quotaId: c.quotaId, programmeId: c.programmeId, providerOrgId: c.providerOrganisationId },
          c.voucherFen,
        ),
      });
      // The service cost less than reserved: the rest goes back to the enterprise.
      if (r.amountFen > c.voucherFen)
        await ledger.post(tx, {
          kind: 'release',
          key: `release:${r.id}`,
          programmeId: c.programmeId,
          quotaId: c.quotaId,
          enterpriseOrganisationId: c.enterpriseOrganisationId,
          providerOrganisationId: c.providerOrganisationId,
          reservationId: r.id,
          claimId: c.id,
          memo: '冻结金额高于实际兑付，差额退回 / reserved more than redeemed',
          actorUserId: actor.userId,
          at: now,
          lines: postingRules.release({ quotaId: c.quotaId }, r.amountFen - c.voucherFen),
        });
      const moved = await quotas.transitionReservation(tx, r.id, 'held', { status: 'redeemed' });
      if (!moved) throw new AppError('STALE_STATE');
      const batch = await claims.openBatch(tx, c.programmeId, c.providerOrganisationId, shanghaiMonth(now), now);
      settlementId = batch.id;
    } else {
      await deps.reservations.releaseInTx(tx, ctx, r, `兑付申请被驳回：${reason} / claim rejected`, now);
    }
    const row = await claims.transition(tx, id, c.status, {
      status: t.to,
      decidedBy: actor.userId,
      decidedAt: now,
      decisionReason: reason ?? null,
      settlementId,
      updatedAt: now,
    });
    if (!row) throw new AppError('STALE_STATE');
    await recordChange(tx, ctx, {
      entityType: 'voucher_claim',
      entityId: id,
      from: c.status,
      to: t.to,
      reason,
      action: `voucher_claim.${command}`,
      regionCode: p.regionCode,
      summary: { voucherFen: c.voucherFen, settlementId, flagged: c.flagged, evidence: c.evidence },
      at: now,
    });
    const approved = command === 'approve';
    await notify(tx, notifications, outbox, {
      userIds: await memberUserIds(tx, [c.providerOrganisationId, c.enterpriseOrganisationId]),
      title: approved
        ? { zh: `创新券兑付已通过：${yuan(c.voucherFen)} 元`, en: `Voucher claim approved: ${yuan(c.voucherFen)} yuan` }
        : { zh: `创新券兑付被驳回：${c.subjectName}`, en: `Voucher claim rejected: ${c.subjectName}` },
      body: approved
        ? {
            zh: `${c.subjectName} 的兑付申请已通过，将于本月结算批次拨付。`,
            en: `The claim for ${c.subjectName} is approved and joins this month's settlement batch.`,
          }
        : {
            zh: `理由：${reason}。冻结的创新券金额已退回企业券包。`,
            en: `Reason: ${reason}. The reserved voucher amount went back to the enterprise.`,
          },
      link: `/vouchers/claims/${id}`,
    });
  }

  async function decide(
    actor: Actor,
    ctx: RequestContext,
    lang: Lang,
    id: string,
    command: ReviewCommand,
    reason?: string,
  ) {
    const now = clock.now();
    const outbox: Outbox = [];
    await db.transaction((tx) => decideInTx(tx, actor, ctx, id, command, reason, now, outbox));
    await notifications.flush(outbox);
    return claimService.detail(actor, id, lang);
  }

  return {
    decide,

    /** Approves many claims, each in its own transaction: one refusal does not undo the others. */
    async batchApprove(actor: Actor, ctx: RequestContext, lang: Lang, ids: string[], reason?: string) {
      const done: string[] = [];
      const failed: { id: string; code: string; message: string }[] = [];
      for (const id of [...new Set(ids)]) {
        const outbox: Outbox = [];
        try {
          await db.transaction((tx) => decideInTx(tx, actor, ctx, id, 'approve', reason, clock.now(), outbox));
          await notifications.flush(outbox);
          done.push(id);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          failed.push({ id, code: err.code, message: formatErrorMessage(err.code, lang, err.params) });
        }
      }
      return { done, failed };
    },

    /** Finance records that the provider paid a claw-back back: the receivable returns to the fund. */
    async recover(actor: Actor, ctx: RequestContext, lang: Lang, id: string, paymentRef: string) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const c = await claims.lock(tx, id);
        if (!c) throw new AppError('NOT_FOUND');
        const p = await programmes.find(tx, c.programmeId);
        if (!p || !can(actor, 'voucher.settle', { regionCode: p.regionCode })) throw new AppError('FORBIDDEN');
        const [clawback] = await tx
          .select({ id: voucherJournal.id })
          .from(voucherJournal)
          .where(and(eq(voucherJournal.claimId, id), eq(voucherJournal.kind, 'clawback')));
        if (c.status !== 'voided' || !clawback) throw new AppError('INVALID_TRANSITION', { from: c.status });
        const { replayed } = await ledger.post(tx, {
          kind: 'recover',
          key: `recover:claim:${id}`,
          programmeId: c.programmeId,
          quotaId: c.quotaId,
          enterpriseOrganisationId: c.enterpriseOrganisationId,
          providerOrganisationId: c.providerOrganisationId,
          claimId: id,
          memo: `追回款已到账，凭证号 ${paymentRef} / claw-back recovered`,
          actorUserId: actor.userId,
          at: now,
          lines: postingRules.recover(
            { programmeId: c.programmeId, providerOrgId: c.providerOrganisationId },
            c.voucherFen,
          ),
        });
        if (replayed) throw new AppError('INVALID_TRANSITION', { from: '已追回 / recovered' });
        await appendAudit(
          tx,
          ctx,
          {
            action: 'voucher_claim.recover',
            targetType: 'voucher_claim',
            targetId: id,
            regionCode: p.regionCode,
            summary: { voucherFen: c.voucherFen, paymentRef },
          },
          now,
        );
      });
      return claimService.detail(actor, id, lang);
    },

    /**
     * Fraud: voids an approved claim (its unpaid amount goes back to the fund) or claws back a
     * settled one (the provider owes it), with breach entries on the credit record, and optionally
     * the provider's suspension and the enterprise's voucher voided, all in one transaction.
     */
    async voidClaim(
      actor: Actor,
      ctx: RequestContext,
      lang: Lang,
      id: string,
      body: {
        reason: string;
        voidQuota: boolean;
        suspendProvider: boolean;
        creditRecord: ('provider' | 'enterprise')[];
      },
    ) {
      const now = clock.now();
      const outbox: Outbox = [];
      await db.transaction(async (tx) => {
        const { c, p } = await lockForReview(tx, actor, id);
        const t = claimTransitions.void;
        if (!(t.from as readonly string[]).includes(c.status))
          throw new AppError('INVALID_TRANSITION', { from: c.status }, { from: c.status, command: 'void' });
        requireReason(body.reason, true);
        const settled = c.status === 'settled';
        const refs = { programmeId: c.programmeId, providerOrgId: c.providerOrganisationId };
        await ledger.post(tx, {
          kind: settled ? 'clawback' : 'void',
          key: `${settled ? 'clawback' : 'void'}:claim:${c.id}`,
          programmeId: c.programmeId,
          quotaId: c.quotaId,
          enterpriseOrganisationId: c.enterpriseOrganisationId,
          providerOrganisationId: c.providerOrganisationId,
          reservationId: c.reservationId,
          claimId: c.id,
          settlementId: c.settlementId,
          memo: `${settled ? '追回已拨付兑付款' : '作废未拨付兑付'}：${body.reason}`,
          actorUserId: actor.userId,
          at: now,
          lines: settled ? postingRules.clawback(refs, c.voucherFen) : postingRules.voidClaim(refs, c.voucherFen),
        });
        const row = await claims.transition(tx, id, c.status, {
          status: 'voided',
          decisionReason: body.reason,
          updatedAt: now,
        });
        if (!row) throw new AppError('STALE_STATE');
        await recordChange(tx, ctx, {
          entityType: 'voucher_claim',
          entityId: id,
          from: c.status,
          to: 'voided',
          reason: body.reason,
          action: settled ? 'voucher_claim.clawback' : 'voucher_claim.void',
          regionCode: p.regionCode,
          summary: { voucherFen: c.voucherFen, ...body },
          at: now,
        });
        for (const who of new Set(body.creditRecord))
          await recordBreach(tx, {
            organisationId: who === 'provider' ? c.providerOrganisationId : c.enterpriseOrganisationId,
            reason: `创新券兑付作废（${c.subjectName}）：${body.reason}`,
            sourceType: 'voucher_claim',
            sourceId: c.id,
            by: actor.userId,
            at: now,
          });
        if (body.suspendProvider) {
          const admission = await programmes.findProvider(tx, c.providerId);
          if (admission?.status === 'admitted')
            await deps.providers.changeInTx(
              tx,
              ctx,
              admission,
              'suspend',
              `兑付作废：${body.reason}`,
              now,
              p.regionCode,
            );
        }
        if (body.voidQuota)
          await deps.lifecycle.voidInTx(tx, ctx, c.quotaId, `兑付作废：${body.reason}`, now, outbox, false);
        await notify(tx, notifications, outbox, {
          userIds: await memberUserIds(tx, [c.providerOrganisationId, c.enterpriseOrganisationId]),
          title: { zh: `创新券兑付已作废：${c.subjectName}`, en: `Voucher claim voided: ${c.subjectName}` },
          body: {
            zh: `${settled ? `已拨付的 ${yuan(c.voucherFen)} 元将予追回。` : ''}理由：${body.reason}`,
            en: `${settled ? `The ${yuan(c.voucherFen)} yuan paid will be clawed back. ` : ''}Reason: ${body.reason}`,
          },
          link: `/vouchers/claims/${id}`,
        });
      });
      await notifications.flush(outbox);
      return claimService.detail(actor, id, lang);
    },
  };
}
export type ClaimReview = ReturnType<typeof createClaimReview>;
export type { ClaimRow };
