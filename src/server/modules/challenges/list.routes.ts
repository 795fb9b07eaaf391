import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerBody,
  askBody,
  listCommandBody,
  listDetail,
  listInput,
  listListItem,
  listListQuery,
  listUpdateBody,
  reviewBody,
} from '../../../shared/api/challenges.js';
import { errorBody, idParams, paged } from '../../../shared/api/common.js';
import { optionalActor, requestContext, requireActor } from '../../http/session.plugin.js';
import type { ListService } from './list.service.js';
import type { ListCommand } from './list.status.js';
import type { QaService } from './qa.service.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export function listRoutes(app: FastifyInstance, deps: { lists: ListService; qa: QaService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { lists, qa } = deps;

  r.get(
    '/api/challenges/lists',
    {
      schema: {
        tags: ['challenges'],
        summary: '榜单大厅: published lists, searchable (no sign-in)',
        querystring: listListQuery,
        response: { 200: paged(listListItem) },
      },
    },
    async (req) => lists.hall(req.query),
  );

  r.get(
    '/api/challenges/lists/managed',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Lists of the batches in my regions, every status (bureau)',
        querystring: listListQuery,
        response: { 200: paged(listListItem), 401: errorBody, 403: errorBody },
      },
    },
    async (req) => lists.managed(requireActor(req), req.query),
  );

  r.get(
    '/api/challenges/lists/mine',
    {
      schema: {
        tags: ['challenges'],
        summary: "Published lists drawn from my organisations' needs (enterprises)",
        querystring: listListQuery,
        response: { 200: paged(listListItem), 401: errorBody },
      },
    },
    async (req) => lists.mine(requireActor(req), req.query),
  );

  r.get(
    '/api/challenges/lists/reviews',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Lists awaiting expert 论证 (experts)',
        querystring: listListQuery,
        response: { 200: paged(listListItem), 401: errorBody, 403: errorBody },
      },
    },
    async (req) => lists.reviewQueue(requireActor(req), req.query),
  );

  r.post(
    '/api/challenges/lists',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Draft a list from accepted needs',
        body: listInput,
        response: { 201: listDetail, ...errors },
      },
    },
    async (req, reply) => {
      const l = await lists.create(requireActor(req), requestContext(req), req.body);
      reply.status(201);
      return l;
    },
  );

  r.get(
    '/api/challenges/lists/:id',
    {
      schema: {
        tags: ['challenges'],
        summary: 'A list: public fields for everyone once published; history and 论证 for the bureau and experts',
        params: idParams,
        response: { 200: listDetail, 404: errorBody },
      },
    },
    async (req) => lists.detail(optionalActor(req), req.params.id),
  );

  r.put(
    '/api/challenges/lists/:id',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Edit a drafted list (send the version you loaded)',
        params: idParams,
        body: listUpdateBody,
        response: { 200: listDetail, ...errors },
      },
    },
    async (req) => lists.update(requireActor(req), requestContext(req), req.params.id, req.body),
  );

  const commands: ListCommand[] = ['submit_review', 'publish', 'withdraw'];
  for (const command of commands) {
    r.post(
      `/api/challenges/lists/:id/${command.replace('_', '-')}`,
      {
        schema: {
          tags: ['challenges'],
          summary: `List: ${command}`,
          params: idParams,
          body: listCommandBody,
          response: { 200: listDetail, ...errors },
        },
      },
      async (req) =>
        lists.command(
          requireActor(req),
          requestContext(req),
          req.params.id,
          command,
          req.body.reason,
          req.body.version,
        ),
    );
  }

  r.post(
    '/api/challenges/lists/:id/review',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Expert 论证 opinion: approve or revise, with comments',
        params: idParams,
        body: reviewBody,
        response: { 200: listDetail, ...errors },
      },
    },
    async (req) => lists.review(requireActor(req), requestContext(req), req.params.id, req.body),
  );

  r.post(
    '/api/challenges/lists/:id/questions',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Ask a public clarification question (signed in)',
        params: idParams,
        body: askBody,
        response: { 201: z.object({ id: z.uuid() }), ...errors },
      },
    },
    async (req, reply) => {
      const q = await qa.ask(requireActor(req), requestContext(req), req.params.id, req.body.question);
      reply.status(201);
      return q;
    },
  );

  r.post(
    '/api/challenges/questions/:id/answer',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Answer a question (officer); the answer is public',
        params: idParams,
        body: answerBody,
        response: { 200: listDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { listId } = await qa.answer(actor, requestContext(req), req.params.id, req.body.answer);
      return lists.detail(actor, listId);
    },
  );
}
