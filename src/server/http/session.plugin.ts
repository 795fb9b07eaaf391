import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { newToken, safeEqual } from '../lib/tokens.js';
import type { RequestContext } from '../modules/audit/audit.writer.js';
import type { Actor } from '../modules/identity/actor.js';
import type { AuthService, SessionState } from '../modules/identity/auth.service.js';

export const SESSION_COOKIE = 'kc_session';
export const CSRF_COOKIE = 'kc_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionState;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The valid session, or the right 401: "please sign in" or "your session expired". */
export function requireSession(req: FastifyRequest): Extract<SessionState, { kind: 'valid' }> {
  if (req.session.kind === 'valid') return req.session;
  throw new AppError(req.session.kind === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
}

/** The signed-in actor (see requireSession for the 401s). */
export function requireActor(req: FastifyRequest): Actor {
  return requireSession(req).actor;
}

export function optionalActor(req: FastifyRequest): Actor | null {
  return req.session.kind === 'valid' ? req.session.actor : null;
}

export function requestContext(req: FastifyRequest): RequestContext {
  const actor = optionalActor(req);
  return {
    actorUserId: actor?.userId ?? null,
    actorOrgId: actor?.memberships[0]?.organisationId ?? null,
    requestId: req.id,
    ip: req.ip,
  };
}

export interface CookieOptions {
  secure: boolean;
}

export function setSessionCookies(
  reply: FastifyReply,
  opts: CookieOptions,
  token: string,
  csrfToken: string,
  expiresAt: Date,
) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    expires: expiresAt,
  });
  reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure: opts.secure });
}

export function clearSessionCookie(reply: FastifyReply, opts: CookieOptions) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secure });
}

/**
 * Resolves the session cookie on every API request and enforces CSRF on state-changing ones:
 * the X-CSRF-Token header must equal the kc_csrf cookie (which a foreign site cannot read) and,
 * when signed in, the token bound to the session.
 */
export function registerSession(app: FastifyInstance, auth: AuthService, opts: CookieOptions) {
  app.decorateRequest('session', null as never);
  app.addHook('onRequest', async (req, reply) => {
    req.session = { kind: 'none' };
    if (!req.url.startsWith('/api/')) return;
    req.session = await auth.resolve(req.cookies[SESSION_COOKIE]);
    if (req.session.kind === 'expired') clearSessionCookie(reply, opts);
    if (!req.cookies[CSRF_COOKIE]) {
      const token = req.session.kind === 'valid' ? req.session.session.csrfToken : newToken(24);
      reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: false, sameSite: 'strict', secure: opts.secure });
      req.cookies[CSRF_COOKIE] = token;
    }
    if (!UNSAFE.has(req.method)) return;
    const header = req.headers[CSRF_HEADER];
    if (typeof header !== 'string' || header.length === 0) throw new AppError('CSRF_TOKEN_MISSING');
    const cookie = req.cookies[CSRF_COOKIE] ?? '';
    const bound = req.session.kind === 'valid' ? req.session.session.csrfToken : null;
    if (!safeEqual(header, cookie) || (bound !== null && !safeEqual(header, bound)))
      throw new AppError('CSRF_TOKEN_INVALID');
  });
}
