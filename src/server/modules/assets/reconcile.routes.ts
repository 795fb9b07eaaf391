import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  dismissal,
  dismissalBody,
  type ReconciliationResponse,
  reconciliationQuery,
  reconciliationResponse,
} from '../../../shared/api/assets.js';
import { errorBody, idParams, okBody } from '../../../shared/api/common.js';
import type { Lang } from '../../../shared/errors.js';
import { sendCsv } from '../../http/csv.js';
import { requestLang } from '../../http/errors.plugin.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import { sendXlsx } from '../../http/xlsx.js';
import { fenToYuan } from './asset.values.js';
import type { ReconcileService } from './reconcile.service.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

const headers: Record<Lang, string[]> = {
  zh: [
    '问题类型',
    '单位',
    '地区代码',
    '资产编号',
    '资产名称',
    '仪器名称',
    '卡片原值(元)',
    '仪器原值(元)',
    '差额(元)',
    '购置日期',
    '使用状况',
    '处置时间',
    '应入库日期',
    '入库日期',
    '逾期天数',
    '管理部门',
    '使用部门',
    '使用人',
    '存放地点',
    '出厂编号',
    '使用方向',
  ],
  en: [
    'Finding',
    'Organisation',
    'Region',
    'Asset no',
    'Asset name',
    'Instrument',
    'Card value (yuan)',
    'Instrument value (yuan)',
    'Difference (yuan)',
    'Purchase date',
    'Use status',
    'Disposed at',
    'Due date',
    'Listed on',
    'Days late',
    'Managing department',
    'Using department',
    'Custodian',
    'Location',
    'Serial no',
    'Use',
  ],
};

const kindLabels: Record<Lang, Record<string, string>> = {
  zh: {
    unlisted: '应入未入',
    disposedListed: '已报废/调出仍在库',
    valueMismatch: '原值不一致',
    lateListing: '逾期入库',
  },
  en: {
    unlisted: 'Not listed',
    disposedListed: 'Listed but disposed',
    valueMismatch: 'Value mismatch',
    lateListing: 'Listed late',
  },
};

/**
 * One CSV row per finding, in the column order of `headers`. An unlisted card also says where it
 * is and who holds it (the last six columns), so whoever lists it can find it.
 */
export function findingRows(report: ReconciliationResponse, lang: Lang): unknown[][] {
  const label = kindLabels[lang];
  const rows: unknown[][] = [];
  for (const o of report.organisations) {
    const org = [o.organisationName, o.regionCode];
    for (const c of o.unlisted)
      rows.push([
        label.unlisted,
        ...org,
        c.assetNo,
        c.name,
        '',
        fenToYuan(c.originalValueFen),
        '',
        '',
        c.purchaseDate,
        c.useStatus,
        '',
        '',
        '',
        '',
        c.managingDepartment,
        c.usingDepartment,
        c.custodian,
        c.location,
        c.serialNo,
        c.usageDirection,
      ]);
    for (const d of o.disposedListed)
      rows.push([
        label.disposedListed,
        ...org,
        d.assetNo,
        d.cardName,
        d.nameZh,
        '',
        '',
        '',
        '',
        d.useStatus,
        d.disposedAt,
        '',
        '',
        '',
      ]);
    for (const v of o.valueMismatch)
      rows.push([
        label.valueMismatch,
        ...org,
        v.assetNo,
        '',
        v.nameZh,
        fenToYuan(v.cardValueFen),
        fenToYuan(v.instrumentValueFen),
        // A number, not text: sendCsv prefixes text starting with '-' as a formula guard.
        Number(fenToYuan(v.differenceFen)),
        '',
        '',
        '',
        '',
        '',
        '',
      ]);
    for (const l of o.lateListing)
      rows.push([
        label.lateListing,
        ...org,
        l.assetNo,
        '',
        l.nameZh,
        '',
        '',
        '',
        l.purchaseDate,
        '',
        '',
        l.dueDate,
        l.listedOn,
        l.daysLate,
      ]);
  }
  // Only unlisted cards fill the location columns; the other kinds leave them empty, not missing.
  const width = headers[lang].length;
  return rows.map((r) => (r.length < width ? [...r, ...Array(width - r.length).fill('')] : r));
}

export function reconcileRoutes(app: FastifyInstance, deps: { service: ReconcileService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = deps;

  r.get(
    '/api/reconciliation',
    {
      schema: {
        tags: ['assets'],
        summary: 'Listed instruments against the asset register: 应入未入, disposed, value mismatches, late listings',
        querystring: reconciliationQuery,
        response: { 200: reconciliationResponse, ...errors },
      },
    },
    async (req) => service.report(requireActor(req), req.query),
  );

  r.get(
    '/api/reconciliation/export.csv',
    {
      schema: {
        tags: ['assets'],
        summary: 'The reconciliation as CSV, one row per finding',
        querystring: reconciliationQuery,
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const report = await service.report(requireActor(req), req.query);
      return sendCsv(
        reply,
        lang === 'en' ? 'asset-reconciliation.csv' : '资产账实核对.csv',
        headers[lang],
        findingRows(report, lang),
      );
    },
  );

  r.get(
    '/api/reconciliation/export.xlsx',
    {
      schema: {
        tags: ['assets'],
        summary: 'The reconciliation as an XLSX workbook, one row per finding',
        querystring: reconciliationQuery,
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const report = await service.report(requireActor(req), req.query);
      return sendXlsx(
        reply,
        lang === 'en' ? 'asset-reconciliation.xlsx' : '资产账实核对.xlsx',
        lang === 'en' ? 'Findings' : '核对事项',
        headers[lang],
        findingRows(report, lang),
      );
    },
  );

  r.get(
    '/api/reconciliation/dismissals',
    {
      schema: {
        tags: ['assets'],
        summary: 'Findings explained and closed, newest first',
        querystring: reconciliationQuery,
        response: { 200: z.object({ items: z.array(dismissal) }), ...errors },
      },
    },
    async (req) => ({ items: await service.dismissals(requireActor(req), req.query) }),
  );

  r.post(
    '/api/reconciliation/dismissals',
    {
      schema: {
        tags: ['assets'],
        summary: 'Close an open finding with an explanation (it stays off the list, audited)',
        body: dismissalBody,
        response: { 201: dismissal, ...errors },
      },
    },
    async (req, reply) => {
      const saved = await service.dismiss(requireActor(req), requestContext(req), req.body);
      reply.status(201);
      return saved;
    },
  );

  r.delete(
    '/api/reconciliation/dismissals/:id',
    {
      schema: {
        tags: ['assets'],
        summary: 'Reopen an explained finding',
        params: idParams,
        response: { 200: okBody, ...errors },
      },
    },
    async (req) => {
      await service.reopen(requireActor(req), requestContext(req), req.params.id);
      return { ok: true as const };
    },
  );
}
