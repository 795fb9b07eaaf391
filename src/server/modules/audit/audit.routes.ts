import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditEntryView, auditQuery, auditVerifyResponse } from '../../../shared/api/audit.js';
import { errorBody, paged } from '../../../shared/api/common.js';
import { sendCsv } from '../../http/csv.js';
import { requestLang } from '../../http/errors.plugin.js';
import { requireActor } from '../../http/session.plugin.js';
import type { AuditService } from './audit.service.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

export function auditRoutes(app: FastifyInstance, deps: { service: AuditService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = deps;

  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Search the audit log (auditors and bureau admins, by region)',
        querystring: auditQuery,
        response: { 200: paged(auditEntryView), ...errors },
      },
    },
    async (req) => service.list(requireActor(req), req.query),
  );

  r.get(
    '/api/audit/export.csv',
    {
      schema: {
        tags: ['audit'],
        summary: 'Export the filtered audit log as CSV',
        querystring: auditQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const { items } = await service.list(requireActor(req), { ...req.query, page: 1, pageSize: 100_000 });
      const header =
        lang === 'en'
          ? ['Id', 'Time', 'Actor', 'Action', 'Target type', 'Target', 'Region', 'Summary', 'Request id', 'IP', 'Hash']
          : ['序号', '时间', '操作人', '操作', '对象类型', '对象', '地区', '摘要', '请求编号', 'IP', '哈希'];
      return sendCsv(
        reply,
        lang === 'en' ? 'audit-log.csv' : '审计日志.csv',
        header,
        items.map((e) => [
          e.id,
          e.at,
          e.actorName ?? e.actorUserId,
          e.action,
          e.targetType,
          e.targetId,
          e.regionCode,
          JSON.stringify(e.summary),
          e.requestId,
          e.ip,
          e.hash,
        ]),
      );
    },
  );

  r.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the audit hash chain',
        response: { 200: auditVerifyResponse, ...errors },
      },
    },
    async (req) => service.verify(requireActor(req)),
  );
}
