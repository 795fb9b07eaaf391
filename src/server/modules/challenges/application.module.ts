import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { TransitionList } from './application.common.js';
import { applicationRoutes } from './application.routes.js';
import { createApplicationService } from './application.service.js';
import { createAttachmentService } from './attachment.service.js';
import { createAttachmentStore } from './attachment.store.js';
import { contractRoutes } from './contract.routes.js';
import { createContractService } from './contract.service.js';
import { createCreditService } from './credit.service.js';
import { reviewRoutes } from './review.routes.js';
import { createReviewService } from './review.service.js';
import { selectionRoutes } from './selection.routes.js';
import { createSelectionService } from './selection.service.js';

/**
 * The applications side of 揭榜挂帅 (applications → review → selection → contract → subsidy →
 * milestones). The challenges module factory creates this and calls `routes`.
 */
export function createChallengeApplyModule(deps: {
  db: Db;
  clock: Clock;
  dataDir: string;
  notifications: NotificationService;
  transitionList: TransitionList;
}) {
  const applications = createApplicationService(deps);
  const attachments = createAttachmentService({ ...deps, store: createAttachmentStore(deps.dataDir) });
  const credit = createCreditService(deps);
  const reviews = createReviewService({ ...deps, applications });
  const selection = createSelectionService({ ...deps, applications });
  const contracts = createContractService({ ...deps, applications });
  return {
    applications,
    attachments,
    credit,
    reviews,
    selection,
    contracts,
    routes(app: FastifyInstance) {
      applicationRoutes(app, { applications, attachments, credit });
      reviewRoutes(app, { reviews });
      selectionRoutes(app, { selection });
      contractRoutes(app, { contracts, attachments });
    },
  };
}
export type ChallengeApplyModule = ReturnType<typeof createChallengeApplyModule>;
