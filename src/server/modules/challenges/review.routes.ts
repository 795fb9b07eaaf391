import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignBody,
  assignResult,
  comparison,
  declareBody,
  declineBody,
  myReviews,
  reviewBoard,
  reviewSettings,
  reviewSettingsBody,
  scoreBody,
} from '../../../shared/api/challenge-applications.js';
import { idParams, okBody } from '../../../shared/api/common.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import { errors } from './application.routes.js';
import type { ReviewService } from './review.service.js';

/** 评审、比选: rubric, expert assignment with conflict checks, scoring, board and comparison. */
export function reviewRoutes(app: FastifyInstance, deps: { reviews: ReviewService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { reviews } = deps;
  const tags = ['challenge-reviews'];

  r.get(
    '/api/challenge-lists/:id/review-settings',
    {
      schema: {
        tags,
        summary: 'Rubric and blind setting of a list',
        params: idParams,
        response: { 200: reviewSettings, ...errors },
      },
    },
    async (req) => reviews.getSettings(requireActor(req), req.params.id),
  );
  r.put(
    '/api/challenge-lists/:id/review-settings',
    {
      schema: {
        tags,
        summary: 'Set the weighted rubric and blind review',
        params: idParams,
        body: reviewSettingsBody,
        response: { 200: reviewSettings, ...errors },
      },
    },
    async (req) => reviews.putSettings(requireActor(req), requestContext(req), req.params.id, req.body),
  );
  r.post(
    '/api/challenge-lists/:id/assignments',
    {
      schema: {
        tags,
        summary: 'Assign experts to applications (conflicts of interest block)',
        params: idParams,
        body: assignBody,
        response: { 200: assignResult, ...errors },
      },
    },
    async (req) => reviews.assign(requireActor(req), requestContext(req), req.params.id, req.body),
  );
  r.get(
    '/api/challenge-lists/:id/review-board',
    {
      schema: {
        tags,
        summary: 'Per-expert progress and aggregate scores with outliers',
        params: idParams,
        response: { 200: reviewBoard, ...errors },
      },
    },
    async (req) => reviews.board(requireActor(req), req.params.id),
  );
  r.get(
    '/api/challenge-lists/:id/comparison',
    {
      schema: {
        tags,
        summary: 'Side-by-side comparison of shortlisted proposals',
        params: idParams,
        response: { 200: comparison, ...errors },
      },
    },
    async (req) => reviews.comparison(requireActor(req), req.params.id),
  );
  r.get(
    '/api/challenge-experts',
    {
      schema: {
        tags,
        summary: 'Experts an officer may assign',
        response: { 200: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string() })), ...errors },
      },
    },
    async (req) => reviews.experts(requireActor(req)),
  );
  r.get(
    '/api/challenge-reviews/mine',
    { schema: { tags, summary: 'My review tasks ("3 of 5 reviewed")', response: { 200: myReviews, ...errors } } },
    async (req) => reviews.mine(requireActor(req)),
  );
  r.post(
    '/api/challenge-reviews/:id/score',
    {
      schema: {
        tags,
        summary: 'Submit rubric scores',
        params: idParams,
        body: scoreBody,
        response: { 200: okBody, ...errors },
      },
    },
    async (req) =>
      reviews.score(requireActor(req), requestContext(req), req.params.id, req.body.scores, req.body.comment),
  );
  r.post(
    '/api/challenge-reviews/:id/decline',
    {
      schema: {
        tags,
        summary: 'Decline a review citing a conflict of interest',
        params: idParams,
        body: declineBody,
        response: { 200: okBody, ...errors },
      },
    },
    async (req) => reviews.decline(requireActor(req), requestContext(req), req.params.id, req.body.reason),
  );
  r.post(
    '/api/challenge-conflicts',
    {
      schema: {
        tags,
        summary: 'Declare a relationship with an organisation (expert)',
        body: declareBody,
        response: { 200: okBody, ...errors },
      },
    },
    async (req) => reviews.declare(requireActor(req), requestContext(req), req.body.organisationId, req.body.relation),
  );
}
