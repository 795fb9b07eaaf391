import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { challengeWorkspace } from '../../../shared/api/challenges.js';
import { errorBody } from '../../../shared/api/common.js';
import { requireActor } from '../../http/session.plugin.js';
import type { ChallengeWorkspaceService } from './workspace.service.js';

export function workspaceRoutes(app: FastifyInstance, deps: { workspace: ChallengeWorkspaceService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/challenges/workspace',
    {
      schema: {
        tags: ['challenges'],
        summary: 'What waits for me in 揭榜挂帅, per role I hold (workspace figures)',
        response: { 200: challengeWorkspace, 401: errorBody },
      },
    },
    async (req) => deps.workspace.forActor(requireActor(req)),
  );
}
