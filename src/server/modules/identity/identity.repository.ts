import { and, count, desc, eq, exists, ilike, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { organisations } from '../organisations/organisation.table.js';
import type { Actor } from './actor.js';
import { invitations, memberships, roleAssignments, sessions, users } from './user.table.js';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;
type Exec = Db | Tx;

export interface UserFilter {
  q?: string;
  role?: string;
  status?: string;
  regionPrefixes: string[];
}

export function createIdentityRepository(db: Db) {
  return {
    findUserByEmail: async (email: string, exec: Exec = db) =>
      (await exec.select().from(users).where(eq(users.email, email)).limit(1))[0],

    findUserById: async (id: string, exec: Exec = db) =>
      (await exec.select().from(users).where(eq(users.id, id)).limit(1))[0],

    insertUser: async (tx: Tx, values: typeof users.$inferInsert) =>
      (await tx.insert(users).values(values).returning())[0] as UserRow,

    updateUser: (tx: Exec, id: string, values: Partial<typeof users.$inferInsert>) =>
      tx.update(users).set(values).where(eq(users.id, id)),

    /** Counts a failure atomically so parallel wrong guesses cannot slip past the limit. */
    async recordLoginFailure(tx: Tx, id: string, maxAttempts: number, now: Date, lockUntil: Date) {
      // A lock that has run out starts a fresh count; deciding that inside the one UPDATE keeps a
      // burst of parallel wrong guesses from each resetting the counter it read earlier.
      const expired = sql`(${users.lockedUntil} is not null and ${users.lockedUntil} <= ${now.toISOString()}::timestamptz)`;
      const next = sql`(case when ${expired} then 1 else ${users.failedLoginCount} + 1 end)`;
      const [row] = await tx
        .update(users)
        .set({
          failedLoginCount: next,
          lockedUntil: sql`case when ${next} >= ${maxAttempts} then ${lockUntil.toISOString()}::timestamptz when ${expired} then null else ${users.lockedUntil} end`,
        })
        .where(eq(users.id, id))
        .returning({ failedLoginCount: users.failedLoginCount, lockedUntil: users.lockedUntil });
      return row;
    },

    insertMembership: (tx: Tx, values: typeof memberships.$inferInsert) => tx.insert(memberships).values(values),

    findMembership: async (userId: string, organisationId: string, exec: Exec = db) =>
      (
        await exec
          .select()
          .from(memberships)
          .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)))
          .limit(1)
      )[0],

    setMembershipAdmin: (tx: Tx, userId: string, organisationId: string, isAdmin: boolean) =>
      tx
        .update(memberships)
        .set({ isAdmin })
        .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId))),

    deleteMembership: (tx: Tx, userId: string, organisationId: string) =>
      tx.delete(memberships).where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId))),

    /**
     * Locks the organisation's admin memberships while counting, so two admins demoting each other
     * at once cannot both see "another admin remains" and leave the organisation with none.
     */
    countAdmins: async (tx: Tx, organisationId: string) =>
      (
        await tx
          .select({ id: memberships.id })
          .from(memberships)
          .where(and(eq(memberships.organisationId, organisationId), eq(memberships.isAdmin, true)))
          .for('update')
      ).length,

    insertRole: async (tx: Tx, values: typeof roleAssignments.$inferInsert) =>
      (await tx.insert(roleAssignments).values(values).returning())[0],

    activeRoles: (userId: string, exec: Exec = db) =>
      exec
        .select()
        .from(roleAssignments)
        .where(and(eq(roleAssignments.userId, userId), isNull(roleAssignments.revokedAt))),

    revokeRole: async (tx: Tx, id: string, by: string, at: Date) =>
      (
        await tx
          .update(roleAssignments)
          .set({ revokedAt: at, revokedBy: by })
          .where(and(eq(roleAssignments.id, id), isNull(roleAssignments.revokedAt)))
          .returning()
      )[0],

    revokeOrgRoles: (tx: Tx, userId: string, organisationId: string, by: string, at: Date) =>
      tx
        .update(roleAssignments)
        .set({ revokedAt: at, revokedBy: by })
        .where(
          and(
            eq(roleAssignments.userId, userId),
            eq(roleAssignments.organisationId, organisationId),
            isNull(roleAssignments.revokedAt),
          ),
        ),

    /** Everything policies need about a user, in two queries. */
    async loadActor(user: UserRow, exec: Exec = db): Promise<Actor> {
      const ms = await exec
        .select({
          organisationId: memberships.organisationId,
          isAdmin: memberships.isAdmin,
          regionCode: organisations.regionCode,
          status: organisations.status,
        })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(eq(memberships.userId, user.id));
      const rs = await this.activeRoles(user.id, exec);
      return {
        userId: user.id,
        name: user.name,
        email: user.email,
        memberships: ms as Actor['memberships'],
        roles: rs.map((r) => ({
          id: r.id,
          role: r.role as Actor['roles'][number]['role'],
          organisationId: r.organisationId,
          regionCode: r.regionCode,
        })),
      };
    },

    membershipsWithOrgs: (userId: string) =>
      db
        .select({ organisation: organisations, isAdmin: memberships.isAdmin })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(eq(memberships.userId, userId))
        .orderBy(memberships.createdAt),

    members: (organisationId: string, exec: Exec = db) =>
      exec
        .select({ user: users, isAdmin: memberships.isAdmin, joinedAt: memberships.createdAt })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.organisationId, organisationId))
        .orderBy(memberships.createdAt),

    rolesInOrg: (organisationId: string, exec: Exec = db) =>
      exec
        .select()
        .from(roleAssignments)
        .where(and(eq(roleAssignments.organisationId, organisationId), isNull(roleAssignments.revokedAt))),

    // Sessions
    insertSession: (tx: Exec, values: typeof sessions.$inferInsert) => tx.insert(sessions).values(values),
    findSession: async (tokenHash: string) =>
      (await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).limit(1))[0],
    touchSession: (tokenHash: string, at: Date) =>
      db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash)),
    revokeSession: (exec: Exec, tokenHash: string, at: Date) =>
      exec.update(sessions).set({ revokedAt: at }).where(eq(sessions.tokenHash, tokenHash)),
    revokeUserSessions: (exec: Exec, userId: string, at: Date, exceptTokenHash?: string) =>
      exec
        .update(sessions)
        .set({ revokedAt: at })
        .where(
          and(
            eq(sessions.userId, userId),
            isNull(sessions.revokedAt),
            exceptTokenHash ? ne(sessions.tokenHash, exceptTokenHash) : undefined,
          ),
        ),
    /** Expired sessions are deleted by a scheduled job; revoked ones are kept a day for the audit trail. */
    purgeSessions: async (before: Date) => {
      const res = await db
        .delete(sessions)
        .where(
          or(
            sql`${sessions.expiresAt} < ${before.toISOString()}::timestamptz`,
            sql`${sessions.revokedAt} < ${before.toISOString()}::timestamptz - interval '1 day'`,
          ),
        )
        .returning({ h: sessions.tokenHash });
      return res.length;
    },

    // Invitations
    insertInvitation: async (tx: Tx, values: typeof invitations.$inferInsert) =>
      (await tx.insert(invitations).values(values).returning())[0] as InvitationRow,
    findInvitationByTokenHash: async (tokenHash: string, exec: Exec = db) =>
      (await exec.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).limit(1))[0],
    findInvitation: async (id: string) =>
      (await db.select().from(invitations).where(eq(invitations.id, id)).limit(1))[0],
    listInvitations: (organisationId: string) =>
      db
        .select()
        .from(invitations)
        .where(eq(invitations.organisationId, organisationId))
        .orderBy(desc(invitations.createdAt)),
    /**
     * Claims the invitation, conditional on it still being open: of two people racing to accept one
     * link, the second waits on the row lock, then finds it taken. Done before creating any user.
     */
    claimInvitation: async (tx: Tx, id: string, at: Date) =>
      (
        await tx
          .update(invitations)
          .set({ acceptedAt: at })
          .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
          .returning()
      ).length === 1,
    setInvitationUser: (tx: Tx, id: string, userId: string) =>
      tx.update(invitations).set({ acceptedUserId: userId }).where(eq(invitations.id, id)),
    revokeInvitation: async (tx: Tx, id: string, at: Date) =>
      (
        await tx
          .update(invitations)
          .set({ revokedAt: at })
          .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
          .returning()
      ).length === 1,

    // Administration
    async listUsers(f: UserFilter, page: number, pageSize: number) {
      const conds: (SQL | undefined)[] = [];
      if (f.q) {
        const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
        conds.push(or(ilike(users.name, like), ilike(users.email, like)));
      }
      if (f.status) conds.push(eq(users.status, f.status));
      if (f.role)
        conds.push(
          exists(
            db
              .select({ x: sql`1` })
              .from(roleAssignments)
              .where(
                and(
                  eq(roleAssignments.userId, users.id),
                  eq(roleAssignments.role, f.role),
                  isNull(roleAssignments.revokedAt),
                ),
              ),
          ),
        );
      conds.push(this.userInRegions(f.regionPrefixes));
      const where = and(...conds);
      const rows = await db
        .select()
        .from(users)
        .where(where)
        .orderBy(desc(users.createdAt))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const [total] = await db.select({ n: count() }).from(users).where(where);
      return { rows, total: total?.n ?? 0 };
    },

    /** A user is within a region when one of their organisations or one of their region grants is. */
    userInRegions(prefixes: string[]): SQL {
      if (prefixes.length === 0) return sql`false`;
      const orgIn = or(...prefixes.map((p) => sql`${organisations.regionCode} like ${`${p}%`}`));
      const grantIn = or(...prefixes.map((p) => sql`${roleAssignments.regionCode} like ${`${p}%`}`));
      return or(
        exists(
          db
            .select({ x: sql`1` })
            .from(memberships)
            .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
            .where(and(eq(memberships.userId, users.id), orgIn)),
        ),
        exists(
          db
            .select({ x: sql`1` })
            .from(roleAssignments)
            .where(and(eq(roleAssignments.userId, users.id), isNull(roleAssignments.revokedAt), grantIn)),
        ),
      ) as SQL;
    },

    async userIsInRegions(userId: string, prefixes: string[]): Promise<boolean> {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, userId), this.userInRegions(prefixes)))
        .limit(1);
      return rows.length === 1;
    },

    /** The region an action on this user concerns: their first organisation's, else their first region grant's. */
    async regionOfUser(userId: string, exec: Exec = db): Promise<string | null> {
      const [m] = await exec
        .select({ regionCode: organisations.regionCode })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(eq(memberships.userId, userId))
        .orderBy(memberships.createdAt)
        .limit(1);
      if (m) return m.regionCode;
      const [g] = await exec
        .select({ regionCode: roleAssignments.regionCode })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.userId, userId), isNull(roleAssignments.revokedAt)))
        .limit(1);
      return g?.regionCode ?? null;
    },

    async orgsAndRolesFor(userIds: string[]) {
      if (userIds.length === 0) return { orgs: [], grants: [] };
      const orgs = await db
        .select({
          userId: memberships.userId,
          id: organisations.id,
          name: organisations.name,
          isAdmin: memberships.isAdmin,
        })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(inArray(memberships.userId, userIds));
      const grants = await db
        .select()
        .from(roleAssignments)
        .where(and(inArray(roleAssignments.userId, userIds), isNull(roleAssignments.revokedAt)));
      return { orgs, grants };
    },
  };
}
export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
