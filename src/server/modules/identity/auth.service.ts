import { checkPassword } from '../../../shared/password-policy.js';
import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, pgConstraint, pgErrorCode } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import {
  isDuplicateOrganisation,
  type NewOrganisation,
  type OrganisationService,
} from '../organisations/organisation.service.js';
import type { Actor } from './actor.js';
import type { IdentityRepository, SessionRow, UserRow } from './identity.repository.js';
import { hashPassword, timingDummyHash, verifyPassword } from './password.js';

export interface NewUser {
  name: string;
  email: string;
  phone?: string;
  password: string;
}

export interface SessionInfo {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export type SessionState =
  | { kind: 'none' }
  | { kind: 'expired' }
  | { kind: 'valid'; session: SessionRow; user: UserRow; actor: Actor };

export interface AuthServiceDeps {
  db: Db;
  identity: IdentityRepository;
  organisationService: OrganisationService;
  clock: Clock;
  config: Pick<
    Config,
    'LOGIN_MAX_ATTEMPTS' | 'LOGIN_LOCK_MINUTES' | 'SESSION_IDLE_MINUTES' | 'SESSION_MAX_HOURS' | 'TIMEZONE'
  >;
}

// Session activity is written at most this often, so browsing does not write on every request.
const TOUCH_INTERVAL_MS = 60_000;

export function isDuplicateEmail(err: unknown) {
  return pgErrorCode(err) === '23505' && pgConstraint(err) === 'users_email_key';
}

export function assertPasswordPolicy(password: string, who: { email?: string; phone?: string | null }) {
  if (!checkPassword(password, who).ok) throw new AppError('WEAK_PASSWORD', {}, { field: 'password' });
}

export function createAuthService(deps: AuthServiceDeps) {
  const { db, identity, organisationService, clock, config } = deps;
  // Messages name times as the bureau reads them (e.g. 2026-11-25 10:15), not in UTC.
  const timeFormat = new Intl.DateTimeFormat('sv-SE', {
    timeZone: config.TIMEZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const localTime = (d: Date) => timeFormat.format(d);

  async function openSession(
    exec: Db | Tx,
    user: UserRow,
    ctx: RequestContext,
    userAgent: string | null,
  ): Promise<SessionInfo> {
    const token = newToken();
    const csrfToken = newToken(24);
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + config.SESSION_MAX_HOURS * 3_600_000);
    await identity.insertSession(exec, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: ctx.ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    return { token, csrfToken, expiresAt };
  }

  /** Creates a user inside the caller's transaction after the password policy check. */
  async function insertUser(tx: Tx, input: NewUser) {
    assertPasswordPolicy(input.password, input);
    return identity.insertUser(tx, {
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
      passwordHash: await hashPassword(input.password),
      createdAt: clock.now(),
      passwordChangedAt: clock.now(),
    });
  }

  return {
    insertUser,
    openSession,

    /** Self-registration: organisation, first user as its administrator, and a signed-in session; all or nothing. */
    async register(ctx: RequestContext, org: NewOrganisation, user: NewUser, userAgent: string | null) {
      assertPasswordPolicy(user.password, user);
      try {
        return await db.transaction(async (tx) => {
          // The user first, so the organisation's first event and audit row name the person who registered it.
          const u = await insertUser(tx, user);
          const created = await organisationService.insert(tx, { ...ctx, actorUserId: u.id }, org);
          await identity.insertMembership(tx, {
            userId: u.id,
            organisationId: created.id,
            isAdmin: true,
            createdAt: clock.now(),
          });
          // Enterprises report needs and book instruments; other kinds mostly solve challenges.
          const role = created.type === 'enterprise' ? 'enterprise_user' : 'solver';
          await identity.insertRole(tx, {
            userId: u.id,
            role,
            organisationId: created.id,
            grantedBy: u.id,
            grantedAt: clock.now(),
          });
          const userCtx = { ...ctx, actorUserId: u.id, actorOrgId: created.id };
          await appendAudit(
            tx,
            userCtx,
            {
              action: 'user.register',
              targetType: 'user',
              targetId: u.id,
              regionCode: created.regionCode,
              summary: { after: { email: u.email, organisationId: created.id, role } },
            },
            clock.now(),
          );
          const session = await openSession(tx, u, userCtx, userAgent);
          return { user: u, session };
        });
      } catch (err) {
        if (isDuplicateOrganisation(err)) throw new AppError('ORG_DUPLICATE');
        if (isDuplicateEmail(err)) throw new AppError('EMAIL_TAKEN');
        throw err;
      }
    },

    async login(ctx: RequestContext, email: string, password: string, userAgent: string | null) {
      const user = await identity.findUserByEmail(email);
      if (!user) {
        await verifyPassword(await timingDummyHash(), password);
        throw new AppError('INVALID_CREDENTIALS', {
          maxAttempts: config.LOGIN_MAX_ATTEMPTS,
          lockMinutes: config.LOGIN_LOCK_MINUTES,
        });
      }
      const now = clock.now();
      if (user.lockedUntil && user.lockedUntil > now)
        throw new AppError(
          'ACCOUNT_LOCKED',
          { until: localTime(user.lockedUntil) },
          { until: user.lockedUntil.toISOString() },
        );
      const ok = await verifyPassword(user.passwordHash, password);
      if (!ok) {
        const lockUntil = new Date(now.getTime() + config.LOGIN_LOCK_MINUTES * 60_000);
        const locked = await db.transaction(async (tx) => {
          const row = await identity.recordLoginFailure(tx, user.id, config.LOGIN_MAX_ATTEMPTS, now, lockUntil);
          const isLocked = !!row?.lockedUntil && row.lockedUntil > now;
          await appendAudit(
            tx,
            { ...ctx, actorUserId: user.id },
            {
              action: isLocked ? 'auth.lockout' : 'auth.login_failed',
              targetType: 'user',
              targetId: user.id,
              regionCode: await identity.regionOfUser(user.id, tx),
              summary: { failedLoginCount: row?.failedLoginCount },
            },
            now,
          );
          return isLocked ? row?.lockedUntil : null;
        });
        if (locked) throw new AppError('ACCOUNT_LOCKED', { until: localTime(locked) }, { until: locked.toISOString() });
        throw new AppError('INVALID_CREDENTIALS', {
          maxAttempts: config.LOGIN_MAX_ATTEMPTS,
          lockMinutes: config.LOGIN_LOCK_MINUTES,
        });
      }
      if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
      const actor = await identity.loadActor(user);
      const session = await db.transaction(async (tx) => {
        await identity.updateUser(tx, user.id, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
        await appendAudit(
          tx,
          { ...ctx, actorUserId: user.id, actorOrgId: actor.memberships[0]?.organisationId ?? null },
          {
            action: 'auth.login',
            targetType: 'user',
            targetId: user.id,
            regionCode: actor.memberships[0]?.regionCode ?? null,
          },
          now,
        );
        return openSession(tx, user, ctx, userAgent);
      });
      return { user, session };
    },

    async logout(ctx: RequestContext, token: string) {
      await db.transaction(async (tx) => {
        await identity.revokeSession(tx, hashToken(token), clock.now());
        if (ctx.actorUserId)
          await appendAudit(
            tx,
            ctx,
            {
              action: 'auth.logout',
              targetType: 'user',
              targetId: ctx.actorUserId,
              regionCode: await identity.regionOfUser(ctx.actorUserId, tx),
            },
            clock.now(),
          );
      });
    },

    /** Resolves a cookie to a session; idle and absolute limits both end it. */
    async resolve(token: string | undefined): Promise<SessionState> {
      if (!token) return { kind: 'none' };
      const session = await identity.findSession(hashToken(token));
      if (!session) return { kind: 'expired' };
      const now = clock.now();
      const idleLimit = session.lastSeenAt.getTime() + config.SESSION_IDLE_MINUTES * 60_000;
      if (session.revokedAt || session.expiresAt <= now || idleLimit <= now.getTime()) return { kind: 'expired' };
      const user = await identity.findUserById(session.userId);
      if (!user || user.status !== 'active') return { kind: 'expired' };
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS)
        await identity.touchSession(session.tokenHash, now);
      return { kind: 'valid', session, user, actor: await identity.loadActor(user) };
    },

    async changePassword(ctx: RequestContext, user: UserRow, currentToken: string, current: string, next: string) {
      if (!(await verifyPassword(user.passwordHash, current))) throw new AppError('WRONG_CURRENT_PASSWORD');
      assertPasswordPolicy(next, user);
      const passwordHash = await hashPassword(next);
      await db.transaction(async (tx) => {
        const now = clock.now();
        await identity.updateUser(tx, user.id, { passwordHash, passwordChangedAt: now });
        // Other devices signed in with the old password are signed out; this one stays.
        await identity.revokeUserSessions(tx, user.id, now, hashToken(currentToken));
        await appendAudit(
          tx,
          ctx,
          {
            action: 'user.password_change',
            targetType: 'user',
            targetId: user.id,
            regionCode: await identity.regionOfUser(user.id, tx),
          },
          now,
        );
      });
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
