import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import { createAuditRepository } from './audit.repository.js';
import { auditRoutes } from './audit.routes.js';
import { createAuditService } from './audit.service.js';

export function createAuditModule(deps: { db: Db }) {
  const repository = createAuditRepository(deps.db);
  const service = createAuditService({ audit: repository });
  return { repository, service, routes: (app: FastifyInstance) => auditRoutes(app, { service }) };
}
