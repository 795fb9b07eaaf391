import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { ServiceOrderStatus } from '../../../shared/api/vouchers.js';
import { AppError } from '../../lib/errors.js';
import type { RequestContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { Outbox } from '../notifications/notification.service.js';
import type { ProgrammeRepository } from './programme.repository.js';
import type { QuotaRepository, ServiceOrderRow } from './quota.repository.js';
import { voucherServiceOrders } from './quota.table.js';
import type { ReservationService } from './reservation.service.js';
import {
  actingOrganisation,
  isMember,
  memberUserIds,
  notify,
  recordChange,
  type VoucherDeps,
  yuan,
} from './voucher.common.js';
import { commandsFrom, serviceOrderTransitions } from './voucher.status.js';

/** Orders of providers' published services (检验检测, 技术服务), the voucher subject besides bookings. */
export function createServiceOrderService(
  deps: VoucherDeps & { programmes: ProgrammeRepository; quotas: QuotaRepository; reservations: ReservationService },
) {
  const { db, clock, notifications, programmes, quotas } = deps;

  function presentRow(row: Awaited<ReturnType<QuotaRepository['orders']>>['rows'][number], actor: Actor) {
    const o = row.o;
    const provider =
      isMember(actor, o.providerOrganisationId) &&
      can(actor, 'voucher.provide', { organisationId: o.providerOrganisationId });
    const enterprise = isMember(actor, o.enterpriseOrganisationId);
    return {
      id: o.id,
      providerId: o.providerId,
      providerOrganisationId: o.providerOrganisationId,
      providerName: row.providerName,
      enterpriseOrganisationId: o.enterpriseOrganisationId,
      enterpriseName: row.enterpriseName,
      serviceKey: o.serviceKey,
      serviceName: o.serviceName,
      kind: o.kind as 'testing' | 'technology_service',
      unit: o.unit,
      quantity: o.quantity,
      publishedFeeFen: o.publishedFeeFen,
      feeFen: o.feeFen,
      status: o.status as ServiceOrderStatus,
      orderedAt: o.orderedAt.toISOString(),
      deliveredOn: o.deliveredOn,
      report: o.report,
      note: o.note,
      reservationId: row.reservationId,
      allowedCommands: commandsFrom(serviceOrderTransitions, o.status).filter((c) =>
        c === 'deliver' ? provider : provider || enterprise,
      ),
    };
  }

  async function view(actor: Actor, id: string) {
    const { rows } = await quotas.orders(eq(voucherServiceOrders.id, id), 1, 1);
    const row = rows[0];
    if (!row || (!isMember(actor, row.o.enterpriseOrganisationId) && !isMember(actor, row.o.providerOrganisationId)))
      throw new AppError('NOT_FOUND');
    return presentRow(row, actor);
  }

  async function change(
    actor: Actor,
    ctx: RequestContext,
    o: ServiceOrderRow,
    command: 'deliver' | 'cancel',
    values: Partial<ServiceOrderRow>,
    reason?: string,
  ) {
    const now = clock.now();
    const outbox: Outbox = [];
    await db.transaction(async (tx) => {
      const t = serviceOrderTransitions[command];
      if (!(t.from as readonly string[]).includes(o.status))
        throw new AppError('INVALID_TRANSITION', { from: o.status }, { from: o.status, command });
      const row = await quotas.transitionOrder(tx, o.id, o.status, { status: t.to, updatedAt: now, ...values });
      if (!row) throw new AppError('STALE_STATE');
      // The release (voucher lock) comes before this change's audit row, in the platform's lock order.
      if (command === 'cancel') {
        const live = await quotas.liveReservationFor(tx, 'service_order', o.id);
        if (live?.status === 'held')
          await deps.reservations.releaseInTx(tx, ctx, live, '服务订单已取消 / order cancelled', now);
      }
      await recordChange(tx, ctx, {
        entityType: 'voucher_service_order',
        entityId: o.id,
        from: o.status,
        to: t.to,
        reason,
        action: `voucher_service_order.${command}`,
        regionCode: null,
        summary: values,
        at: now,
      });
      const other = isMember(actor, o.providerOrganisationId) ? o.enterpriseOrganisationId : o.providerOrganisationId;
      await notify(tx, notifications, outbox, {
        userIds: await memberUserIds(tx, [other]),
        title:
          command === 'deliver'
            ? { zh: `服务已完成：${o.serviceName}`, en: `Service delivered: ${o.serviceName}` }
            : { zh: `服务订单已取消：${o.serviceName}`, en: `Service order cancelled: ${o.serviceName}` },
        body: { zh: reason ?? o.serviceName, en: reason ?? o.serviceName },
        link: `/vouchers/service-orders/${o.id}`,
      });
    });
    await notifications.flush(outbox);
    return view(actor, o.id);
  }

  return {
    view,

    async create(
      actor: Actor,
      ctx: RequestContext,
      input: { providerId: string; serviceKey: string; quantity: number; organisationId?: string; note?: string },
    ) {
      const m = actingOrganisation(actor, 'voucher.apply', input.organisationId);
      const admission = await programmes.findProvider(db, input.providerId);
      if (!admission || admission.status !== 'admitted') throw new AppError('NOT_FOUND');
      const service = admission.services.find((s) => s.key === input.serviceKey);
      if (!service) throw new AppError('VOUCHER_SERVICE_UNKNOWN', { key: input.serviceKey });
      const now = clock.now();
      const outbox: Outbox = [];
      const id = await db.transaction(async (tx) => {
        const o = await quotas.insertOrder(tx, {
          providerId: admission.id,
          providerOrganisationId: admission.organisationId,
          enterpriseOrganisationId: m.organisationId,
          serviceKey: service.key,
          serviceName: service.name,
          kind: service.kind,
          unit: service.unit,
          quantity: input.quantity,
          publishedFeeFen: service.feeFen * input.quantity,
          status: 'ordered',
          orderedBy: actor.userId,
          orderedAt: now,
          note: input.note ?? null,
          updatedAt: now,
        });
        await recordChange(tx, ctx, {
          entityType: 'voucher_service_order',
          entityId: o.id,
          from: null,
          to: 'ordered',
          action: 'voucher_service_order.create',
          regionCode: null,
          summary: {
            providerId: admission.id,
            serviceKey: service.key,
            quantity: input.quantity,
            publishedFeeFen: o.publishedFeeFen,
          },
          at: now,
        });
        await notify(tx, notifications, outbox, {
          userIds: await memberUserIds(tx, [admission.organisationId]),
          title: { zh: `新的服务订单：${service.name}`, en: `New service order: ${service.name}` },
          body: {
            zh: `数量 ${input.quantity} ${service.unit}，按公布收费 ${yuan(o.publishedFeeFen)} 元。`,
            en: `${input.quantity} ${service.unit} at the published fee, ${yuan(o.publishedFeeFen)} yuan.`,
          },
          link: `/vouchers/service-orders/${o.id}`,
        });
        return o.id;
      });
      await notifications.flush(outbox);
      return view(actor, id);
    },

    async deliver(
      actor: Actor,
      ctx: RequestContext,
      id: string,
      body: { deliveredOn: string; feeFen?: number; report?: string },
    ) {
      const o = await quotas.findOrder(db, id);
      if (!o || !isMember(actor, o.providerOrganisationId)) throw new AppError('NOT_FOUND');
      if (!can(actor, 'voucher.provide', { organisationId: o.providerOrganisationId })) throw new AppError('FORBIDDEN');
      return change(actor, ctx, o, 'deliver', {
        deliveredOn: body.deliveredOn,
        feeFen: body.feeFen ?? o.publishedFeeFen,
        report: body.report ?? null,
      });
    },

    async cancel(actor: Actor, ctx: RequestContext, id: string, reason?: string) {
      const o = await quotas.findOrder(db, id);
      if (!o || (!isMember(actor, o.providerOrganisationId) && !isMember(actor, o.enterpriseOrganisationId)))
        throw new AppError('NOT_FOUND');
      return change(actor, ctx, o, 'cancel', {}, reason);
    },

    async list(
      actor: Actor,
      q: { side: 'enterprise' | 'provider'; status?: ServiceOrderStatus; page: number; pageSize: number },
    ) {
      const orgs = actor.memberships.map((m) => m.organisationId);
      const col =
        q.side === 'provider'
          ? voucherServiceOrders.providerOrganisationId
          : voucherServiceOrders.enterpriseOrganisationId;
      const where: (SQL | undefined)[] = [orgs.length ? inArray(col, orgs) : sql`false`];
      if (q.status) where.push(eq(voucherServiceOrders.status, q.status));
      const { rows, total } = await quotas.orders(and(...where), q.page, q.pageSize);
      return { items: rows.map((r) => presentRow(r, actor)), total, page: q.page, pageSize: q.pageSize };
    },
  };
}
export type ServiceOrderService = ReturnType<typeof createServiceOrderService>;
