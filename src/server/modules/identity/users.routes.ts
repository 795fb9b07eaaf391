import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, paged } from '../../../shared/api/common.js';
import { grantRoleBody, setUserStatusBody, userAdminView, userListQuery } from '../../../shared/api/identity.js';
import { roleLabels } from '../../../shared/roles.js';
import { sendCsv } from '../../http/csv.js';
import { requestLang } from '../../http/errors.plugin.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import type { UsersService } from './users.service.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const userParams = z.object({ id: z.uuid() });

export function usersRoutes(app: FastifyInstance, deps: { users: UsersService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { users } = deps;

  r.get(
    '/api/admin/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users within the caller’s region',
        querystring: userListQuery,
        response: { 200: paged(userAdminView), ...errors },
      },
    },
    async (req) => users.list(requireActor(req), req.query),
  );

  r.get(
    '/api/admin/users/export.csv',
    {
      schema: {
        tags: ['users'],
        summary: 'Export users as CSV (phones masked)',
        querystring: userListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const { items } = await users.list(requireActor(req), { ...req.query, page: 1, pageSize: 50_000 });
      const header =
        lang === 'en'
          ? ['Name', 'Email', 'Phone', 'Status', 'Organisations', 'Roles', 'Created']
          : ['姓名', '邮箱', '手机', '状态', '所属单位', '角色', '创建时间'];
      return sendCsv(
        reply,
        lang === 'en' ? 'users.csv' : '用户列表.csv',
        header,
        items.map((u) => [
          u.name,
          u.email,
          u.phoneMasked,
          u.status,
          u.organisations.map((o) => o.name).join('; '),
          u.roles.map((g) => roleLabels[g.role][lang]).join('; '),
          u.createdAt,
        ]),
      );
    },
  );

  r.post(
    '/api/admin/users/:id/status',
    {
      schema: {
        tags: ['users'],
        summary: 'Enable or disable a user',
        params: userParams,
        body: setUserStatusBody,
        response: { 200: userAdminView, ...errors },
      },
    },
    async (req) =>
      users.setStatus(requireActor(req), requestContext(req), req.params.id, req.body.status, req.body.reason),
  );

  r.post(
    '/api/admin/users/:id/unlock',
    {
      schema: {
        tags: ['users'],
        summary: 'Lift a sign-in lock-out',
        params: userParams,
        response: { 200: userAdminView, ...errors },
      },
    },
    async (req) => users.unlock(requireActor(req), requestContext(req), req.params.id),
  );

  r.post(
    '/api/admin/users/:id/roles',
    {
      schema: {
        tags: ['users'],
        summary: 'Grant a bureau or expert role',
        params: userParams,
        body: grantRoleBody,
        response: { 200: userAdminView, ...errors },
      },
    },
    async (req) => users.grant(requireActor(req), requestContext(req), req.params.id, req.body),
  );

  r.delete(
    '/api/admin/users/:id/roles/:grantId',
    {
      schema: {
        tags: ['users'],
        summary: 'Revoke a role',
        params: userParams.extend({ grantId: z.uuid() }),
        response: { 200: userAdminView, ...errors },
      },
    },
    async (req) => users.revoke(requireActor(req), requestContext(req), req.params.id, req.params.grantId),
  );
}
