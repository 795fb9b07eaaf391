import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  candidateList,
  candidateQuery,
  grantQualificationBody,
  qualificationList,
  qualificationListQuery,
  qualificationView,
  renewQualificationBody,
  revokeQualificationBody,
} from '../../../shared/api/bookings.qualifications.js';
import { errorBody, idParams } from '../../../shared/api/common.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import type { QualificationService } from './qualification.service.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function qualificationRoutes(app: FastifyInstance, deps: { service: QualificationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = deps;

  r.get(
    '/api/instruments/:id/qualifications',
    {
      schema: {
        tags: ['qualifications'],
        summary: 'Training records of an instrument (its managers)',
        params: idParams,
        querystring: qualificationListQuery,
        response: { 200: qualificationList, ...errors },
      },
    },
    async (req) => service.list(requireActor(req), req.params.id, req.query.state),
  );

  r.get(
    '/api/instruments/:id/qualification-candidates',
    {
      schema: {
        tags: ['qualifications'],
        summary: 'Users to grant a training record to, by email prefix or name',
        params: idParams,
        querystring: candidateQuery,
        response: { 200: candidateList, ...errors },
      },
    },
    async (req) => service.candidates(requireActor(req), req.params.id, req.query.q),
  );

  r.post(
    '/api/instruments/:id/qualifications',
    {
      schema: {
        tags: ['qualifications'],
        summary: 'Record that a user is trained to operate the instrument, until a date',
        params: idParams,
        body: grantQualificationBody,
        response: { 201: qualificationView, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const created = await service.grant(requireActor(req), requestContext(req), req.params.id, {
        ...b,
        validUntil: new Date(b.validUntil),
      });
      reply.status(201);
      return created;
    },
  );

  r.post(
    '/api/qualifications/:id/renew',
    {
      schema: {
        tags: ['qualifications'],
        summary: 'Extend a training record (optionally change its level or note; null clears the note)',
        params: idParams,
        body: renewQualificationBody,
        response: { 200: qualificationView, ...errors },
      },
    },
    async (req) =>
      service.renew(requireActor(req), requestContext(req), req.params.id, {
        ...req.body,
        validUntil: new Date(req.body.validUntil),
      }),
  );

  r.post(
    '/api/qualifications/:id/revoke',
    {
      schema: {
        tags: ['qualifications'],
        summary: 'Revoke a training record, with a reason',
        params: idParams,
        body: revokeQualificationBody,
        response: { 200: qualificationView, ...errors },
      },
    },
    async (req) => service.revoke(requireActor(req), requestContext(req), req.params.id, req.body.reason),
  );

  r.get(
    '/api/qualifications/mine',
    {
      schema: {
        tags: ['qualifications'],
        summary: 'My training records',
        response: { 200: qualificationList, 401: errorBody },
      },
    },
    async (req) => service.mine(requireActor(req)),
  );
}
