import { maskPhone } from '../../../shared/mask.js';
import { isRegionCode } from '../../../shared/regions/regions.js';
import { isBureauRole, isOrgRole, type Role } from '../../../shared/roles.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can, regionPrefixes } from './access.policy.js';
import type { Actor } from './actor.js';
import type { IdentityRepository, UserRow } from './identity.repository.js';

/** Separation of duties (等保 三员分立): the auditor role stands alone. */
export function rolesConflict(existing: Role[], adding: Role): boolean {
  if (adding === 'auditor') return existing.some((r) => r !== 'auditor');
  return existing.includes('auditor');
}

/** Bureau administration of user accounts: find, disable, unlock, grant and revoke roles. */
export function createUsersService(deps: { db: Db; identity: IdentityRepository; clock: Clock }) {
  const { db, identity, clock } = deps;

  async function present(rows: UserRow[]) {
    const { orgs, grants } = await identity.orgsAndRolesFor(rows.map((r) => r.id));
    return rows.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      phoneMasked: maskPhone(u.phone),
      status: u.status,
      lockedUntil: u.lockedUntil && u.lockedUntil > clock.now() ? u.lockedUntil.toISOString() : null,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
      organisations: orgs.filter((o) => o.userId === u.id).map(({ id, name, isAdmin }) => ({ id, name, isAdmin })),
      roles: grants
        .filter((g) => g.userId === u.id)
        .map((g) => ({ id: g.id, role: g.role as Role, organisationId: g.organisationId, regionCode: g.regionCode })),
    }));
  }

  async function target(actor: Actor, userId: string) {
    const prefixes = regionPrefixes(actor, 'user.manage');
    const user = await identity.findUserById(userId);
    if (!user || !(await identity.userIsInRegions(userId, prefixes))) throw new AppError('NOT_FOUND');
    return user;
  }

  async function one(userId: string) {
    const u = await identity.findUserById(userId);
    if (!u) throw new AppError('NOT_FOUND');
    return (await present([u]))[0] as Awaited<ReturnType<typeof present>>[number];
  }

  return {
    async list(actor: Actor, q: { q?: string; role?: string; status?: string; page: number; pageSize: number }) {
      const prefixes = regionPrefixes(actor, 'user.list');
      if (prefixes.length === 0) throw new AppError('FORBIDDEN');
      const { rows, total } = await identity.listUsers({ ...q, regionPrefixes: prefixes }, q.page, q.pageSize);
      return { items: await present(rows), total, page: q.page, pageSize: q.pageSize };
    },

    async setStatus(actor: Actor, ctx: RequestContext, userId: string, status: 'active' | 'disabled', reason: string) {
      const user = await target(actor, userId);
      if (userId === actor.userId) throw new AppError('FORBIDDEN');
      await db.transaction(async (tx) => {
        await identity.updateUser(tx, userId, { status });
        if (status === 'disabled') await identity.revokeUserSessions(tx, userId, clock.now());
        await appendAudit(
          tx,
          ctx,
          {
            action: `user.${status === 'active' ? 'enable' : 'disable'}`,
            targetType: 'user',
            targetId: userId,
            regionCode: await identity.regionOfUser(userId, tx),
            summary: { before: { status: user.status }, after: { status }, reason },
          },
          clock.now(),
        );
      });
      return one(userId);
    },

    async unlock(actor: Actor, ctx: RequestContext, userId: string) {
      await target(actor, userId);
      await db.transaction(async (tx) => {
        await identity.updateUser(tx, userId, { failedLoginCount: 0, lockedUntil: null });
        await appendAudit(
          tx,
          ctx,
          {
            action: 'user.unlock',
            targetType: 'user',
            targetId: userId,
            regionCode: await identity.regionOfUser(userId, tx),
          },
          clock.now(),
        );
      });
      return one(userId);
    },

    async grant(
      actor: Actor,
      ctx: RequestContext,
      userId: string,
      input: { role: Role; organisationId?: string; regionCode?: string },
    ) {
      await target(actor, userId);
      const { role } = input;
      if (isOrgRole(role)) throw new AppError('ROLE_NOT_ALLOWED');
      if (isBureauRole(role)) {
        if (!input.regionCode) throw new AppError('ROLE_NOT_ALLOWED');
        if (!isRegionCode(input.regionCode)) throw new AppError('REGION_UNKNOWN', { code: input.regionCode });
        if (!can(actor, 'role.grant_bureau', { regionCode: input.regionCode }))
          throw new AppError('REGION_OUT_OF_SCOPE');
      } else if (!can(actor, 'role.grant_expert')) throw new AppError('FORBIDDEN');
      await db.transaction(async (tx) => {
        const existing = await identity.activeRoles(userId, tx);
        if (
          rolesConflict(
            existing.map((g) => g.role as Role),
            role,
          )
        )
          throw new AppError('ROLE_CONFLICT');
        if (existing.some((g) => g.role === role && (g.regionCode ?? null) === (input.regionCode ?? null))) return;
        const g = await identity.insertRole(tx, {
          userId,
          role,
          regionCode: isBureauRole(role) ? input.regionCode : null,
          grantedBy: actor.userId,
          grantedAt: clock.now(),
        });
        await appendAudit(
          tx,
          ctx,
          {
            action: 'role.grant',
            targetType: 'user',
            targetId: userId,
            regionCode: input.regionCode ?? (await identity.regionOfUser(userId, tx)),
            summary: { role, regionCode: input.regionCode ?? null, grantId: g?.id },
          },
          clock.now(),
        );
      });
      return one(userId);
    },

    async revoke(actor: Actor, ctx: RequestContext, userId: string, grantId: string) {
      await target(actor, userId);
      const grant = (await identity.activeRoles(userId)).find((g) => g.id === grantId);
      if (!grant || isOrgRole(grant.role)) throw new AppError('NOT_FOUND');
      if (grant.regionCode && !can(actor, 'role.grant_bureau', { regionCode: grant.regionCode }))
        throw new AppError('REGION_OUT_OF_SCOPE');
      await db.transaction(async (tx) => {
        if (!(await identity.revokeRole(tx, grantId, actor.userId, clock.now()))) throw new AppError('STALE_STATE');
        await appendAudit(
          tx,
          ctx,
          {
            action: 'role.revoke',
            targetType: 'user',
            targetId: userId,
            regionCode: grant.regionCode ?? (await identity.regionOfUser(userId, tx)),
            summary: { role: grant.role, grantId },
          },
          clock.now(),
        );
      });
      return one(userId);
    },

    present,
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
