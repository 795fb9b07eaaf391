import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, paged } from '../../../shared/api/common.js';
import {
  deviceCreateBody,
  deviceDetail,
  deviceIdParams,
  deviceListQuery,
  deviceMoveBody,
  deviceRetireBody,
  deviceSummary,
  deviceWithCredentials,
} from '../../../shared/api/devices.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import type { DeviceService } from './device.service.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function deviceRoutes(app: FastifyInstance, deps: { service: DeviceService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = deps;

  r.get(
    '/api/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'Power sensors the caller may see (own organisation, or the bureau region)',
        querystring: deviceListQuery,
        response: { 200: paged(deviceSummary), 400: errorBody, 401: errorBody },
      },
    },
    async (req) => service.list(requireActor(req), req.query),
  );

  r.get(
    '/api/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'A device: fittings history, error counters, topics',
        params: deviceIdParams,
        response: { 200: deviceDetail, 401: errorBody, 404: errorBody },
      },
    },
    async (req) => service.detail(requireActor(req), req.params.id),
  );

  r.post(
    '/api/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'Provision a device for an instrument; the password is shown only in this response',
        body: deviceCreateBody,
        response: { 201: deviceWithCredentials, ...errors },
      },
    },
    async (req, reply) => {
      const created = await service.provision(requireActor(req), requestContext(req), req.body);
      reply.status(201).header('cache-control', 'no-store');
      return created;
    },
  );

  r.post(
    '/api/devices/:id/rotate',
    {
      schema: {
        tags: ['devices'],
        summary: 'Issue new credentials (the old password stops working at once)',
        params: deviceIdParams,
        response: { 200: deviceWithCredentials, ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return service.rotate(requireActor(req), requestContext(req), req.params.id);
    },
  );

  r.post(
    '/api/devices/:id/retire',
    {
      schema: {
        tags: ['devices'],
        summary: 'Retire a device for good: it can no longer connect',
        params: deviceIdParams,
        body: deviceRetireBody,
        response: { 200: deviceDetail, ...errors },
      },
    },
    async (req) => service.retire(requireActor(req), requestContext(req), req.params.id, req.body.reason),
  );

  r.post(
    '/api/devices/:id/move',
    {
      schema: {
        tags: ['devices'],
        summary: 'Move a device to another instrument (the fitting history is kept)',
        params: deviceIdParams,
        body: deviceMoveBody,
        response: { 200: deviceDetail, ...errors },
      },
    },
    async (req) => service.move(requireActor(req), requestContext(req), req.params.id, req.body),
  );
}
