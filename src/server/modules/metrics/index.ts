import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { createMetricsRepository } from './metrics.repository.js';
import { metricsRoutes } from './metrics.routes.js';
import { createMetricsService } from './metrics.service.js';

export function createMetricsModule(deps: { db: Db; clock: Clock }) {
  const service = createMetricsService({ metrics: createMetricsRepository(deps.db) });
  return { service, routes: (app: FastifyInstance) => metricsRoutes(app, { service, clock: deps.clock }) };
}
