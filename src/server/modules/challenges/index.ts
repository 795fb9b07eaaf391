import type { FastifyInstance } from 'fastify';
import { createChallengeApplyModule } from './application.module.js';
import type { ChallengeDeps } from './batch.common.js';
import { batchRoutes } from './batch.routes.js';
import { createBatchService } from './batch.service.js';
import { funnelRoutes } from './funnel.routes.js';
import { createFunnelService } from './funnel.service.js';
import { listRoutes } from './list.routes.js';
import { createListService } from './list.service.js';
import { transitionList } from './list.status.js';
import { needRoutes } from './need.routes.js';
import { createNeedService } from './need.service.js';
import { createQaService } from './qa.service.js';
import { workspaceRoutes } from './workspace.routes.js';
import { createChallengeWorkspaceService } from './workspace.service.js';

/**
 * 揭榜挂帅. This module's services and routes; the applications side (applications, review,
 * selection, contracts, subsidy, milestones) registers its routes here too, one line per file.
 */
export function createChallengesModule(deps: ChallengeDeps & { dataDir: string }) {
  const batches = createBatchService(deps);
  const needs = createNeedService(deps);
  const lists = createListService(deps);
  const qa = createQaService(deps);
  const funnel = createFunnelService(deps);
  const workspace = createChallengeWorkspaceService(deps);
  const apply = createChallengeApplyModule({ ...deps, transitionList });
  return {
    batches,
    needs,
    lists,
    qa,
    funnel,
    workspace,
    apply,
    routes(app: FastifyInstance) {
      batchRoutes(app, { batches });
      needRoutes(app, { needs });
      listRoutes(app, { lists, qa });
      funnelRoutes(app, { funnel });
      workspaceRoutes(app, { workspace });
      apply.routes(app);
    },
  };
}
