import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  bookingDetail,
  bookingListItem,
  bookingListQuery,
  completeBody,
  createBookingBody,
  rateBody,
} from '../../../shared/api/bookings.js';
import { errorBody, idParams, paged } from '../../../shared/api/common.js';
import { transitionBody } from '../../../shared/api/organisations.js';
import { requestLang } from '../../http/errors.plugin.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import type { BookingService } from './booking.service.js';
import type { BookingCommand } from './booking.status.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export function bookingRoutes(app: FastifyInstance, deps: { service: BookingService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = deps;

  r.post(
    '/api/bookings',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Book an instrument',
        body: createBookingBody,
        response: { 201: bookingDetail, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const created = await service.create(requireActor(req), requestContext(req), requestLang(req), {
        ...b,
        start: new Date(b.start),
        end: new Date(b.end),
      });
      reply.status(201);
      return created;
    },
  );

  r.get(
    '/api/bookings/mine',
    {
      schema: {
        tags: ['bookings'],
        summary: 'My bookings',
        querystring: bookingListQuery,
        response: { 200: paged(bookingListItem), 401: errorBody },
      },
    },
    async (req) => service.mine(requireActor(req), req.query.status, req.query.page, req.query.pageSize),
  );

  r.get(
    '/api/bookings/queue',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Bookings of the instruments I manage (approval queue)',
        querystring: bookingListQuery,
        response: { 200: paged(bookingListItem), 401: errorBody },
      },
    },
    async (req) => service.queue(requireActor(req), req.query.status, req.query.page, req.query.pageSize),
  );

  r.get(
    '/api/bookings/:id',
    {
      schema: {
        tags: ['bookings'],
        summary: 'A booking with its history',
        params: idParams,
        response: { 200: bookingDetail, ...errors },
      },
    },
    async (req) => service.detail(requireActor(req), req.params.id),
  );

  const commands: BookingCommand[] = ['approve', 'reject', 'confirm', 'check_in', 'cancel', 'mark_no_show'];
  for (const command of commands) {
    r.post(
      `/api/bookings/:id/${command.replace('_', '-')}`,
      {
        schema: {
          tags: ['bookings'],
          summary: `Booking: ${command}`,
          params: idParams,
          body: transitionBody.nullish(),
          response: { 200: bookingDetail, ...errors },
        },
      },
      async (req) =>
        service.transition(requireActor(req), requestContext(req), req.params.id, command, req.body?.reason),
    );
  }

  r.post(
    '/api/bookings/:id/complete',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Complete a booking and record the service delivered',
        params: idParams,
        body: completeBody,
        response: { 200: bookingDetail, ...errors },
      },
    },
    async (req) =>
      service.transition(requireActor(req), requestContext(req), req.params.id, 'complete', undefined, req.body),
  );

  r.post(
    '/api/bookings/:id/rating',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Rate the service (the person who booked)',
        params: idParams,
        body: rateBody,
        response: { 200: bookingDetail, ...errors },
      },
    },
    async (req) => service.rate(requireActor(req), req.params.id, req.body.rating, req.body.comment ?? null),
  );
}
