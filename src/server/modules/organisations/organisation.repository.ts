import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { scopePrefix } from '../../../shared/regions/regions.js';
import type { Db, Tx } from '../../db/client.js';
import { memberships, users } from '../identity/user.table.js';
import { organisationEvents, organisations } from './organisation.table.js';

export type OrganisationRow = typeof organisations.$inferSelect;
type Exec = Db | Tx;

export interface OrganisationFilter {
  q?: string;
  status?: string;
  type?: string;
  regionCode?: string;
  regionPrefixes: string[];
}

const sorts = {
  createdAt: asc(organisations.createdAt),
  '-createdAt': desc(organisations.createdAt),
  name: asc(organisations.name),
  '-name': desc(organisations.name),
} as const;

export function createOrganisationRepository(db: Db) {
  function where(f: OrganisationFilter): SQL | undefined {
    const conds: (SQL | undefined)[] = [];
    if (f.q) {
      const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
      conds.push(
        or(ilike(organisations.name, like), ilike(organisations.creditCode, like), ilike(organisations.nameEn, like)),
      );
    }
    if (f.status) conds.push(eq(organisations.status, f.status));
    if (f.type) conds.push(eq(organisations.type, f.type));
    if (f.regionCode) conds.push(sql`${organisations.regionCode} like ${`${scopePrefix(f.regionCode)}%`}`);
    conds.push(
      f.regionPrefixes.length
        ? or(...f.regionPrefixes.map((p) => sql`${organisations.regionCode} like ${`${p}%`}`))
        : sql`false`,
    );
    return and(...conds);
  }

  return {
    findById: async (id: string, exec: Exec = db) =>
      (await exec.select().from(organisations).where(eq(organisations.id, id)).limit(1))[0],
    findByCreditCode: async (code: string) =>
      (await db.select().from(organisations).where(eq(organisations.creditCode, code)).limit(1))[0],
    insert: async (tx: Tx, values: typeof organisations.$inferInsert) =>
      (await tx.insert(organisations).values(values).returning())[0] as OrganisationRow,
    update: async (tx: Tx, id: string, values: Partial<typeof organisations.$inferInsert>) =>
      (await tx.update(organisations).set(values).where(eq(organisations.id, id)).returning())[0],

    /** Updates the status only if it is still `from`: a concurrent change makes this return nothing. */
    transition: async (tx: Tx, id: string, from: string, values: Partial<typeof organisations.$inferInsert>) =>
      (
        await tx
          .update(organisations)
          .set(values)
          .where(and(eq(organisations.id, id), eq(organisations.status, from)))
          .returning()
      )[0],

    insertEvent: (tx: Tx, values: typeof organisationEvents.$inferInsert) =>
      tx.insert(organisationEvents).values(values),

    events: (id: string) =>
      db
        .select({ event: organisationEvents, actorName: users.name })
        .from(organisationEvents)
        .leftJoin(users, eq(users.id, organisationEvents.actorUserId))
        .where(eq(organisationEvents.organisationId, id))
        .orderBy(asc(organisationEvents.id)),

    async list(f: OrganisationFilter, page: number, pageSize: number, sort: keyof typeof sorts) {
      const w = where(f);
      const rows = await db
        .select()
        .from(organisations)
        .where(w)
        .orderBy(sorts[sort], asc(organisations.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const [total] = await db.select({ n: count() }).from(organisations).where(w);
      return { rows, total: total?.n ?? 0 };
    },

    async memberCounts(ids: string[]): Promise<Map<string, number>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: memberships.organisationId, n: count() })
        .from(memberships)
        .where(inArray(memberships.organisationId, ids))
        .groupBy(memberships.organisationId);
      return new Map(rows.map((r) => [r.id, r.n]));
    },
  };
}
export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
