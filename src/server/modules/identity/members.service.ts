import { maskPhone } from '../../../shared/mask.js';
import { isOrgRole, type OrgRole } from '../../../shared/roles.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { OrganisationRepository } from '../organisations/organisation.repository.js';
import { can } from './access.policy.js';
import type { Actor } from './actor.js';
import { type AuthService, isDuplicateEmail, type NewUser } from './auth.service.js';
import type { IdentityRepository, InvitationRow } from './identity.repository.js';

const INVITATION_DAYS = 7;

function presentInvitation(i: InvitationRow) {
  return {
    id: i.id,
    email: i.email,
    roles: i.roles,
    makeAdmin: i.makeAdmin,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    acceptedAt: i.acceptedAt?.toISOString() ?? null,
    revokedAt: i.revokedAt?.toISOString() ?? null,
  };
}

export interface MembersServiceDeps {
  db: Db;
  identity: IdentityRepository;
  organisations: OrganisationRepository;
  auth: AuthService;
  notifications: NotificationService;
  clock: Clock;
  publicUrl: string;
}

/** An organisation's people: members, their roles inside it, and invitations to join. */
export function createMembersService(deps: MembersServiceDeps) {
  const { db, identity, organisations, auth, notifications, clock } = deps;

  async function orgFor(actor: Actor, organisationId: string, action: 'member.read' | 'member.manage') {
    const org = await organisations.findById(organisationId);
    if (!org || !can(actor, 'organisation.read', { organisationId, regionCode: org.regionCode }))
      throw new AppError('NOT_FOUND');
    if (!can(actor, action, { organisationId, regionCode: org.regionCode })) throw new AppError('FORBIDDEN');
    return org;
  }

  async function openInvitation(token: string) {
    const inv = await identity.findInvitationByTokenHash(hashToken(token));
    if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= clock.now())
      throw new AppError('INVITATION_INVALID');
    return inv;
  }

  async function members(actor: Actor, organisationId: string) {
    await orgFor(actor, organisationId, 'member.read');
    const [rows, grants] = await Promise.all([identity.members(organisationId), identity.rolesInOrg(organisationId)]);
    return rows.map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      phoneMasked: maskPhone(m.user.phone),
      isAdmin: m.isAdmin,
      roles: grants.filter((g) => g.userId === m.user.id).map((g) => g.role),
      status: m.user.status,
      joinedAt: m.joinedAt.toISOString(),
    }));
  }

  return {
    members,

    async invite(
      actor: Actor,
      ctx: RequestContext,
      organisationId: string,
      input: { email: string; roles: OrgRole[]; makeAdmin: boolean },
    ) {
      const org = await orgFor(actor, organisationId, 'member.manage');
      const existing = await identity.findUserByEmail(input.email);
      if (existing && (await identity.findMembership(existing.id, organisationId)))
        throw new AppError('ALREADY_MEMBER');
      const token = newToken();
      const now = clock.now();
      const acceptUrl = `${deps.publicUrl}/invite/${token}`;
      const { invitation, outbox } = await db.transaction(async (tx) => {
        const invitation = await identity.insertInvitation(tx, {
          organisationId,
          email: input.email,
          roles: [...new Set(input.roles)],
          makeAdmin: input.makeAdmin,
          tokenHash: hashToken(token),
          invitedBy: actor.userId,
          createdAt: now,
          expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
        });
        await appendAudit(
          tx,
          ctx,
          {
            action: 'member.invite',
            targetType: 'organisation',
            targetId: organisationId,
            regionCode: org.regionCode,
            summary: { email: input.email, roles: input.roles, makeAdmin: input.makeAdmin },
          },
          now,
        );
        const outbox = existing
          ? await notifications.post(tx, {
              userIds: [existing.id],
              category: 'invitation',
              title: { zh: `${org.name} 邀请您加入`, en: `${org.name} invites you to join` },
              body: {
                zh: `${actor.name} 邀请您加入 ${org.name}，7 天内有效。`,
                en: `${actor.name} invited you to join ${org.name}; valid for 7 days.`,
              },
              link: `/invite/${token}`,
            })
          : [
              {
                to: input.email,
                subject: `${org.name} 邀请您加入科创平台 / invites you to Kechuang`,
                text: `${actor.name}: ${acceptUrl}`,
              },
            ];
        return { invitation, outbox };
      });
      await notifications.flush(outbox);
      return { ...presentInvitation(invitation), acceptUrl };
    },

    async invitations(actor: Actor, organisationId: string) {
      await orgFor(actor, organisationId, 'member.manage');
      return (await identity.listInvitations(organisationId)).map(presentInvitation);
    },

    async revokeInvitation(actor: Actor, ctx: RequestContext, organisationId: string, invitationId: string) {
      const org = await orgFor(actor, organisationId, 'member.manage');
      const inv = await identity.findInvitation(invitationId);
      if (!inv || inv.organisationId !== organisationId) throw new AppError('NOT_FOUND');
      await db.transaction(async (tx) => {
        if (!(await identity.revokeInvitation(tx, invitationId, clock.now()))) throw new AppError('INVITATION_INVALID');
        await appendAudit(
          tx,
          ctx,
          {
            action: 'member.invitation_revoke',
            targetType: 'invitation',
            targetId: invitationId,
            regionCode: org.regionCode,
            summary: { email: inv.email },
          },
          clock.now(),
        );
      });
    },

    async preview(token: string) {
      const inv = await openInvitation(token);
      const org = await organisations.findById(inv.organisationId);
      return {
        organisationName: org?.name ?? '',
        email: inv.email,
        expiresAt: inv.expiresAt.toISOString(),
        accountExists: !!(await identity.findUserByEmail(inv.email)),
      };
    },

    /**
     * Joins the organisation: as a new account (name and password given) or, when the email already has
     * an account, as that signed-in user. Returns the user so the route can sign a new one in.
     */
    async accept(ctx: RequestContext, token: string, signedIn: Actor | null, newUser: Partial<NewUser>) {
      const inv = await openInvitation(token);
      const org = await organisations.findById(inv.organisationId);
      if (!org) throw new AppError('INVITATION_INVALID');
      const existing = await identity.findUserByEmail(inv.email);
      if (existing && signedIn?.userId !== existing.id) throw new AppError('INVITATION_EMAIL_EXISTS');
      if (!existing && (!newUser.name || !newUser.password))
        throw new AppError('VALIDATION_FAILED', {}, [{ path: 'password', message: 'name and password are required' }]);
      return db
        .transaction(async (tx) => {
          if (!(await identity.claimInvitation(tx, inv.id, clock.now()))) throw new AppError('INVITATION_INVALID');
          const user =
            existing ??
            (await auth.insertUser(tx, {
              name: newUser.name as string,
              email: inv.email,
              phone: newUser.phone,
              password: newUser.password as string,
            }));
          await identity.setInvitationUser(tx, inv.id, user.id);
          if (await identity.findMembership(user.id, org.id, tx)) throw new AppError('ALREADY_MEMBER');
          await identity.insertMembership(tx, {
            userId: user.id,
            organisationId: org.id,
            isAdmin: inv.makeAdmin,
            createdAt: clock.now(),
          });
          for (const role of inv.roles.filter(isOrgRole))
            await identity.insertRole(tx, {
              userId: user.id,
              role,
              organisationId: org.id,
              grantedBy: inv.invitedBy,
              grantedAt: clock.now(),
            });
          await appendAudit(
            tx,
            { ...ctx, actorUserId: user.id, actorOrgId: org.id },
            {
              action: 'member.join',
              targetType: 'organisation',
              targetId: org.id,
              regionCode: org.regionCode,
              summary: { invitationId: inv.id, roles: inv.roles, isAdmin: inv.makeAdmin },
            },
            clock.now(),
          );
          return user;
        })
        .catch((err: unknown) => {
          // Someone registered this email between our check and the insert.
          if (isDuplicateEmail(err)) throw new AppError('INVITATION_EMAIL_EXISTS');
          throw err;
        });
    },

    async updateMember(
      actor: Actor,
      ctx: RequestContext,
      organisationId: string,
      userId: string,
      input: { isAdmin: boolean; roles: OrgRole[] },
    ) {
      const org = await orgFor(actor, organisationId, 'member.manage');
      const membership = await identity.findMembership(userId, organisationId);
      if (!membership) throw new AppError('NOT_FOUND');
      const now = clock.now();
      await db.transaction(async (tx) => {
        if (membership.isAdmin && !input.isAdmin && (await identity.countAdmins(tx, organisationId)) <= 1)
          throw new AppError('LAST_ADMIN');
        await identity.setMembershipAdmin(tx, userId, organisationId, input.isAdmin);
        const current = (await identity.activeRoles(userId, tx)).filter((g) => g.organisationId === organisationId);
        const wanted = new Set<string>(input.roles);
        for (const g of current) if (!wanted.has(g.role)) await identity.revokeRole(tx, g.id, actor.userId, now);
        for (const role of wanted)
          if (!current.some((g) => g.role === role))
            await identity.insertRole(tx, { userId, role, organisationId, grantedBy: actor.userId, grantedAt: now });
        await appendAudit(
          tx,
          ctx,
          {
            action: 'member.update',
            targetType: 'user',
            targetId: userId,
            regionCode: org.regionCode,
            summary: {
              organisationId,
              before: { isAdmin: membership.isAdmin, roles: current.map((g) => g.role) },
              after: input,
            },
          },
          now,
        );
      });
      const row = (await members(actor, organisationId)).find((m) => m.userId === userId);
      if (!row) throw new AppError('NOT_FOUND');
      return row;
    },

    async removeMember(actor: Actor, ctx: RequestContext, organisationId: string, userId: string) {
      const org = await orgFor(actor, organisationId, 'member.manage');
      const membership = await identity.findMembership(userId, organisationId);
      if (!membership) throw new AppError('NOT_FOUND');
      await db.transaction(async (tx) => {
        if (membership.isAdmin && (await identity.countAdmins(tx, organisationId)) <= 1)
          throw new AppError('LAST_ADMIN');
        await identity.revokeOrgRoles(tx, userId, organisationId, actor.userId, clock.now());
        await identity.deleteMembership(tx, userId, organisationId);
        await appendAudit(
          tx,
          ctx,
          {
            action: 'member.remove',
            targetType: 'user',
            targetId: userId,
            regionCode: org.regionCode,
            summary: { organisationId },
          },
          clock.now(),
        );
      });
    },
  };
}
export type MembersService = ReturnType<typeof createMembersService>;
