import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, okBody } from '../../../shared/api/common.js';
import { invitationView, inviteBody, inviteResponse, memberView } from '../../../shared/api/identity.js';
import { orgRoles } from '../../../shared/roles.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import type { MembersService } from './members.service.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const orgParams = z.object({ id: z.uuid() });

export function membersRoutes(app: FastifyInstance, deps: { members: MembersService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { members } = deps;

  r.get(
    '/api/organisations/:id/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Members of an organisation',
        params: orgParams,
        response: { 200: z.object({ items: z.array(memberView) }), ...errors },
      },
    },
    async (req) => ({ items: await members.members(requireActor(req), req.params.id) }),
  );

  r.put(
    '/api/organisations/:id/members/:userId',
    {
      schema: {
        tags: ['members'],
        summary: 'Set a member’s administrator flag and roles',
        params: orgParams.extend({ userId: z.uuid() }),
        body: z.object({ isAdmin: z.boolean(), roles: z.array(z.enum(orgRoles)) }),
        response: { 200: memberView, ...errors },
      },
    },
    async (req) =>
      members.updateMember(requireActor(req), requestContext(req), req.params.id, req.params.userId, req.body),
  );

  r.delete(
    '/api/organisations/:id/members/:userId',
    {
      schema: {
        tags: ['members'],
        summary: 'Remove a member',
        params: orgParams.extend({ userId: z.uuid() }),
        response: { 200: okBody, ...errors },
      },
    },
    async (req) => {
      await members.removeMember(requireActor(req), requestContext(req), req.params.id, req.params.userId);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/organisations/:id/invitations',
    {
      schema: {
        tags: ['members'],
        summary: 'Invite a colleague by email',
        params: orgParams,
        body: inviteBody,
        response: { 201: inviteResponse, ...errors },
      },
    },
    async (req, reply) => {
      const inv = await members.invite(requireActor(req), requestContext(req), req.params.id, req.body);
      reply.status(201);
      return inv;
    },
  );

  r.get(
    '/api/organisations/:id/invitations',
    {
      schema: {
        tags: ['members'],
        summary: 'Invitations of an organisation',
        params: orgParams,
        response: { 200: z.object({ items: z.array(invitationView) }), ...errors },
      },
    },
    async (req) => ({ items: await members.invitations(requireActor(req), req.params.id) }),
  );

  r.delete(
    '/api/organisations/:id/invitations/:invitationId',
    {
      schema: {
        tags: ['members'],
        summary: 'Revoke an invitation',
        params: orgParams.extend({ invitationId: z.uuid() }),
        response: { 200: okBody, ...errors },
      },
    },
    async (req) => {
      await members.revokeInvitation(requireActor(req), requestContext(req), req.params.id, req.params.invitationId);
      return { ok: true as const };
    },
  );
}
