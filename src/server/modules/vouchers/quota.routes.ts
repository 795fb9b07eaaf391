import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, paged, pageQuery } from '../../../shared/api/common.js';
import {
  approveQuotaBody,
  deliverServiceOrderBody,
  exportFormat,
  movementItem,
  quotaApplicationBody,
  quotaApplicationDetail,
  quotaApplicationListQuery,
  quotaApplicationSummary,
  quotaListQuery,
  quotaView,
  quoteResult,
  reasonBody,
  reservationBody,
  reservationListQuery,
  reservationView,
  serviceOrderBody,
  serviceOrderListQuery,
  serviceOrderView,
  subjectQuery,
  VOUCHER_EXPORT_MAX_ROWS,
  voidQuotaBody,
  wallet,
  walletQuery,
} from '../../../shared/api/vouchers.js';
import { requestLang } from '../../http/errors.plugin.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import { AppError } from '../../lib/errors.js';
import { errors } from './programme.routes.js';
import type { QuotaLifecycle } from './quota.lifecycle.js';
import type { QuotaService } from './quota.service.js';
import type { ReservationService } from './reservation.service.js';
import type { ServiceOrderService } from './service-order.service.js';
import { movementCells, movementHeader, sendTable } from './voucher.export.js';
import type { WalletService } from './wallet.service.js';

const tags = ['vouchers'];
const KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * The Idempotency-Key header, scoped to the user (two users' keys never collide); null when absent.
 * A retried request with the same key answers the first result instead of moving money again.
 */
export function idempotencyKey(req: FastifyRequest): string | null {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !KEY.test(raw)) throw new AppError('VOUCHER_IDEMPOTENCY_KEY_INVALID');
  return `${requireActor(req).userId}:${raw}`;
}

/** Quota applications, wallets, vouchers and their movements, reservations and service orders. */
export function quotaRoutes(
  app: FastifyInstance,
  deps: {
    quotas: QuotaService;
    wallets: WalletService;
    lifecycle: QuotaLifecycle;
    reservations: ReservationService;
    orders: ServiceOrderService;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { quotas, wallets, reservations, orders } = deps;

  r.post(
    '/api/vouchers/quota-applications',
    {
      schema: {
        tags,
        summary: 'Apply for voucher quota (申领)',
        body: quotaApplicationBody,
        response: { 201: quotaApplicationDetail, ...errors },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return quotas.apply(requireActor(req), requestContext(req), requestLang(req), req.body);
    },
  );
  r.get(
    '/api/vouchers/quota-applications',
    {
      schema: {
        tags,
        summary: 'Quota applications: the review queue of my region, or mine=true',
        querystring: quotaApplicationListQuery,
        response: { 200: paged(quotaApplicationSummary), ...errors },
      },
    },
    async (req) => quotas.applications(requireActor(req), req.query),
  );
  r.get(
    '/api/vouchers/quota-applications/:id',
    {
      schema: {
        tags,
        summary: 'A quota application with its eligibility check and history',
        params: idParams,
        response: { 200: quotaApplicationDetail, ...errors },
      },
    },
    async (req) => quotas.applicationDetail(requireActor(req), req.params.id, requestLang(req)),
  );
  r.post(
    '/api/vouchers/quota-applications/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve and issue the quota (the issue posting)',
        params: idParams,
        body: approveQuotaBody.nullish(),
        response: { 200: quotaApplicationDetail, ...errors },
      },
    },
    async (req) =>
      quotas.decide(requireActor(req), requestContext(req), requestLang(req), req.params.id, 'approve', {
        reason: req.body?.reason,
        amountFen: req.body?.amountFen,
      }),
  );
  for (const command of ['reject', 'withdraw'] as const)
    r.post(
      `/api/vouchers/quota-applications/:id/${command}`,
      {
        schema: {
          tags,
          summary: `Quota application: ${command}`,
          params: idParams,
          body: reasonBody.nullish(),
          response: { 200: quotaApplicationDetail, ...errors },
        },
      },
      async (req) =>
        quotas.decide(requireActor(req), requestContext(req), requestLang(req), req.params.id, command, {
          reason: req.body?.reason,
        }),
    );

  r.get(
    '/api/vouchers/wallet',
    {
      schema: {
        tags,
        summary: "My organisation's wallet: vouchers with balances, open programmes, pending applications",
        querystring: walletQuery,
        response: { 200: wallet, ...errors },
      },
    },
    async (req) => wallets.wallet(requireActor(req), req.query.organisationId),
  );
  r.get(
    '/api/vouchers/quotas',
    {
      schema: {
        tags,
        summary: 'Issued vouchers (bureau: its region; members: their own)',
        querystring: quotaListQuery,
        response: { 200: paged(quotaView), ...errors },
      },
    },
    async (req) => wallets.list(requireActor(req), req.query),
  );
  r.get(
    '/api/vouchers/quotas/:id',
    {
      schema: {
        tags,
        summary: 'A voucher with its balances (sums of postings)',
        params: idParams,
        response: { 200: quotaView, ...errors },
      },
    },
    async (req) => wallets.quotaView(requireActor(req), req.params.id),
  );
  r.get(
    '/api/vouchers/quotas/:id/movements',
    {
      schema: {
        tags,
        summary: 'Every movement of a voucher, newest first, with running balances',
        params: idParams,
        querystring: pageQuery,
        response: { 200: paged(movementItem), ...errors },
      },
    },
    async (req) => wallets.movements(requireActor(req), req.params.id, req.query.page, req.query.pageSize),
  );
  r.get(
    '/api/vouchers/quotas/:id/movements/export',
    {
      schema: {
        tags,
        summary: 'Movements of a voucher as CSV or XLSX',
        params: idParams,
        querystring: z.object({ format: exportFormat }),
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const { items } = await wallets.movements(requireActor(req), req.params.id, 1, VOUCHER_EXPORT_MAX_ROWS);
      return sendTable(
        reply,
        req.query.format,
        lang === 'zh' ? '创新券流水' : 'voucher-movements',
        lang === 'zh' ? '流水' : 'Movements',
        movementHeader[lang],
        items.map((m) => movementCells(m, lang)),
      );
    },
  );
  r.post(
    '/api/vouchers/quotas/:id/void',
    {
      schema: {
        tags,
        summary: 'Void a voucher for fraud (balance back to the fund, credit record entry)',
        params: idParams,
        body: voidQuotaBody,
        response: { 200: quotaView, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await deps.lifecycle.voidQuota(actor, requestContext(req), req.params.id, req.body.reason, req.body.creditRecord);
      return wallets.quotaView(actor, req.params.id);
    },
  );

  r.get(
    '/api/vouchers/quote',
    {
      schema: {
        tags,
        summary: 'What each of my vouchers would cover for a booking or service order, or why not',
        querystring: subjectQuery,
        response: { 200: quoteResult, ...errors },
      },
    },
    async (req) => reservations.quote(requireActor(req), requestLang(req), req.query),
  );
  r.post(
    '/api/vouchers/reservations',
    {
      schema: {
        tags,
        summary: 'Pay part of a booking or order with a voucher: reserves the covered share (Idempotency-Key)',
        body: reservationBody,
        response: { 201: reservationView, ...errors },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return reservations.reserve(requireActor(req), requestContext(req), req.body, idempotencyKey(req));
    },
  );
  r.get(
    '/api/vouchers/reservations',
    {
      schema: {
        tags,
        summary: "Reservations: my organisation's (enterprise) or on my services (provider, to claim)",
        querystring: reservationListQuery,
        response: { 200: paged(reservationView), ...errors },
      },
    },
    async (req) => reservations.list(requireActor(req), req.query),
  );
  r.get(
    '/api/vouchers/reservations/:id',
    { schema: { tags, summary: 'A reservation', params: idParams, response: { 200: reservationView, ...errors } } },
    async (req) => reservations.detail(requireActor(req), req.params.id),
  );
  r.post(
    '/api/vouchers/reservations/:id/release',
    {
      schema: {
        tags,
        summary: 'Stop using the voucher for this booking: the amount goes back to the wallet',
        params: idParams,
        body: reasonBody.nullish(),
        response: { 200: reservationView, ...errors },
      },
    },
    async (req) => reservations.release(requireActor(req), requestContext(req), req.params.id, req.body?.reason),
  );
  r.get(
    '/api/vouchers/bookings/:id',
    {
      schema: {
        tags,
        summary: 'The voucher side of a booking: its reservations (and their claims)',
        params: idParams,
        response: {
          200: z.object({
            subjectType: z.literal('booking'),
            subjectId: z.uuid(),
            reservations: z.array(reservationView),
          }),
          ...errors,
        },
      },
    },
    async (req) => reservations.forBooking(requireActor(req), req.params.id),
  );

  r.post(
    '/api/vouchers/service-orders',
    {
      schema: {
        tags,
        summary: "Order one of a provider's published services",
        body: serviceOrderBody,
        response: { 201: serviceOrderView, ...errors },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return orders.create(requireActor(req), requestContext(req), req.body);
    },
  );
  r.get(
    '/api/vouchers/service-orders',
    {
      schema: {
        tags,
        summary: 'Service orders: mine (enterprise) or for my organisation (provider)',
        querystring: serviceOrderListQuery,
        response: { 200: paged(serviceOrderView), ...errors },
      },
    },
    async (req) => orders.list(requireActor(req), req.query),
  );
  r.get(
    '/api/vouchers/service-orders/:id',
    { schema: { tags, summary: 'A service order', params: idParams, response: { 200: serviceOrderView, ...errors } } },
    async (req) => orders.view(requireActor(req), req.params.id),
  );
  r.post(
    '/api/vouchers/service-orders/:id/deliver',
    {
      schema: {
        tags,
        summary: 'Record the service as delivered (provider)',
        params: idParams,
        body: deliverServiceOrderBody,
        response: { 200: serviceOrderView, ...errors },
      },
    },
    async (req) => orders.deliver(requireActor(req), requestContext(req), req.params.id, req.body),
  );
  r.post(
    '/api/vouchers/service-orders/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a service order (releases its reservation)',
        params: idParams,
        body: reasonBody.nullish(),
        response: { 200: serviceOrderView, ...errors },
      },
    },
    async (req) => orders.cancel(requireActor(req), requestContext(req), req.params.id, req.body?.reason),
  );
}
