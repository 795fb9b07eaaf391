import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  managerCalendar,
  managerCalendarQuery,
  myCalendar,
  myCalendarQuery,
} from '../../../shared/api/bookings.calendar.js';
import {
  BOOKING_EXPORT_MAX_ROWS,
  bookingDetail,
  bookingExportQuery,
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
import type { Actor } from '../identity/actor.js';
import type { managerCalendar as buildCalendar, myCalendar as buildMyCalendar } from './booking.calendar.js';
import { sendBookings } from './booking.export.js';
import type { BookingService } from './booking.service.js';
import type { BookingCommand } from './booking.status.js';

type CalendarResult = ReturnType<typeof buildCalendar>;

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export function bookingRoutes(
  app: FastifyInstance,
  deps: {
    service: BookingService;
    calendar: (actor: Actor, from: Date, to: Date, organisationId?: string) => CalendarResult;
    myCalendar: (actor: Actor, from: Date, to: Date) => ReturnType<typeof buildMyCalendar>;
  },
) {
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
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return service.mine(requireActor(req), filter, page, pageSize);
    },
  );

  r.get(
    '/api/bookings/mine/export',
    {
      schema: {
        tags: ['bookings'],
        summary: `My bookings as CSV or XLSX, with the list's filters (at most ${BOOKING_EXPORT_MAX_ROWS} rows)`,
        querystring: bookingExportQuery,
      },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      const lang = requestLang(req);
      const { items } = await service.mine(requireActor(req), filter, 1, BOOKING_EXPORT_MAX_ROWS);
      return sendBookings(reply, format, lang === 'zh' ? '我的预约' : 'my-bookings', items, lang);
    },
  );

  r.get(
    '/api/bookings/mine/calendar',
    {
      schema: {
        tags: ['bookings'],
        summary: 'My calendar: my bookings on every instrument overlapping a window (at most 31 days)',
        querystring: myCalendarQuery,
        response: { 200: myCalendar, 400: errorBody, 401: errorBody },
      },
    },
    async (req) => deps.myCalendar(requireActor(req), new Date(req.query.from), new Date(req.query.to)),
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
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return service.queue(requireActor(req), filter, page, pageSize);
    },
  );

  r.get(
    '/api/bookings/queue/export',
    {
      schema: {
        tags: ['bookings'],
        summary: `Bookings of the instruments I manage as CSV or XLSX, with the queue's filters`,
        querystring: bookingExportQuery,
      },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      const lang = requestLang(req);
      const { items } = await service.queue(requireActor(req), filter, 1, BOOKING_EXPORT_MAX_ROWS);
      return sendBookings(reply, format, lang === 'zh' ? '预约审批' : 'booking-queue', items, lang);
    },
  );

  r.get(
    '/api/bookings/calendar',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Manager calendar: bookings, opening hours and blackouts of every instrument I manage',
        querystring: managerCalendarQuery,
        response: { 200: managerCalendar, 400: errorBody, 401: errorBody },
      },
    },
    async (req) =>
      deps.calendar(requireActor(req), new Date(req.query.from), new Date(req.query.to), req.query.organisationId),
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
    async (req) =>
      service.rate(requireActor(req), requestContext(req), req.params.id, req.body.rating, req.body.comment ?? null),
  );
}
