import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { batchView, createBatchBody, subsidyPolicyInput, updateBatchBody } from '../../../shared/api/challenges.js';
import { errorBody, idParams } from '../../../shared/api/common.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import type { BatchService } from './batch.service.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export function batchRoutes(app: FastifyInstance, deps: { batches: BatchService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { batches } = deps;

  r.get(
    '/api/challenges/batches',
    {
      schema: {
        tags: ['challenges'],
        summary: 'All 揭榜挂帅 batches with their directions and subsidy policy (public)',
        response: { 200: z.array(batchView) },
      },
    },
    async () => batches.list(),
  );

  r.get(
    '/api/challenges/batches/managed',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Batches in my regions (bureau)',
        response: { 200: z.array(batchView), 401: errorBody },
      },
    },
    async (req) => batches.managed(requireActor(req)),
  );

  r.get(
    '/api/challenges/batches/:id',
    {
      schema: {
        tags: ['challenges'],
        summary: 'One batch',
        params: idParams,
        response: { 200: batchView, 404: errorBody },
      },
    },
    async (req) => batches.view(req.params.id),
  );

  r.post(
    '/api/challenges/batches',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Open a batch: window, directions and the first subsidy policy version',
        body: createBatchBody,
        response: { 201: batchView, ...errors },
      },
    },
    async (req, reply) => {
      const b = await batches.create(requireActor(req), requestContext(req), req.body);
      reply.status(201);
      return b;
    },
  );

  r.put(
    '/api/challenges/batches/:id',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Change a batch: title, collection window (e.g. extend it), directions added',
        params: idParams,
        body: updateBatchBody,
        response: { 200: batchView, ...errors },
      },
    },
    async (req) => batches.update(requireActor(req), requestContext(req), req.params.id, req.body),
  );

  r.post(
    '/api/challenges/batches/:id/policies',
    {
      schema: {
        tags: ['challenges'],
        summary: 'Add a subsidy policy version (ratio, cap, base) to a batch',
        params: idParams,
        body: subsidyPolicyInput,
        response: { 200: batchView, ...errors },
      },
    },
    async (req) => batches.addPolicy(requireActor(req), requestContext(req), req.params.id, req.body),
  );
}
