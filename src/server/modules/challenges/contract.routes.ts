import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptanceBody,
  attachmentItem,
  attachmentQuery,
  changeBody,
  contractBody,
  contractDetail,
  contractListItem,
  milestoneBody,
  reasonBody,
  registerBody,
} from '../../../shared/api/challenge-applications.js';
import { idParams, paged, pageQuery } from '../../../shared/api/common.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import { AppError } from '../../lib/errors.js';
import { errors, readUpload, UPLOAD_TYPES } from './application.routes.js';
import type { MilestoneCommand } from './application.status.js';
import type { AttachmentService } from './attachment.service.js';
import type { ContractService } from './contract.service.js';

/** Technology contract, registration, subsidy tranches, milestones and 验收. */
export function contractRoutes(
  app: FastifyInstance,
  deps: { contracts: ContractService; attachments: AttachmentService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { contracts, attachments } = deps;
  const tags = ['challenge-contracts'];

  r.get(
    '/api/challenge-contracts',
    {
      schema: {
        tags,
        summary: 'Contracts I am party to (all, for the bureau)',
        querystring: pageQuery,
        response: { 200: paged(contractListItem), ...errors },
      },
    },
    async (req) => contracts.list(requireActor(req), req.query.page, req.query.pageSize),
  );
  r.post(
    '/api/challenge-contracts',
    {
      schema: {
        tags,
        summary: 'Record the technology contract of a selected solver',
        body: contractBody,
        response: { 201: contractDetail, ...errors },
      },
    },
    async (req, reply) => {
      const d = await contracts.create(requireActor(req), requestContext(req), req.body);
      reply.status(201);
      return d;
    },
  );
  r.get(
    '/api/challenge-contracts/:id',
    {
      schema: {
        tags,
        summary: 'Contract with subsidy tranches and milestones',
        params: idParams,
        response: { 200: contractDetail, ...errors },
      },
    },
    async (req) => contracts.detail(requireActor(req), req.params.id),
  );
  r.post(
    '/api/challenge-contracts/:id/register',
    {
      schema: {
        tags,
        summary: 'Register (认定登记): number, registry, date; needs the certificate',
        params: idParams,
        body: registerBody,
        response: { 200: contractDetail, ...errors },
      },
    },
    async (req) => contracts.register(requireActor(req), requestContext(req), req.params.id, req.body),
  );
  r.post(
    '/api/challenge-contracts/:id/change',
    {
      schema: {
        tags,
        summary: 'Change the amounts; the subsidy is recomputed with claw-back',
        params: idParams,
        body: changeBody,
        response: { 200: contractDetail, ...errors },
      },
    },
    async (req) => contracts.change(requireActor(req), requestContext(req), req.params.id, req.body),
  );
  r.post(
    '/api/challenge-contracts/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel the registration; paid subsidy is clawed back',
        params: idParams,
        body: reasonBody,
        response: { 200: contractDetail, ...errors },
      },
    },
    async (req) => contracts.cancel(requireActor(req), requestContext(req), req.params.id, req.body.reason),
  );
  r.post(
    '/api/challenge-contracts/:id/subsidy-requests',
    {
      schema: {
        tags,
        summary: 'Ask for the tranches of passed milestones (registered contracts only)',
        params: idParams,
        response: { 200: contractDetail, ...errors },
      },
    },
    async (req) => contracts.requestSubsidy(requireActor(req), requestContext(req), req.params.id),
  );
  r.post(
    '/api/challenge-contracts/:id/acceptance',
    {
      schema: {
        tags,
        summary: 'Final acceptance (验收): passed or failed',
        params: idParams,
        body: acceptanceBody,
        response: { 200: contractDetail, ...errors },
      },
    },
    async (req) =>
      contracts.accept(requireActor(req), requestContext(req), req.params.id, req.body.outcome, req.body.reason),
  );
  r.post(
    '/api/challenge-tranches/:id/pay',
    {
      schema: {
        tags,
        summary: 'Finance: pay a tranche or record a claw-back as recovered',
        params: idParams,
        response: { 200: contractDetail, ...errors },
      },
    },
    async (req) => contracts.pay(requireActor(req), requestContext(req), req.params.id),
  );
  const milestoneCommands: MilestoneCommand[] = ['report', 'confirm', 'send_back', 'pass', 'fail'];
  r.post(
    '/api/challenge-milestones/:id/:command',
    {
      schema: {
        tags,
        summary: 'Milestone: report (solver), confirm / send-back (enterprise), pass / fail (expert or officer)',
        params: z.object({ id: z.uuid(), command: z.enum(['report', 'confirm', 'send-back', 'pass', 'fail']) }),
        body: milestoneBody,
        response: { 200: contractDetail, ...errors },
      },
    },
    async (req) => {
      const command = req.params.command.replace('-', '_') as MilestoneCommand;
      if (!milestoneCommands.includes(command)) throw new AppError('NOT_FOUND');
      return contracts.milestone(
        requireActor(req),
        requestContext(req),
        req.params.id,
        command,
        req.body.text,
        req.body.reason,
      );
    },
  );

  app.register(async (scope) => {
    scope.addContentTypeParser(UPLOAD_TYPES, readUpload);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/challenge-contracts/:id/certificate',
      {
        schema: {
          tags,
          summary: 'Upload the registration certificate (PDF or Office, raw body)',
          params: idParams,
          querystring: attachmentQuery,
          response: { 201: attachmentItem, ...errors },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('CHALLENGE_ATTACHMENT_TYPE');
        const a = await attachments.upload(
          requireActor(req),
          requestContext(req),
          'contract',
          req.params.id,
          req.query.filename,
          req.body,
        );
        reply.status(201);
        return a;
      },
    );
  });
}
