import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Mailer } from '../../lib/mailer.js';
import { notificationRoutes } from './notification.routes.js';
import { createNotificationService } from './notification.service.js';

export function createNotificationsModule(deps: { db: Db; mailer: Mailer; clock: Clock; log: (m: string) => void }) {
  const service = createNotificationService(deps);
  return { service, routes: (app: FastifyInstance) => notificationRoutes(app, { service }) };
}
