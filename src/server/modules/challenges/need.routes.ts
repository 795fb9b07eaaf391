import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  batchResult,
  duplicateView,
  mergeBody,
  needBatchBody,
  needCommandBody,
  needDetail,
  needExportQuery,
  needInput,
  needListItem,
  needListQuery,
  similarQuery,
} from '../../../shared/api/challenges.js';
import { errorBody, idParams, paged } from '../../../shared/api/common.js';
import { requestLang } from '../../http/errors.plugin.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import { sendTable } from './export.js';
import type { NeedService } from './need.service.js';
import type { NeedCommand } from './need.status.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export function needRoutes(app: FastifyInstance, deps: { needs: NeedService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { needs } = deps;

  r.post(
    '/api/challenges/needs',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Report a need (draft, or submitted at once with `submit`); returns likely duplicates',
        body: needInput.extend({ submit: z.boolean().default(false) }),
        response: { 201: z.object({ need: needDetail, duplicates: z.array(duplicateView) }), ...errors },
      },
    },
    async (req, reply) => {
      const { submit, ...input } = req.body;
      const created = await needs.create(requireActor(req), requestContext(req), input, submit);
      reply.status(201);
      return created;
    },
  );

  r.put(
    '/api/challenges/needs/:id',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Edit a draft or returned need',
        params: idParams,
        body: needInput.extend({ version: z.number().int() }),
        response: { 200: needDetail, ...errors },
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return needs.update(requireActor(req), requestContext(req), req.params.id, input, version);
    },
  );

  r.get(
    '/api/challenges/needs/mine',
    {
      schema: {
        tags: ['challenges'],
        summary: "My organisations' needs",
        querystring: needListQuery,
        response: { 200: paged(needListItem), 401: errorBody },
      },
    },
    async (req) => needs.mine(requireActor(req), req.query),
  );

  r.get(
    '/api/challenges/needs/queue',
    {
      schema: {
        tags: ['challenges'],
        summary: "The officer's screening queue",
        querystring: needListQuery,
        response: { 200: paged(needListItem), 401: errorBody, 403: errorBody },
      },
    },
    async (req) => needs.queue(requireActor(req), req.query),
  );

  r.get(
    '/api/challenges/needs/queue/export',
    {
      schema: {
        tags: ['challenges'],
        summary: "The officer's queue, filtered as on screen, as CSV or XLSX",
        querystring: needExportQuery,
        response: { 401: errorBody, 403: errorBody },
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const lang = requestLang(req);
      const table = await needs.exportQueue(requireActor(req), q, lang);
      const day = new Date().toISOString().slice(0, 10);
      return sendTable(
        reply,
        format,
        `${lang === 'en' ? 'needs' : '揭榜需求'}-${day}`,
        table.header,
        table.rows,
        'needs',
      );
    },
  );

  r.get(
    '/api/challenges/needs/similar',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Likely duplicates of a text in a batch, ranked by jieba term similarity',
        querystring: similarQuery,
        response: { 200: z.array(duplicateView), ...errors },
      },
    },
    async (req) => needs.similar(requireActor(req), req.query),
  );

  r.post(
    '/api/challenges/needs/batch',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Screen, accept, return or reject many needs; each is done or refused on its own',
        body: needBatchBody,
        response: { 200: batchResult, ...errors },
      },
    },
    async (req) =>
      needs.batchTransition(
        requireActor(req),
        requestContext(req),
        requestLang(req),
        req.body.ids,
        req.body.command,
        req.body.reason,
      ),
  );

  r.post(
    '/api/challenges/needs/merge',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Merge needs into one; sources stay linked and their enterprises are told',
        body: mergeBody,
        response: { 200: needDetail, ...errors },
      },
    },
    async (req) =>
      needs.merge(requireActor(req), requestContext(req), req.body.targetId, req.body.sourceIds, req.body.reason),
  );

  r.get(
    '/api/challenges/needs/:id',
    {
      schema: {
        tags: ['challenges'],
        summary: 'A need with its history',
        params: idParams,
        response: { 200: needDetail, ...errors },
      },
    },
    async (req) => needs.detail(requireActor(req), req.params.id),
  );

  r.get(
    '/api/challenges/needs/:id/duplicates',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Likely duplicates of a need',
        params: idParams,
        response: { 200: z.array(duplicateView), ...errors },
      },
    },
    async (req) => needs.duplicates(requireActor(req), req.params.id),
  );

  const commands: NeedCommand[] = ['submit', 'withdraw', 'screen', 'accept', 'return', 'reject'];
  for (const command of commands) {
    r.post(
      `/api/challenges/needs/:id/${command}`,
      {
        schema: {
          tags: ['challenges'],
          summary: `Need: ${command}`,
          params: idParams,
          body: needCommandBody.nullish(),
          response: { 200: needDetail, ...errors },
        },
      },
      async (req) =>
        needs.transition(
          requireActor(req),
          requestContext(req),
          req.params.id,
          command,
          req.body?.reason,
          req.body?.version,
        ),
    );
  }
}
