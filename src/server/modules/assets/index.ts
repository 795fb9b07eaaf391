import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { OrganisationRepository } from '../organisations/organisation.repository.js';
import type { SettingsService } from '../settings/settings.service.js';
import { createAssetImportService } from './asset.import.service.js';
import { createAssetRepository } from './asset.repository.js';
import { assetImportRoutes } from './asset.routes.js';
import { createReconcileRepository } from './reconcile.repository.js';
import { reconcileRoutes } from './reconcile.routes.js';
import { createReconcileService } from './reconcile.service.js';

/** The finance asset register: imports (file and JSON push) and the reconciliation against listings. */
export function createAssetsModule(deps: {
  db: Db;
  clock: Clock;
  organisations: OrganisationRepository;
  settings: SettingsService;
}) {
  const repository = createAssetRepository(deps.db);
  const imports = createAssetImportService({ ...deps, assets: repository });
  const reconcile = createReconcileService({
    db: deps.db,
    clock: deps.clock,
    reconcile: createReconcileRepository(deps.db),
    organisations: deps.organisations,
    settings: deps.settings,
  });
  return {
    repository,
    imports,
    reconcile,
    routes: (app: FastifyInstance) => {
      assetImportRoutes(app, { service: imports });
      reconcileRoutes(app, { service: reconcile });
    },
  };
}
export type AssetsModule = ReturnType<typeof createAssetsModule>;
