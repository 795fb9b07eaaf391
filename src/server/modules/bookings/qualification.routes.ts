import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  candidateList,
  candidateQuery,
  grantQualificationBody,
  qualificationExportQuery,
  qualificationLevelLabels,
  qualificationList,
  qualificationListQuery,
  qualificationStateLabels,
  qualificationView,
  renewQualificationBody,
  revokeQualificationBody,
} from '../../../shared/api/bookings.qualifications.js';
import { errorBody, idParams } from '../../../shared/api/common.js';
import { sendCsv } from '../../http/csv.js';
import { requestLang } from '../../http/errors.plugin.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import { sendXlsx } from '../../http/xlsx.js';
import type { QualificationService } from './qualification.service.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function qualificationRoutes(app: FastifyInstance, deps: { service: QualificationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = deps;

  r.get(
    '/api/instruments/:id/qualifications',
    {
      schema: {
        tags: ['qualifications'],
        summary: 'Training records of an instrument (its managers)',
        params: idParams,
        querystring: qualificationListQuery,
        response: { 200: qualificationList, ...errors },
      },
    },
    async (req) => service.list(requireActor(req), req.params.id, req.query.state),
  );

  r.get(
    '/api/instruments/:id/qualifications/export',
    {
      schema: {
        tags: ['qualifications'],
        summary: 'Training records of an instrument as CSV or XLSX, with the list’s state filter',
        params: idParams,
        querystring: qualificationExportQuery,
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const { items } = await service.list(requireActor(req), req.params.id, req.query.state);
      const local = (iso: string | null) =>
        iso ? new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16) : '';
      const header =
        lang === 'zh'
          ? ['仪器', '用户', '邮箱', '级别', '有效期至', '状态', '授予人', '授予时间', '续期时间', '备注', '撤销原因']
          : [
              'Instrument',
              'User',
              'Email',
              'Level',
              'Valid until',
              'State',
              'Granted by',
              'Granted',
              'Renewed',
              'Note',
              'Revoked because',
            ];
      const rows = items.map((q) => [
        q.instrumentName,
        q.userName,
        q.userEmail,
        qualificationLevelLabels[q.level][lang],
        local(q.validUntil),
        qualificationStateLabels[q.state][lang],
        q.grantedByName,
        local(q.createdAt),
        local(q.renewedAt),
        q.note,
        q.revokeReason,
      ]);
      const name = `${lang === 'zh' ? '培训记录' : 'training-records'}-${items[0]?.instrumentName ?? req.params.id.slice(0, 8)}`;
      return req.query.format === 'xlsx'
        ? sendXlsx(reply, `${name}.xlsx`, lang === 'zh' ? '培训记录' : 'Training records', header, rows)
        : sendCsv(reply, `${name}.csv`, header, rows);
    },
  );

  r.get(
    '/api/instruments/:id/qualification-candidates',
    {
      schema: {
        tags: ['qualifications'],
        summary: 'Users to grant a training record to, by email prefix or name',
        params: idParams,
        querystring: candidateQuery,
        response: { 200: candidateList, ...errors },
      },
    },
    async (req) => service.candidates(requireActor(req), req.params.id, req.query.q),
  );

  r.post(
    '/api/instruments/:id/qualifications',
    {
      schema: {
        tags: ['qualifications'],
        summary: 'Record that a user is trained to operate the instrument, until a date',
        params: idParams,
        body: grantQualificationBody,
        response: { 201: qualificationView, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const created = await service.grant(requireActor(req), requestContext(req), req.params.id, {
        ...b,
        validUntil: new Date(b.validUntil),
      });
      reply.status(201);
      return created;
    },
  );

  r.post(
    '/api/qualifications/:id/renew',
    {
      schema: {
        tags: ['qualifications'],
        summary: 'Extend a training record (optionally change its level or note; null clears the note)',
        params: idParams,
        body: renewQualificationBody,
        response: { 200: qualificationView, ...errors },
      },
    },
    async (req) =>
      service.renew(requireActor(req), requestContext(req), req.params.id, {
        ...req.body,
        validUntil: new Date(req.body.validUntil),
      }),
  );

  r.post(
    '/api/qualifications/:id/revoke',
    {
      schema: {
        tags: ['qualifications'],
        summary: 'Revoke a training record, with a reason',
        params: idParams,
        body: revokeQualificationBody,
        response: { 200: qualificationView, ...errors },
      },
    },
    async (req) => service.revoke(requireActor(req), requestContext(req), req.params.id, req.body.reason),
  );

  r.get(
    '/api/qualifications/mine',
    {
      schema: {
        tags: ['qualifications'],
        summary: 'My training records',
        response: { 200: qualificationList, 401: errorBody },
      },
    },
    async (req) => service.mine(requireActor(req)),
  );
}
