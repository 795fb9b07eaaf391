import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { OrganisationRepository } from '../organisations/organisation.repository.js';
import { createSettingsService } from '../settings/settings.service.js';
import { createCatalogueSearch } from './catalogue.search.js';
import { createInstrumentRepository } from './instrument.repository.js';
import { instrumentRoutes } from './instrument.routes.js';
import { createInstrumentService } from './instrument.service.js';
import { createPhotoRepository } from './photo.repository.js';
import { photoRoutes } from './photo.routes.js';
import { createPhotoService } from './photo.service.js';

export function createInstrumentsModule(deps: {
  db: Db;
  clock: Clock;
  organisations: OrganisationRepository;
  cacheSeconds?: number;
}) {
  const repository = createInstrumentRepository(deps.db);
  const settings = createSettingsService({ db: deps.db });
  const search = createCatalogueSearch({ repository });
  const photoRepository = createPhotoRepository(deps.db);
  const service = createInstrumentService({
    ...deps,
    instruments: repository,
    search,
    photos: photoRepository,
    settings,
  });
  const photos = createPhotoService({
    db: deps.db,
    clock: deps.clock,
    photos: photoRepository,
    instruments: repository,
    changed: () => service.clearCatalogueCache(),
  });
  return {
    repository,
    search,
    service,
    photos,
    settings,
    routes: (app: FastifyInstance) => {
      instrumentRoutes(app, { service });
      photoRoutes(app, { service: photos });
    },
  };
}
export type InstrumentsModule = ReturnType<typeof createInstrumentsModule>;
