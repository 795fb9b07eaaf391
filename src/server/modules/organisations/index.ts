import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { createIdentityRepository } from '../identity/identity.repository.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { createOrganisationRepository } from './organisation.repository.js';
import { organisationRoutes } from './organisation.routes.js';
import { createOrganisationService } from './organisation.service.js';

export function createOrganisationsModule(deps: { db: Db; clock: Clock; notifications: NotificationService }) {
  const repository = createOrganisationRepository(deps.db);
  const service = createOrganisationService({
    ...deps,
    organisations: repository,
    identity: createIdentityRepository(deps.db),
  });
  return { repository, service, routes: (app: FastifyInstance) => organisationRoutes(app, { service, repository }) };
}
export type OrganisationsModule = ReturnType<typeof createOrganisationsModule>;
