import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { CookieOptions } from '../../http/session.plugin.js';
import type { Clock } from '../../lib/clock.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { OrganisationsModule } from '../organisations/index.js';
import { authRoutes } from './auth.routes.js';
import { createAuthService } from './auth.service.js';
import { createIdentityRepository } from './identity.repository.js';
import { membersRoutes } from './members.routes.js';
import { createMembersService } from './members.service.js';
import { usersRoutes } from './users.routes.js';
import { createUsersService } from './users.service.js';

export function createIdentityModule(deps: {
  db: Db;
  clock: Clock;
  config: Config;
  cookies: CookieOptions;
  publicUrl: string;
  notifications: NotificationService;
  organisations: OrganisationsModule;
}) {
  const { db, clock } = deps;
  const repository = createIdentityRepository(db);
  const auth = createAuthService({
    db,
    identity: repository,
    organisationService: deps.organisations.service,
    clock,
    config: deps.config,
  });
  const members = createMembersService({
    db,
    identity: repository,
    organisations: deps.organisations.repository,
    auth,
    notifications: deps.notifications,
    clock,
    publicUrl: deps.publicUrl,
  });
  const users = createUsersService({ db, identity: repository, clock });
  return {
    repository,
    auth,
    members,
    users,
    routes(app: FastifyInstance) {
      authRoutes(app, { db, auth, members, identity: repository, cookies: deps.cookies });
      membersRoutes(app, { members });
      usersRoutes(app, { users });
    },
  };
}
