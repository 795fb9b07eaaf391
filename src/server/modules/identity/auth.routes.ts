import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, okBody } from '../../../shared/api/common.js';
import {
  acceptInvitationBody,
  changePasswordBody,
  csrfResponse,
  invitationPreview,
  loginBody,
  meResponse,
  registerBody,
} from '../../../shared/api/identity.js';
import { maskPhone } from '../../../shared/mask.js';
import type { OrganisationStatus, OrganisationType } from '../../../shared/roles.js';
import type { Db } from '../../db/client.js';
import {
  type CookieOptions,
  CSRF_COOKIE,
  clearSessionCookie,
  optionalActor,
  requestContext,
  requireSession,
  SESSION_COOKIE,
  setSessionCookies,
} from '../../http/session.plugin.js';
import type { Actor } from './actor.js';
import type { AuthService, SessionInfo } from './auth.service.js';
import type { IdentityRepository, UserRow } from './identity.repository.js';
import type { MembersService } from './members.service.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody, 423: errorBody };

export function authRoutes(
  app: FastifyInstance,
  deps: { db: Db; auth: AuthService; members: MembersService; identity: IdentityRepository; cookies: CookieOptions },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { auth, identity, cookies } = deps;

  /** The Me body; pass the actor when the session already loaded it, to save the queries. */
  async function me(user: UserRow, csrfToken: string, expiresAt: Date, known?: Actor) {
    const [ms, actor] = await Promise.all([identity.membershipsWithOrgs(user.id), known ?? identity.loadActor(user)]);
    return {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        phoneMasked: maskPhone(user.phone),
        locale: user.locale,
      },
      memberships: ms.map(({ organisation: o, isAdmin }) => ({
        organisation: {
          id: o.id,
          name: o.name,
          type: o.type as OrganisationType,
          status: o.status as OrganisationStatus,
          regionCode: o.regionCode,
        },
        isAdmin,
      })),
      roles: actor.roles,
      csrfToken,
      sessionExpiresAt: expiresAt.toISOString(),
    };
  }

  function signIn(reply: Parameters<typeof setSessionCookies>[0], user: UserRow, session: SessionInfo) {
    setSessionCookies(reply, cookies, session.token, session.csrfToken, session.expiresAt);
    return me(user, session.csrfToken, session.expiresAt);
  }

  r.get(
    '/api/auth/csrf',
    { schema: { tags: ['auth'], summary: 'CSRF token for state-changing requests', response: { 200: csrfResponse } } },
    async (req) => ({
      csrfToken: req.cookies[CSRF_COOKIE] as string,
    }),
  );

  r.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: meResponse, 401: errorBody } } },
    async (req) => {
      const { user, session, actor } = requireSession(req);
      return me(user, session.csrfToken, session.expiresAt, actor);
    },
  );

  r.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], summary: 'Sign in', body: loginBody, response: { 200: meResponse, ...errors } } },
    async (req, reply) => {
      const { user, session } = await auth.login(
        requestContext(req),
        req.body.email,
        req.body.password,
        req.headers['user-agent'] ?? null,
      );
      return signIn(reply, user, session);
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out', response: { 200: okBody, 403: errorBody } } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await auth.logout(requestContext(req), token);
      clearSessionCookie(reply, cookies);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/register',
    {
      schema: {
        tags: ['auth'],
        summary: 'Register an organisation and its first user',
        body: registerBody,
        response: { 201: meResponse, ...errors },
      },
    },
    async (req, reply) => {
      const { user, session } = await auth.register(
        requestContext(req),
        req.body.organisation,
        req.body.user,
        req.headers['user-agent'] ?? null,
      );
      reply.status(201);
      return signIn(reply, user, session);
    },
  );

  r.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change password',
        body: changePasswordBody,
        response: { 200: okBody, ...errors },
      },
    },
    async (req) => {
      const { user } = requireSession(req);
      await auth.changePassword(
        requestContext(req),
        user,
        req.cookies[SESSION_COOKIE] as string,
        req.body.currentPassword,
        req.body.newPassword,
      );
      return { ok: true as const };
    },
  );

  r.get(
    '/api/invitations/:token',
    {
      schema: {
        tags: ['auth'],
        summary: 'Preview an invitation',
        params: z.object({ token: z.string().min(10).max(200) }),
        response: { 200: invitationPreview, 400: errorBody },
      },
    },
    async (req) => deps.members.preview(req.params.token),
  );

  r.post(
    '/api/invitations/accept',
    {
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation',
        body: acceptInvitationBody,
        response: { 200: meResponse, ...errors },
      },
    },
    async (req, reply) => {
      const { token, ...newUser } = req.body;
      const user = await deps.members.accept(requestContext(req), token, optionalActor(req), newUser);
      if (req.session.kind === 'valid') return me(user, req.session.session.csrfToken, req.session.session.expiresAt);
      const session = await auth.openSession(deps.db, user, requestContext(req), req.headers['user-agent'] ?? null);
      return signIn(reply, user, session);
    },
  );
}
