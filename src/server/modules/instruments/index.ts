import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { OrganisationRepository } from '../organisations/organisation.repository.js';
import { createSettingsService } from '../settings/settings.service.js';
import { createCatalogueSearch } from './catalogue.search.js';
import { createInstrumentRepository } from './instrument.repository.js';
import { instrumentRoutes } from './instrument.routes.js';
import { createInstrumentService } from './instrument.service.js';

export function createInstrumentsModule(deps: {
  db: Db;
  clock: Clock;
  organisations: OrganisationRepository;
  cacheSeconds?: number;
}) {
  const repository = createInstrumentRepository(deps.db);
  const settings = createSettingsService({ db: deps.db });
  const search = createCatalogueSearch({ repository });
  const service = createInstrumentService({ ...deps, instruments: repository, search, settings });
  return {
    repository,
    search,
    service,
    settings,
    routes: (app: FastifyInstance) => instrumentRoutes(app, { service }),
  };
}
export type InstrumentsModule = ReturnType<typeof createInstrumentsModule>;
