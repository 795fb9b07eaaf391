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

/** How old a check of the index a search that missed the answer cache may answer from. */
export const CATALOGUE_INDEX_LAG_MS = 200;

export function createInstrumentsModule(deps: {
  db: Db;
  clock: Clock;
  organisations: OrganisationRepository;
  /** CATALOGUE_CACHE_SECONDS: seconds a public search answer is reused; 0 turns the cache off. */
  cacheSeconds: number;
}) {
  const repository = createInstrumentRepository(deps.db);
  const settings = createSettingsService({ db: deps.db });
  const { cacheSeconds } = deps;
  // No answer is older than the answer cache allows: with the cache off, every search checks.
  const search = createCatalogueSearch({ repository, maxLagMs: Math.min(CATALOGUE_INDEX_LAG_MS, cacheSeconds * 1000) });
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
    changed: () => service.catalogueChanged(),
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
