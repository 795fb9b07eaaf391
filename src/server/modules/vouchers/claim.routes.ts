import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, paged } from '../../../shared/api/common.js';
import {
  batchApproveBody,
  batchResult,
  claimBody,
  claimDetail,
  claimListQuery,
  claimSummary,
  exportFormat,
  figuresQuery,
  figuresResult,
  payBatchBody,
  precheckQuery,
  precheckResult,
  reasonBody,
  recoverBody,
  requiredReasonBody,
  settlementDetail,
  settlementListQuery,
  settlementSummary,
  VOUCHER_EXPORT_MAX_ROWS,
  voidClaimBody,
} from '../../../shared/api/vouchers.js';
import { requestLang } from '../../http/errors.plugin.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import type { ClaimReview } from './claim.review.js';
import type { ClaimService } from './claim.service.js';
import type { FiguresService } from './figures.service.js';
import { errors } from './programme.routes.js';
import { idempotencyKey } from './quota.routes.js';
import type { SettlementService } from './settlement.service.js';
import {
  claimCells,
  claimHeader,
  figureCells,
  figureHeader,
  sendTable,
  settlementCells,
  settlementHeader,
} from './voucher.export.js';

const tags = ['vouchers'];
const claimExportQuery = claimListQuery.omit({ page: true, pageSize: true }).extend({ format: exportFormat });
const settlementExportQuery = settlementListQuery.omit({ page: true, pageSize: true }).extend({ format: exportFormat });

/** Claims (filing, review queue, decisions, claw-back), settlement batches, figures and their exports. */
export function claimRoutes(
  app: FastifyInstance,
  deps: { claims: ClaimService; review: ClaimReview; settlements: SettlementService; figures: FiguresService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { claims, review, settlements, figures } = deps;

  r.get(
    '/api/vouchers/claims/precheck',
    {
      schema: {
        tags,
        summary: 'Run the automatic checks of a claim without filing it',
        querystring: precheckQuery,
        response: { 200: precheckResult, ...errors },
      },
    },
    async (req) => {
      const { reservationId, ...input } = req.query;
      return claims.precheck(requireActor(req), requestLang(req), reservationId, input);
    },
  );
  r.post(
    '/api/vouchers/claims',
    {
      schema: {
        tags,
        summary: 'File a redemption claim (兑付申请); refused with the failed checks in `details` (Idempotency-Key)',
        body: claimBody,
        response: { 201: claimDetail, ...errors },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return claims.file(requireActor(req), requestContext(req), requestLang(req), req.body, idempotencyKey(req));
    },
  );
  r.get(
    '/api/vouchers/claims',
    {
      schema: {
        tags,
        summary: 'Claims: side=review (bureau queue), provider or enterprise',
        querystring: claimListQuery,
        response: { 200: paged(claimSummary), ...errors },
      },
    },
    async (req) => claims.list(requireActor(req), req.query),
  );
  r.get(
    '/api/vouchers/claims/export',
    {
      schema: {
        tags,
        summary: `Claims as CSV or XLSX for the finance system (at most ${VOUCHER_EXPORT_MAX_ROWS} rows)`,
        querystring: claimExportQuery,
      },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      const lang = requestLang(req);
      const { items } = await claims.list(requireActor(req), { ...filter, page: 1, pageSize: VOUCHER_EXPORT_MAX_ROWS });
      return sendTable(
        reply,
        format,
        lang === 'zh' ? '创新券兑付' : 'voucher-claims',
        lang === 'zh' ? '兑付' : 'Claims',
        claimHeader[lang],
        items.map((c) => claimCells(c, lang)),
      );
    },
  );
  r.post(
    '/api/vouchers/claims/batch-approve',
    {
      schema: {
        tags,
        summary: 'Approve many claims; each succeeds or fails on its own',
        body: batchApproveBody,
        response: { 200: batchResult, ...errors },
      },
    },
    async (req) =>
      review.batchApprove(requireActor(req), requestContext(req), requestLang(req), req.body.ids, req.body.reason),
  );
  r.get(
    '/api/vouchers/claims/:id',
    {
      schema: {
        tags,
        summary: 'A claim with its evidence panel, checks and history',
        params: idParams,
        response: { 200: claimDetail, ...errors },
      },
    },
    async (req) => claims.detail(requireActor(req), req.params.id, requestLang(req)),
  );
  r.post(
    '/api/vouchers/claims/:id/approve',
    {
      schema: {
        tags,
        summary: "Approve a claim: redeems it into the provider's batch of the month",
        params: idParams,
        body: reasonBody.nullish(),
        response: { 200: claimDetail, ...errors },
      },
    },
    async (req) =>
      review.decide(
        requireActor(req),
        requestContext(req),
        requestLang(req),
        req.params.id,
        'approve',
        req.body?.reason,
      ),
  );
  r.post(
    '/api/vouchers/claims/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject a claim with a reason: the reservation goes back to the enterprise',
        params: idParams,
        body: requiredReasonBody,
        response: { 200: claimDetail, ...errors },
      },
    },
    async (req) =>
      review.decide(requireActor(req), requestContext(req), requestLang(req), req.params.id, 'reject', req.body.reason),
  );
  r.post(
    '/api/vouchers/claims/:id/void',
    {
      schema: {
        tags,
        summary: 'Fraud: void an approved claim or claw back a settled one, with credit record entries',
        params: idParams,
        body: voidClaimBody,
        response: { 200: claimDetail, ...errors },
      },
    },
    async (req) => review.voidClaim(requireActor(req), requestContext(req), requestLang(req), req.params.id, req.body),
  );

  r.post(
    '/api/vouchers/claims/:id/recover',
    {
      schema: {
        tags,
        summary: 'Finance: the clawed-back money of a voided claim came back (recover posting)',
        params: idParams,
        body: recoverBody,
        response: { 200: claimDetail, ...errors },
      },
    },
    async (req) =>
      review.recover(requireActor(req), requestContext(req), requestLang(req), req.params.id, req.body.paymentRef),
  );

  r.get(
    '/api/vouchers/settlements',
    {
      schema: {
        tags,
        summary: 'Monthly settlement batches per provider',
        querystring: settlementListQuery,
        response: { 200: paged(settlementSummary), ...errors },
      },
    },
    async (req) => settlements.list(requireActor(req), req.query),
  );
  r.get(
    '/api/vouchers/settlements/export',
    { schema: { tags, summary: 'Settlement batches as CSV or XLSX', querystring: settlementExportQuery } },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      const lang = requestLang(req);
      const { items } = await settlements.list(requireActor(req), {
        ...filter,
        page: 1,
        pageSize: VOUCHER_EXPORT_MAX_ROWS,
      });
      return sendTable(
        reply,
        format,
        lang === 'zh' ? '创新券结算批次' : 'voucher-settlements',
        lang === 'zh' ? '结算批次' : 'Batches',
        settlementHeader[lang],
        items.map((b) => settlementCells(b, lang)),
      );
    },
  );
  r.get(
    '/api/vouchers/settlements/:id',
    {
      schema: {
        tags,
        summary: 'A settlement batch with its claims',
        params: idParams,
        response: { 200: settlementDetail, ...errors },
      },
    },
    async (req) => settlements.detail(requireActor(req), req.params.id),
  );
  r.get(
    '/api/vouchers/settlements/:id/export',
    {
      schema: {
        tags,
        summary: "A batch's claim lines as CSV or XLSX for the finance system",
        params: idParams,
        querystring: z.object({ format: exportFormat }),
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const b = await settlements.detail(requireActor(req), req.params.id);
      const name = `${lang === 'zh' ? '创新券结算' : 'voucher-settlement'}-${b.month}-${b.providerName}`;
      return sendTable(
        reply,
        req.query.format,
        name,
        b.month,
        claimHeader[lang],
        b.claims.map((c) => claimCells(c, lang)),
      );
    },
  );
  r.post(
    '/api/vouchers/settlements/:id/pay',
    {
      schema: {
        tags,
        summary: 'Finance: mark a batch paid (settle posting)',
        params: idParams,
        body: payBatchBody,
        response: { 200: settlementDetail, ...errors },
      },
    },
    async (req) => settlements.pay(requireActor(req), requestContext(req), req.params.id, req.body),
  );

  r.get(
    '/api/vouchers/figures',
    {
      schema: {
        tags,
        summary:
          'Issued / reserved / redeemed / settled / voided by programme, region, provider or month; sensor vs self-reported',
        querystring: figuresQuery,
        response: { 200: figuresResult, ...errors },
      },
    },
    async (req) => figures.figures(requireActor(req), req.query),
  );
  r.get(
    '/api/vouchers/figures/export',
    { schema: { tags, summary: 'Figures as CSV or XLSX', querystring: figuresQuery.extend({ format: exportFormat }) } },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const lang = requestLang(req);
      const f = await figures.figures(requireActor(req), q);
      const total = { key: lang === 'zh' ? '合计' : 'Total', name: '', ...f.totals };
      return sendTable(
        reply,
        format,
        lang === 'zh' ? '创新券统计' : 'voucher-figures',
        lang === 'zh' ? '统计' : 'Figures',
        figureHeader[lang],
        [...f.rows, total].map(figureCells),
      );
    },
  );
}
