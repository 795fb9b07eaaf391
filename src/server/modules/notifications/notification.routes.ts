import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, idParams, okBody } from '../../../shared/api/common.js';
import { inboxQuery, inboxResponse } from '../../../shared/api/notifications.js';
import { requestLang } from '../../http/errors.plugin.js';
import { requireActor } from '../../http/session.plugin.js';
import type { NotificationService } from './notification.service.js';

export function notificationRoutes(app: FastifyInstance, deps: { service: NotificationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = deps;

  r.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My inbox',
        querystring: inboxQuery,
        response: { 200: inboxResponse, 401: errorBody },
      },
    },
    async (req) => service.inbox(requireActor(req).userId, requestLang(req), req.query),
  );

  r.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one notification read',
        params: idParams,
        response: { 200: okBody, 401: errorBody },
      },
    },
    async (req) => {
      await service.markRead(requireActor(req).userId, req.params.id);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/notifications/read-all',
    { schema: { tags: ['notifications'], summary: 'Mark all read', response: { 200: okBody, 401: errorBody } } },
    async (req) => {
      await service.markRead(requireActor(req).userId);
      return { ok: true as const };
    },
  );
}
