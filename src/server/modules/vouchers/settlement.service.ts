import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { SettlementStatus } from '../../../shared/api/vouchers.js';
import { AppError } from '../../lib/errors.js';
import type { RequestContext } from '../audit/audit.writer.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { Outbox } from '../notifications/notification.service.js';
import type { ClaimRepository } from './claim.repository.js';
import { presentClaim } from './claim.service.js';
import { voucherSettlements } from './claim.table.js';
import { shanghaiMonth } from './coverage.js';
import { postingRules } from './ledger.rules.js';
import { voucherProgrammes } from './programme.table.js';
import { eventsOf, isMember, memberUserIds, notify, recordChange, type VoucherDeps, yuan } from './voucher.common.js';
import { commandsFrom, settlementTransitions } from './voucher.status.js';

type BatchRow = Awaited<ReturnType<ClaimRepository['batches']>>['rows'][number];

/** Monthly settlement batches per provider: finance pays a batch once its month is over. */
export function createSettlementService(deps: VoucherDeps & { claims: ClaimRepository }) {
  const { db, clock, notifications, claims, ledger } = deps;

  function present(r: BatchRow, now: Date) {
    const b = r.batch;
    return {
      id: b.id,
      programmeId: b.programmeId,
      programmeName: r.programmeName,
      providerOrganisationId: b.providerOrganisationId,
      providerName: r.providerName,
      month: b.month,
      status: b.status as SettlementStatus,
      claimCount: Number(r.claimCount),
      totalFen: Number(r.totalFen),
      payable: b.status === 'open' && b.month < shanghaiMonth(now),
      paidAt: b.paidAt?.toISOString() ?? null,
      paymentRef: b.paymentRef,
    };
  }

  async function load(actor: Actor, id: string) {
    const { rows } = await claims.batches(eq(voucherSettlements.id, id), 1, 1);
    const r = rows[0];
    if (!r) throw new AppError('NOT_FOUND');
    if (
      !isMember(actor, r.batch.providerOrganisationId) &&
      !can(actor, 'voucher.read', { regionCode: r.programmeRegionCode })
    )
      throw new AppError('NOT_FOUND');
    return r;
  }

  async function detail(actor: Actor, id: string) {
    const r = await load(actor, id);
    const lines = await claims.inSettlement(db, id);
    const now = clock.now();
    const view = present(r, now);
    const pay = can(actor, 'voucher.settle', { regionCode: r.programmeRegionCode });
    return {
      ...view,
      claims: lines.map(presentClaim),
      events: await eventsOf(db, 'voucher_settlement', id),
      allowedCommands: pay && view.payable ? commandsFrom(settlementTransitions, r.batch.status) : [],
    };
  }

  return {
    detail,

    async list(
      actor: Actor,
      q: {
        programmeId?: string;
        providerOrganisationId?: string;
        status?: SettlementStatus;
        month?: string;
        page: number;
        pageSize: number;
      },
    ) {
      const prefixes = regionPrefixes(actor, 'voucher.read');
      const orgs = actor.memberships.map((m) => m.organisationId);
      const scope: SQL[] = prefixes.map((p) => sql`${voucherProgrammes.regionCode} like ${`${p}%`}`);
      if (orgs.length) scope.push(sql`${voucherSettlements.providerOrganisationId} = any(${sql.param(orgs)}::uuid[])`);
      if (!scope.length) throw new AppError('FORBIDDEN');
      const { rows, total } = await claims.batches(
        and(
          sql`(${sql.join(scope, sql` or `)})`,
          q.programmeId ? eq(voucherSettlements.programmeId, q.programmeId) : undefined,
          q.providerOrganisationId
            ? eq(voucherSettlements.providerOrganisationId, q.providerOrganisationId)
            : undefined,
          q.status ? eq(voucherSettlements.status, q.status) : undefined,
          q.month ? eq(voucherSettlements.month, q.month) : undefined,
        ),
        q.page,
        q.pageSize,
      );
      const now = clock.now();
      return { items: rows.map((r) => present(r, now)), total, page: q.page, pageSize: q.pageSize };
    },

    /**
     * Finance marks a batch paid: the settle posting (payable → paid) for its approved claims, which
     * become settled. The total finance states must equal the batch's, so a batch that changed
     * since it was looked at (a claim voided meanwhile) is not paid blind.
     */
    async pay(
      actor: Actor,
      ctx: RequestContext,
      id: string,
      body: { paymentRef: string; paidOn: string; totalFen: number },
    ) {
      const r0 = await load(actor, id);
      if (!can(actor, 'voucher.settle', { regionCode: r0.programmeRegionCode })) throw new AppError('FORBIDDEN');
      const now = clock.now();
      const outbox: Outbox = [];
      await db.transaction(async (tx) => {
        const b = await claims.lockBatch(tx, id);
        if (!b) throw new AppError('NOT_FOUND');
        if (b.status !== 'open')
          throw new AppError('INVALID_TRANSITION', { from: b.status }, { from: b.status, command: 'pay' });
        if (b.month >= shanghaiMonth(now)) throw new AppError('VOUCHER_SETTLEMENT_NOT_DUE', { month: b.month });
        const lines = (await claims.inSettlement(tx, id)).filter((l) => l.claim.status === 'approved');
        const total = lines.reduce((s, l) => s + l.claim.voucherFen, 0);
        if (total <= 0) throw new AppError('VOUCHER_SETTLEMENT_EMPTY');
        if (total !== body.totalFen)
          throw new AppError('VOUCHER_SETTLEMENT_TOTAL_MISMATCH', { given: yuan(body.totalFen), total: yuan(total) });
        await ledger.post(tx, {
          kind: 'settle',
          key: `settle:${id}`,
          programmeId: b.programmeId,
          providerOrganisationId: b.providerOrganisationId,
          settlementId: id,
          memo: `${b.month} 结算拨付，凭证号 ${body.paymentRef} / paid`,
          actorUserId: actor.userId,
          at: now,
          lines: postingRules.settle({ programmeId: b.programmeId, providerOrgId: b.providerOrganisationId }, total),
        });
        for (const l of lines) {
          const moved = await claims.transition(tx, l.claim.id, 'approved', { status: 'settled', updatedAt: now });
          if (!moved) throw new AppError('STALE_STATE');
          await recordChange(tx, ctx, {
            entityType: 'voucher_claim',
            entityId: l.claim.id,
            from: 'approved',
            to: 'settled',
            reason: `结算批次 ${b.month} 已拨付 / batch paid`,
            action: 'voucher_claim.settle',
            regionCode: r0.programmeRegionCode,
            at: now,
          });
        }
        const paid = await claims.transitionBatch(tx, id, 'open', {
          status: 'paid',
          paidOn: body.paidOn,
          paymentRef: body.paymentRef,
          paidTotalFen: total,
          paidBy: actor.userId,
          paidAt: now,
        });
        if (!paid) throw new AppError('STALE_STATE');
        await recordChange(tx, ctx, {
          entityType: 'voucher_settlement',
          entityId: id,
          from: 'open',
          to: 'paid',
          reason: `凭证号 ${body.paymentRef}`,
          action: 'voucher_settlement.pay',
          regionCode: r0.programmeRegionCode,
          summary: { totalFen: total, claims: lines.length, paidOn: body.paidOn },
          at: now,
        });
        await notify(tx, notifications, outbox, {
          userIds: await memberUserIds(tx, [b.providerOrganisationId]),
          title: { zh: `创新券结算款已拨付：${yuan(total)} 元`, en: `Voucher settlement paid: ${yuan(total)} yuan` },
          body: {
            zh: `${b.month} 结算批次（${lines.length} 笔兑付）已拨付，凭证号 ${body.paymentRef}。`,
            en: `The ${b.month} batch (${lines.length} claims) was paid, voucher no. ${body.paymentRef}.`,
          },
          link: `/vouchers/settlements/${id}`,
        });
      });
      await notifications.flush(outbox);
      return detail(actor, id);
    },
  };
}
export type SettlementService = ReturnType<typeof createSettlementService>;
