import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { instrumentReviews, reviewsQuery } from '../../../shared/api/bookings.js';
import { errorBody, idParams } from '../../../shared/api/common.js';
import type { ReviewService } from './review.service.js';

export function reviewRoutes(app: FastifyInstance, deps: { service: ReviewService }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/instruments/:id/reviews',
    {
      schema: {
        tags: ['instruments'],
        summary: 'Users’ ratings and comments of the services an instrument delivered, newest first',
        params: idParams,
        querystring: reviewsQuery,
        response: { 200: instrumentReviews, 404: errorBody },
      },
    },
    async (req) =>
      deps.service.forInstrument(req.params.id, req.query.page, req.query.pageSize, req.query.withComment === 'true'),
  );
}
