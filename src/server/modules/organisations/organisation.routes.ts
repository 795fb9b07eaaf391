import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, paged } from '../../../shared/api/common.js';
import {
  adminCreateOrganisationBody,
  creditCodeCheckResponse,
  organisationDetail,
  organisationListQuery,
  organisationView,
  requiredReasonBody,
  transitionBody,
  updateOrganisationBody,
} from '../../../shared/api/organisations.js';
import { checkCreditCode } from '../../../shared/credit-code.js';
import { children, fullName, getRegion, provinces } from '../../../shared/regions/regions.js';
import { organisationStatusLabels, organisationTypeLabels } from '../../../shared/roles.js';
import { sendCsv } from '../../http/csv.js';
import { requestLang } from '../../http/errors.plugin.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import { AppError } from '../../lib/errors.js';
import type { OrganisationRepository } from './organisation.repository.js';
import type { OrganisationService } from './organisation.service.js';
import type { OrganisationCommand } from './organisation.status.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function organisationRoutes(
  app: FastifyInstance,
  deps: { service: OrganisationService; repository: OrganisationRepository },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = deps;

  r.get(
    '/api/credit-codes/:code/check',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Check a 统一社会信用代码 and whether it is registered',
        params: z.object({ code: z.string().min(1).max(40) }),
        response: { 200: creditCodeCheckResponse },
      },
    },
    async (req) => {
      const c = checkCreditCode(req.params.code);
      const registered = c.code.length === 18 && !!(await deps.repository.findByCreditCode(c.code));
      return { normalised: c.code, ok: c.ok, reason: c.ok ? null : c.reason, registered };
    },
  );

  r.get(
    '/api/regions',
    {
      schema: {
        tags: ['organisations'],
        summary: 'GB/T 2260 regions: provinces, or the children of `parent`',
        querystring: z.object({
          parent: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ code: z.string(), name: z.string(), level: z.string(), hasChildren: z.boolean() }),
            ),
          }),
          400: errorBody,
        },
      },
    },
    async (req) => {
      const { parent } = req.query;
      if (parent && !getRegion(parent)) throw new AppError('REGION_UNKNOWN', { code: parent });
      const list = parent ? children(parent) : provinces();
      return {
        items: list.map((g) => ({
          code: g.code,
          name: g.name,
          level: g.level,
          hasChildren: children(g.code).length > 0,
        })),
      };
    },
  );

  r.get(
    '/api/regions/:code',
    {
      schema: {
        tags: ['organisations'],
        summary: 'One GB/T 2260 region with its full name',
        params: z.object({ code: z.string().regex(/^\d{6}$/) }),
        response: {
          200: z.object({
            code: z.string(),
            name: z.string(),
            fullName: z.string(),
            level: z.string(),
            parentCode: z.string().nullable(),
          }),
          400: errorBody,
        },
      },
    },
    async (req) => {
      const g = getRegion(req.params.code);
      if (!g) throw new AppError('REGION_UNKNOWN', { code: req.params.code });
      return { ...g, fullName: fullName(g.code) ?? g.name };
    },
  );

  r.get(
    '/api/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Organisations within the caller’s region',
        querystring: organisationListQuery,
        response: { 200: paged(organisationView), ...errors },
      },
    },
    async (req) => service.list(requireActor(req), req.query),
  );

  r.get(
    '/api/organisations/export.csv',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Export the filtered organisations as CSV',
        querystring: organisationListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const rows = await service.exportRows(requireActor(req), req.query);
      const header =
        lang === 'en'
          ? ['Name', 'Credit code', 'Type', 'Region', 'Status', 'Registered', 'Verified']
          : ['单位名称', '统一社会信用代码', '类型', '地区', '状态', '注册时间', '核验时间'];
      return sendCsv(
        reply,
        lang === 'en' ? 'organisations.csv' : '单位列表.csv',
        header,
        rows.map((o) => [
          o.name,
          o.creditCode,
          organisationTypeLabels[o.type][lang],
          o.regionName,
          organisationStatusLabels[o.status][lang],
          o.createdAt,
          o.verifiedAt,
        ]),
      );
    },
  );

  r.post(
    '/api/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Bureau admin registers an organisation (may override the checksum)',
        body: adminCreateOrganisationBody,
        response: { 201: organisationView, ...errors },
      },
    },
    async (req, reply) => {
      const org = await service.createByAdmin(requireActor(req), requestContext(req), req.body);
      reply.status(201);
      return org;
    },
  );

  r.get(
    '/api/organisations/:id',
    {
      schema: {
        tags: ['organisations'],
        summary: 'An organisation with its history',
        params: idParams,
        response: { 200: organisationDetail, ...errors },
      },
    },
    async (req) => service.detail(requireActor(req), req.params.id),
  );

  r.patch(
    '/api/organisations/:id',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Edit an organisation',
        params: idParams,
        body: updateOrganisationBody,
        response: { 200: organisationView, ...errors },
      },
    },
    async (req) => service.update(requireActor(req), requestContext(req), req.params.id, req.body),
  );

  const commands: { command: OrganisationCommand; summary: string; reason: 'optional' | 'required' }[] = [
    { command: 'verify', summary: 'Verify (核验) a registered organisation', reason: 'optional' },
    { command: 'reject', summary: 'Return a registration with a reason', reason: 'required' },
    { command: 'resubmit', summary: 'Resubmit a returned registration', reason: 'optional' },
    { command: 'suspend', summary: 'Suspend a verified organisation', reason: 'required' },
    { command: 'reinstate', summary: 'Reinstate a suspended organisation', reason: 'optional' },
  ];
  for (const c of commands) {
    r.post(
      `/api/organisations/:id/${c.command}`,
      {
        schema: {
          tags: ['organisations'],
          summary: c.summary,
          params: idParams,
          body: c.reason === 'required' ? requiredReasonBody : transitionBody.nullish(),
          response: { 200: organisationDetail, ...errors },
        },
      },
      async (req) =>
        service.transition(requireActor(req), requestContext(req), req.params.id, c.command, req.body?.reason),
    );
  }
}
