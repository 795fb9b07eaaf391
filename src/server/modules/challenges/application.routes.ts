import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicationBody,
  applicationDetail,
  applicationListQuery,
  applicationSummary,
  applicationUpdateBody,
  attachmentItem,
  attachmentQuery,
  batchResult,
  creditBody,
  creditItem,
  reasonBody,
  screenBody,
} from '../../../shared/api/challenge-applications.js';
import { errorBody, idParams, paged, pageQuery } from '../../../shared/api/common.js';
import { requestLang } from '../../http/errors.plugin.js';
import { rawBodyParser } from '../../http/raw-body.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import { AppError } from '../../lib/errors.js';
import type { ApplicationService } from './application.service.js';
import { ATTACHMENT_LIMIT_LABEL, type AttachmentService } from './attachment.service.js';
import { MAX_ATTACHMENT_BYTES } from './attachment.sniff.js';
import type { CreditService } from './credit.service.js';

export const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  413: errorBody,
  415: errorBody,
};

/** Raw-body upload: any content type; the bytes decide (see attachment.sniff.ts). */
export const readUpload = rawBodyParser(
  MAX_ATTACHMENT_BYTES,
  () => new AppError('CHALLENGE_ATTACHMENT_TOO_LARGE', { limit: ATTACHMENT_LIMIT_LABEL }),
);

export const UPLOAD_TYPES = [
  'application/octet-stream',
  'application/pdf',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
];

/** 揭榜申报: apply, edit until the deadline, withdraw, formal screening, attachments, credit records. */
export function applicationRoutes(
  app: FastifyInstance,
  deps: { applications: ApplicationService; attachments: AttachmentService; credit: CreditService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { applications, attachments, credit } = deps;
  const tags = ['challenge-applications'];

  r.post(
    '/api/challenge-applications',
    {
      schema: {
        tags,
        summary: 'Apply to a published list (alone or as consortium lead)',
        body: applicationBody,
        response: { 201: applicationDetail, ...errors },
      },
    },
    async (req, reply) => {
      const d = await applications.create(requireActor(req), requestContext(req), req.body);
      reply.status(201);
      return d;
    },
  );
  r.get(
    '/api/challenge-applications/mine',
    {
      schema: {
        tags,
        summary: 'Applications of my organisations',
        querystring: pageQuery,
        response: { 200: paged(applicationSummary), ...errors },
      },
    },
    async (req) => applications.mine(requireActor(req), req.query.page, req.query.pageSize),
  );
  r.get(
    '/api/challenge-applications',
    {
      schema: {
        tags,
        summary: 'Applications of a list (officers; the issuing enterprise sees screened-in ones)',
        querystring: applicationListQuery,
        response: { 200: paged(applicationSummary), ...errors },
      },
    },
    async (req) =>
      applications.forList(requireActor(req), req.query.listId, req.query.status, req.query.page, req.query.pageSize),
  );
  r.get(
    '/api/challenge-applications/:id',
    {
      schema: {
        tags,
        summary: 'An application with parties, attachments and history',
        params: idParams,
        response: { 200: applicationDetail, ...errors },
      },
    },
    async (req) => applications.detail(requireActor(req), req.params.id),
  );
  r.put(
    '/api/challenge-applications/:id',
    {
      schema: {
        tags,
        summary: 'Edit an application (until the deadline)',
        params: idParams,
        body: applicationUpdateBody,
        response: { 200: applicationDetail, ...errors },
      },
    },
    async (req) => applications.update(requireActor(req), requestContext(req), req.params.id, req.body),
  );
  r.post(
    '/api/challenge-applications/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw an application',
        params: idParams,
        body: reasonBody.nullish(),
        response: { 200: applicationDetail, ...errors },
      },
    },
    async (req) => applications.withdraw(requireActor(req), requestContext(req), req.params.id, req.body?.reason),
  );
  r.post(
    '/api/challenge-applications/screen',
    {
      schema: {
        tags,
        summary: 'Formal screening of many applications: passed / needs fix / rejected',
        body: screenBody,
        response: { 200: batchResult, ...errors },
      },
    },
    async (req) =>
      applications.screen(
        requireActor(req),
        requestContext(req),
        requestLang(req),
        req.body.ids,
        req.body.decision,
        req.body.reason,
      ),
  );

  app.register(async (scope) => {
    scope.addContentTypeParser(UPLOAD_TYPES, readUpload);
    const s = scope.withTypeProvider<ZodTypeProvider>();
    s.post(
      '/api/challenge-applications/:id/attachments',
      {
        schema: {
          tags,
          summary: 'Attach a PDF or Office file (raw body, at most 20 MB; the content must match the extension)',
          params: idParams,
          querystring: attachmentQuery,
          response: { 201: attachmentItem, ...errors },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('CHALLENGE_ATTACHMENT_TYPE');
        const a = await attachments.upload(
          requireActor(req),
          requestContext(req),
          'application',
          req.params.id,
          req.query.filename,
          req.body,
        );
        reply.status(201);
        return a;
      },
    );
  });

  r.get(
    '/api/challenge-attachments/:id',
    { schema: { tags, summary: 'Download an attachment', params: idParams } },
    async (req, reply) => {
      const { row, bytes } = await attachments.download(requireActor(req), req.params.id);
      reply
        .type(row.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
        .header('x-content-type-options', 'nosniff');
      return reply.send(bytes);
    },
  );

  r.get(
    '/api/organisations/:id/credit-records',
    {
      schema: {
        tags,
        summary: 'Credit records of an organisation',
        params: idParams,
        response: { 200: z.array(creditItem), ...errors },
      },
    },
    async (req) => credit.list(requireActor(req), req.params.id),
  );
  r.post(
    '/api/challenge-credit-records',
    {
      schema: {
        tags,
        summary: 'Record a breach or blacklist an organisation (optional expiry)',
        body: creditBody,
        response: { 201: creditItem, ...errors },
      },
    },
    async (req, reply) => {
      const c = await credit.add(requireActor(req), requestContext(req), req.body);
      reply.status(201);
      return c;
    },
  );
  r.post(
    '/api/challenge-credit-records/:id/revoke',
    {
      schema: {
        tags,
        summary: 'End a credit entry early (信用修复)',
        params: idParams,
        body: reasonBody,
        response: { 200: creditItem, ...errors },
      },
    },
    async (req) => credit.revoke(requireActor(req), requestContext(req), req.params.id, req.body.reason),
  );
}
