import { and, asc, desc, eq, exists, gte, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { users } from '../identity/user.table.js';
import { instruments } from '../instruments/instrument.table.js';
import { organisations } from '../organisations/organisation.table.js';
import { assetCards, reconciliationDismissals } from './asset.table.js';

/** Organisations a reconciliation covers: any of these ids, or any organisation within these prefixes. */
export interface ReconcileScope {
  organisationIds: string[];
  regionPrefixes: string[];
}

function inScope(s: ReconcileScope): SQL {
  const parts: SQL[] = [
    ...(s.organisationIds.length ? [inArray(organisations.id, s.organisationIds)] : []),
    ...s.regionPrefixes.map((p) => sql`${organisations.regionCode} like ${`${p}%`}`),
  ];
  return parts.length ? (or(...parts) as SQL) : sql`false`;
}

export function createReconcileRepository(db: Db) {
  return {
    /** Organisations in scope that have imported a register: there is nothing to reconcile without one. */
    organisationsWithCards: (scope: ReconcileScope) =>
      db
        .select({ id: organisations.id, name: organisations.name, regionCode: organisations.regionCode })
        .from(organisations)
        .where(
          and(
            inScope(scope),
            exists(db.select({ x: sql`1` }).from(assetCards).where(eq(assetCards.organisationId, organisations.id))),
          ),
        )
        .orderBy(asc(organisations.name), asc(organisations.id)),

    /** Cards in use worth at least `minFen` with no instrument listed under the same asset number. */
    unlistedCards: (scope: ReconcileScope, minFen: number) =>
      db
        .select({ card: assetCards })
        .from(assetCards)
        .innerJoin(organisations, eq(organisations.id, assetCards.organisationId))
        .leftJoin(
          instruments,
          and(eq(instruments.organisationId, assetCards.organisationId), eq(instruments.assetNo, assetCards.assetNo)),
        )
        .where(
          and(
            inScope(scope),
            isNull(instruments.id),
            isNull(assetCards.disposedAt),
            gte(assetCards.originalValueFen, minFen),
          ),
        )
        .orderBy(desc(assetCards.originalValueFen), asc(assetCards.assetNo)),

    /** Every listed instrument in scope with its asset card (instruments without a card are left out). */
    listedWithCards: (scope: ReconcileScope) =>
      db
        .select({
          instrumentId: instruments.id,
          organisationId: instruments.organisationId,
          assetNo: instruments.assetNo,
          nameZh: instruments.nameZh,
          instrumentValueFen: instruments.originalValueFen,
          listedAt: instruments.createdAt,
          card: assetCards,
        })
        .from(instruments)
        .innerJoin(organisations, eq(organisations.id, instruments.organisationId))
        .innerJoin(
          assetCards,
          and(eq(assetCards.organisationId, instruments.organisationId), eq(assetCards.assetNo, instruments.assetNo)),
        )
        .where(inScope(scope))
        .orderBy(asc(instruments.assetNo), asc(instruments.id)),

    /** Explained findings in scope, newest first, with the name of who explained them. */
    dismissals: (scope: ReconcileScope) =>
      db
        .select({
          row: reconciliationDismissals,
          organisationName: organisations.name,
          regionCode: organisations.regionCode,
          dismissedByName: users.name,
        })
        .from(reconciliationDismissals)
        .innerJoin(organisations, eq(organisations.id, reconciliationDismissals.organisationId))
        .leftJoin(users, eq(users.id, reconciliationDismissals.dismissedBy))
        .where(inScope(scope))
        .orderBy(desc(reconciliationDismissals.dismissedAt), asc(reconciliationDismissals.id)),

    /** Records an explanation; null when the same finding was explained meanwhile (unique key). */
    insertDismissal: async (tx: Tx, values: typeof reconciliationDismissals.$inferInsert) =>
      (await tx.insert(reconciliationDismissals).values(values).onConflictDoNothing().returning())[0] ?? null,

    findDismissal: async (id: string) =>
      (await db.select().from(reconciliationDismissals).where(eq(reconciliationDismissals.id, id)).limit(1))[0],

    deleteDismissal: async (tx: Tx, id: string) =>
      (await tx.delete(reconciliationDismissals).where(eq(reconciliationDismissals.id, id)).returning())[0],
  };
}
export type ReconcileRepository = ReturnType<typeof createReconcileRepository>;
