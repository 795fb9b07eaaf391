import { and, asc, desc, eq, ilike, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { EXPIRING_SOON_DAYS, type QualificationState } from '../../../shared/api/bookings.qualifications.js';
import type { Db, Tx } from '../../db/client.js';
import { users } from '../identity/user.table.js';
import { instruments, qualifications } from '../instruments/instrument.table.js';

export type QualificationRow = typeof qualifications.$inferSelect;
type Exec = Db | Tx;

const SOON_MS = EXPIRING_SOON_DAYS * 86_400_000;

/** The state a record is in at `now`; the list filter below mirrors it in SQL. */
export function qualificationState(
  q: Pick<QualificationRow, 'validUntil' | 'revokedAt'>,
  now: Date,
): QualificationState {
  if (q.revokedAt) return 'revoked';
  const left = q.validUntil.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  return left <= SOON_MS ? 'expiring' : 'active';
}

function stateWhere(state: QualificationState, now: Date): SQL | undefined {
  const soon = new Date(now.getTime() + SOON_MS);
  const live = isNull(qualifications.revokedAt);
  switch (state) {
    case 'revoked':
      return isNotNull(qualifications.revokedAt);
    case 'expired':
      return and(live, sql`${qualifications.validUntil} <= ${now.toISOString()}::timestamptz`);
    case 'expiring':
      return and(
        live,
        sql`${qualifications.validUntil} > ${now.toISOString()}::timestamptz`,
        sql`${qualifications.validUntil} <= ${soon.toISOString()}::timestamptz`,
      );
    case 'active':
      return and(live, sql`${qualifications.validUntil} > ${soon.toISOString()}::timestamptz`);
  }
}

/** A user's organisation for display: the first one they joined. (Qualified by hand: drizzle leaves
 * single-table columns unqualified, which the subquery would misread.) */
const userOrganisation = sql<string | null>`(
  select o.name from memberships m join organisations o on o.id = m.organisation_id
  where m.user_id = "users"."id" order by m.created_at limit 1)`;

export function createQualificationRepository(db: Db) {
  const granter = alias(users, 'granter');
  const columns = {
    q: qualifications,
    instrumentName: instruments.nameZh,
    userName: users.name,
    userEmail: users.email,
    grantedByName: granter.name,
  };
  const listed = (where: SQL | undefined) =>
    db
      .select(columns)
      .from(qualifications)
      .innerJoin(instruments, eq(instruments.id, qualifications.instrumentId))
      .innerJoin(users, eq(users.id, qualifications.userId))
      .leftJoin(granter, eq(granter.id, qualifications.grantedBy))
      .where(where);

  const live = async (instrumentId: string, userId: string, exec: Exec = db) =>
    (
      await exec
        .select()
        .from(qualifications)
        .where(
          and(
            eq(qualifications.instrumentId, instrumentId),
            eq(qualifications.userId, userId),
            isNull(qualifications.revokedAt),
          ),
        )
        .limit(1)
    )[0];

  return {
    forInstrument: (instrumentId: string, state: QualificationState | undefined, now: Date) =>
      listed(and(eq(qualifications.instrumentId, instrumentId), state ? stateWhere(state, now) : undefined)).orderBy(
        // Live records first, soonest to lapse on top: what the manager acts on.
        sql`${qualifications.revokedAt} is not null`,
        asc(qualifications.validUntil),
        asc(qualifications.id),
      ),

    forUser: (userId: string) =>
      listed(eq(qualifications.userId, userId)).orderBy(
        sql`${qualifications.revokedAt} is not null`,
        desc(qualifications.validUntil),
      ),

    byId: async (id: string) => (await listed(eq(qualifications.id, id)).limit(1))[0],

    live,

    /** End of the user's unrevoked qualification for the instrument; null when they have none. */
    async qualifiedUntil(userId: string, instrumentId: string): Promise<Date | null> {
      const row = await live(instrumentId, userId);
      return row?.validUntil ?? null;
    },

    insert: async (tx: Tx, values: typeof qualifications.$inferInsert) =>
      (await tx.insert(qualifications).values(values).returning())[0] as QualificationRow,

    /** Only unrevoked records change: a concurrent revoke makes this return nothing. */
    update: async (tx: Tx, id: string, values: Partial<typeof qualifications.$inferInsert>) =>
      (
        await tx
          .update(qualifications)
          .set(values)
          .where(and(eq(qualifications.id, id), isNull(qualifications.revokedAt)))
          .returning()
      )[0],

    /** Suggestions for the grant form: email prefix or name fragment, active users only. */
    candidates: (q: string) => {
      const like = q.replace(/[\\%_]/g, (c) => `\\${c}`);
      return db
        .select({ id: users.id, name: users.name, email: users.email, organisationName: userOrganisation })
        .from(users)
        .where(and(eq(users.status, 'active'), or(ilike(users.email, `${like}%`), ilike(users.name, `%${like}%`))))
        .orderBy(asc(users.name))
        .limit(10);
    },

    userByEmail: async (email: string) =>
      (await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1))[0],

    userById: async (id: string) => (await db.select().from(users).where(eq(users.id, id)).limit(1))[0],
  };
}
export type QualificationRepository = ReturnType<typeof createQualificationRepository>;
