import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, idParams, paged } from '../../../shared/api/common.js';
import {
  controllerBody,
  controllerView,
  createProgrammeBody,
  eligibilityQuery,
  eligibilityResult,
  ledgerVerifyResult,
  programmeDetail,
  programmeListQuery,
  programmeSummary,
  programmeVersionBody,
  providerApplicationBody,
  providerDetail,
  providerListQuery,
  providerSummary,
  reasonBody,
} from '../../../shared/api/vouchers.js';
import { requestLang } from '../../http/errors.plugin.js';
import { optionalActor, requestContext, requireActor } from '../../http/session.plugin.js';
import { AppError } from '../../lib/errors.js';
import { regionPrefixes } from '../identity/access.policy.js';
import type { ControllerService } from './controller.service.js';
import type { verifyLedger } from './ledger.verify.js';
import type { ProgrammeService } from './programme.service.js';
import type { ProviderCommand, ProviderService } from './provider.service.js';

export const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
};
const tags = ['vouchers'];

/** Programmes, provider admission, declared controllers and the ledger check. */
export function programmeRoutes(
  app: FastifyInstance,
  deps: {
    programmes: ProgrammeService;
    providers: ProviderService;
    controllers: ControllerService;
    verify: () => ReturnType<typeof verifyLedger>;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { programmes, providers } = deps;

  r.get(
    '/api/vouchers/programmes',
    {
      schema: {
        tags,
        summary: 'Voucher programmes (drafts only for the bureau of their region)',
        querystring: programmeListQuery,
        response: { 200: paged(programmeSummary), 400: errorBody },
      },
    },
    async (req) => programmes.list(optionalActor(req), req.query),
  );
  r.post(
    '/api/vouchers/programmes',
    {
      schema: {
        tags,
        summary: 'Create a programme (draft) with its first settings version',
        body: createProgrammeBody,
        response: { 201: programmeDetail, ...errors },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return programmes.create(requireActor(req), requestContext(req), req.body);
    },
  );
  r.get(
    '/api/vouchers/programmes/:id',
    {
      schema: {
        tags,
        summary: 'A programme with every settings version',
        params: idParams,
        response: { 200: programmeDetail, ...errors },
      },
    },
    async (req) => programmes.detail(optionalActor(req), req.params.id),
  );
  r.post(
    '/api/vouchers/programmes/:id/versions',
    {
      schema: {
        tags,
        summary: 'New settings version of a programme',
        params: idParams,
        body: programmeVersionBody,
        response: { 200: programmeDetail, ...errors },
      },
    },
    async (req) =>
      programmes.addVersion(requireActor(req), requestContext(req), req.params.id, req.body.settings, req.body.note),
  );
  for (const command of ['activate', 'close'] as const)
    r.post(
      `/api/vouchers/programmes/:id/${command}`,
      {
        schema: {
          tags,
          summary: `Programme: ${command}`,
          params: idParams,
          body: reasonBody.nullish(),
          response: { 200: programmeDetail, ...errors },
        },
      },
      async (req) =>
        programmes.transition(requireActor(req), requestContext(req), req.params.id, command, req.body?.reason),
    );
  r.get(
    '/api/vouchers/programmes/:id/eligibility',
    {
      schema: {
        tags,
        summary: 'May my organisation apply for quota now, and how much',
        params: idParams,
        querystring: eligibilityQuery,
        response: { 200: eligibilityResult, ...errors },
      },
    },
    async (req) => programmes.eligibility(requireActor(req), req.params.id, requestLang(req), req.query.organisationId),
  );

  r.post(
    '/api/vouchers/providers',
    {
      schema: {
        tags,
        summary: 'Apply for admission as a service provider (入库申请)',
        body: providerApplicationBody,
        response: { 201: providerDetail, ...errors },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return providers.apply(requireActor(req), requestContext(req), req.body);
    },
  );
  r.get(
    '/api/vouchers/providers',
    {
      schema: {
        tags,
        summary: 'Providers: admitted ones for everyone, every application for the bureau, mine=true for my own',
        querystring: providerListQuery,
        response: { 200: paged(providerSummary), ...errors },
      },
    },
    async (req) => providers.list(requireActor(req), req.query),
  );
  r.get(
    '/api/vouchers/providers/:id',
    {
      schema: {
        tags,
        summary: 'A provider admission with its services, credit check and history',
        params: idParams,
        response: { 200: providerDetail, ...errors },
      },
    },
    async (req) => providers.detail(requireActor(req), req.params.id),
  );
  for (const command of ['approve', 'reject', 'suspend', 'reinstate', 'withdraw'] as ProviderCommand[])
    r.post(
      `/api/vouchers/providers/:id/${command}`,
      {
        schema: {
          tags,
          summary: `Provider admission: ${command}`,
          params: idParams,
          body: reasonBody.nullish(),
          response: { 200: providerDetail, ...errors },
        },
      },
      async (req) =>
        providers.transition(requireActor(req), requestContext(req), req.params.id, command, req.body?.reason),
    );

  r.get(
    '/api/vouchers/organisations/:id/controller',
    {
      schema: {
        tags,
        summary: "An organisation's declared actual controller (masked)",
        params: idParams,
        response: { 200: controllerView, ...errors },
      },
    },
    async (req) => deps.controllers.get(requireActor(req), req.params.id),
  );
  r.put(
    '/api/vouchers/organisations/:id/controller',
    {
      schema: {
        tags,
        summary: 'Declare the actual controller (实际控制人): related-party check and caps per controller',
        params: idParams,
        body: controllerBody,
        response: { 200: controllerView, ...errors },
      },
    },
    async (req) => deps.controllers.declare(requireActor(req), requestContext(req), req.params.id, req.body),
  );

  r.get(
    '/api/vouchers/ledger/verify',
    {
      schema: {
        tags,
        summary: 'Prove the voucher books balance (bureau readers, e.g. the auditor)',
        response: { 200: ledgerVerifyResult, 401: errorBody, 403: errorBody },
      },
    },
    async (req) => {
      if (!regionPrefixes(requireActor(req), 'voucher.read').length) throw new AppError('FORBIDDEN');
      return deps.verify();
    },
  );
}
