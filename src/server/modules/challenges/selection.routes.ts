import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  applicationDetail,
  reasonBody,
  selectionBody,
  selectionState,
} from '../../../shared/api/challenge-applications.js';
import { idParams } from '../../../shared/api/common.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import { errors } from './application.routes.js';
import type { SelectionService } from './selection.service.js';

/** 遴选、公示、挂帅 / 流榜, and 赛马 stage gates. */
export function selectionRoutes(app: FastifyInstance, deps: { selection: SelectionService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { selection } = deps;
  const tags = ['challenge-selection'];
  r.get(
    '/api/challenge-lists/:id/selection',
    {
      schema: {
        tags,
        summary: 'Selection and public notice of a list',
        params: idParams,
        response: { 200: selectionState, ...errors },
      },
    },
    async (req) => selection.get(requireActor(req), req.params.id),
  );
  r.post(
    '/api/challenge-lists/:id/selection',
    {
      schema: {
        tags,
        summary: 'Select solver(s) and start the public notice (公示)',
        params: idParams,
        body: selectionBody,
        response: { 200: selectionState, ...errors },
      },
    },
    async (req) => selection.select(requireActor(req), requestContext(req), req.params.id, req.body),
  );
  r.post(
    '/api/challenge-lists/:id/selection/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm after the notice period: the list is taken',
        params: idParams,
        response: { 200: selectionState, ...errors },
      },
    },
    async (req) => selection.confirm(requireActor(req), requestContext(req), req.params.id),
  );
  r.post(
    '/api/challenge-lists/:id/unclaimed',
    {
      schema: {
        tags,
        summary: 'End the list unclaimed (流榜)',
        params: idParams,
        body: reasonBody,
        response: { 200: selectionState, ...errors },
      },
    },
    async (req) => selection.unclaim(requireActor(req), requestContext(req), req.params.id, req.body.reason),
  );
  r.post(
    '/api/challenge-applications/:id/eliminate',
    {
      schema: {
        tags,
        summary: 'Eliminate a racing solver at a stage gate (赛马)',
        params: idParams,
        body: reasonBody,
        response: { 200: applicationDetail, ...errors },
      },
    },
    async (req) => selection.eliminate(requireActor(req), requestContext(req), req.params.id, req.body.reason),
  );
}
