import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../shared/api/common.js';
import {
  CATALOGUE_EXPORT_MAX_ROWS,
  calendarQuery,
  calendarResponse,
  catalogueExportQuery,
  cataloguePage,
  catalogueQuery,
  instrumentDetail,
  instrumentInput,
  instrumentUpdate,
} from '../../../shared/api/instruments.js';
import { requestLang } from '../../http/errors.plugin.js';
import { optionalActor, requestContext, requireActor } from '../../http/session.plugin.js';
import { sendCatalogue } from './instrument.export.js';
import type { InstrumentService } from './instrument.service.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function instrumentRoutes(app: FastifyInstance, deps: { service: InstrumentService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = deps;

  r.get(
    '/api/instruments',
    {
      schema: {
        tags: ['instruments'],
        summary: 'Public catalogue: Chinese full-text search and filters',
        querystring: catalogueQuery,
        response: { 200: cataloguePage, 400: errorBody },
      },
    },
    async (req, reply) => {
      const { freeFrom, freeTo, minValueYuan, maxValueYuan, ...rest } = req.query;
      const json = await service.catalogueJson({
        ...rest,
        freeFrom: freeFrom ? new Date(freeFrom) : undefined,
        freeTo: freeTo ? new Date(freeTo) : undefined,
        minValueFen: minValueYuan === undefined ? undefined : Math.round(minValueYuan * 100),
        maxValueFen: maxValueYuan === undefined ? undefined : Math.round(maxValueYuan * 100),
      });
      // Sent as bytes, so the serialiser does not run again on JSON the response schema already shaped.
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );

  r.get(
    '/api/instruments/export',
    {
      schema: {
        tags: ['instruments'],
        summary: `The catalogue as CSV or XLSX, with the list's filters and order (at most ${CATALOGUE_EXPORT_MAX_ROWS} rows)`,
        querystring: catalogueExportQuery,
      },
    },
    async (req, reply) => {
      const { format, freeFrom, freeTo, minValueYuan, maxValueYuan, ...rest } = req.query;
      const items = await service.catalogueExport({
        ...rest,
        freeFrom: freeFrom ? new Date(freeFrom) : undefined,
        freeTo: freeTo ? new Date(freeTo) : undefined,
        minValueFen: minValueYuan === undefined ? undefined : Math.round(minValueYuan * 100),
        maxValueFen: maxValueYuan === undefined ? undefined : Math.round(maxValueYuan * 100),
      });
      return sendCatalogue(reply, format, items, requestLang(req), `${req.protocol}://${req.host}`);
    },
  );

  r.get(
    '/api/instruments/:id',
    {
      schema: {
        tags: ['instruments'],
        summary: 'An instrument page',
        params: idParams,
        response: { 200: instrumentDetail, 404: errorBody },
      },
    },
    async (req) => service.detail(optionalActor(req), req.params.id),
  );

  r.get(
    '/api/instruments/:id/calendar',
    {
      schema: {
        tags: ['instruments'],
        summary: 'Busy slots of an instrument in a window (at most 93 days)',
        params: idParams,
        querystring: calendarQuery,
        response: { 200: calendarResponse, 400: errorBody, 404: errorBody },
      },
    },
    async (req) =>
      service.calendar(optionalActor(req), req.params.id, new Date(req.query.from), new Date(req.query.to)),
  );

  r.post(
    '/api/instruments',
    {
      schema: {
        tags: ['instruments'],
        summary: 'List an instrument (instrument manager)',
        body: instrumentInput,
        response: { 201: instrumentDetail, ...errors },
      },
    },
    async (req, reply) => {
      const created = await service.create(requireActor(req), requestContext(req), req.body);
      reply.status(201);
      return created;
    },
  );

  r.patch(
    '/api/instruments/:id',
    {
      schema: {
        tags: ['instruments'],
        summary: 'Edit an instrument',
        params: idParams,
        body: instrumentUpdate,
        response: { 200: instrumentDetail, ...errors },
      },
    },
    async (req) => service.update(requireActor(req), requestContext(req), req.params.id, req.body),
  );
  // Training records (qualifications) are served by bookings/qualification.routes.ts.
}
