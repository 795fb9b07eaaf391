import { and, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client.js';
import { organisations } from '../organisations/organisation.table.js';
import { voucherClaims, voucherSettlements } from './claim.table.js';
import { voucherProgrammes } from './programme.table.js';

type Exec = Db | Tx;
export type ClaimRow = typeof voucherClaims.$inferSelect;
export type SettlementRow = typeof voucherSettlements.$inferSelect;

const provider = alias(organisations, 'provider_org');
const enterprise = alias(organisations, 'enterprise_org');
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Claims and settlement batches. */
export function createClaimRepository(db: Db) {
  const columns = {
    claim: voucherClaims,
    programmeName: voucherProgrammes.name,
    programmeRegionCode: voucherProgrammes.regionCode,
    providerName: provider.name,
    enterpriseName: enterprise.name,
  };
  const joined = (exec: Exec) =>
    exec
      .select(columns)
      .from(voucherClaims)
      .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherClaims.programmeId))
      .innerJoin(provider, eq(provider.id, voucherClaims.providerOrganisationId))
      .innerJoin(enterprise, eq(enterprise.id, voucherClaims.enterpriseOrganisationId));

  return {
    insert: async (tx: Tx, values: typeof voucherClaims.$inferInsert) =>
      (
        await tx
          .insert(voucherClaims)
          .values(values)
          .onConflictDoNothing({ target: voucherClaims.idempotencyKey })
          .returning()
      )[0],

    find: async (exec: Exec, id: string) =>
      (await exec.select().from(voucherClaims).where(eq(voucherClaims.id, id)))[0],

    lock: async (tx: Tx, id: string) =>
      (await tx.select().from(voucherClaims).where(eq(voucherClaims.id, id)).for('update'))[0],

    byKey: async (exec: Exec, key: string) =>
      (await exec.select().from(voucherClaims).where(eq(voucherClaims.idempotencyKey, key)))[0],

    transition: async (tx: Tx, id: string, from: string, values: Partial<ClaimRow>) =>
      (
        await tx
          .update(voucherClaims)
          .set(values)
          .where(and(eq(voucherClaims.id, id), eq(voucherClaims.status, from)))
          .returning()
      )[0],

    one: async (exec: Exec, id: string) => (await joined(exec).where(eq(voucherClaims.id, id)))[0],

    async list(where: SQL | undefined, page: number, pageSize: number) {
      const [rows, [total]] = await Promise.all([
        joined(db)
          .where(where)
          .orderBy(desc(voucherClaims.filedAt), voucherClaims.id)
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        db
          .select({ n: count() })
          .from(voucherClaims)
          .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherClaims.programmeId))
          .innerJoin(provider, eq(provider.id, voucherClaims.providerOrganisationId))
          .innerJoin(enterprise, eq(enterprise.id, voucherClaims.enterpriseOrganisationId))
          .where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    search: (q: string) =>
      or(ilike(provider.name, like(q)), ilike(enterprise.name, like(q)), ilike(voucherClaims.subjectName, like(q))),

    inSettlement: (exec: Exec, settlementId: string) =>
      joined(exec)
        .where(eq(voucherClaims.settlementId, settlementId))
        .orderBy(voucherClaims.decidedAt, voucherClaims.id),

    pendingForQuota: (tx: Tx, quotaId: string) =>
      tx
        .select()
        .from(voucherClaims)
        .where(and(eq(voucherClaims.quotaId, quotaId), eq(voucherClaims.status, 'pending_review'))),

    // ------------------------------------------------------------ settlements

    /** The open batch of a provider for a month, created on first use (unique per programme, provider and month). */
    async openBatch(tx: Tx, programmeId: string, providerOrgId: string, month: string, at: Date) {
      await tx
        .insert(voucherSettlements)
        .values({ programmeId, providerOrganisationId: providerOrgId, month, status: 'open', createdAt: at })
        .onConflictDoNothing({
          target: [voucherSettlements.programmeId, voucherSettlements.providerOrganisationId, voucherSettlements.month],
        });
      const [b] = await tx
        .select()
        .from(voucherSettlements)
        .where(
          and(
            eq(voucherSettlements.programmeId, programmeId),
            eq(voucherSettlements.providerOrganisationId, providerOrgId),
            eq(voucherSettlements.month, month),
          ),
        )
        .for('update');
      return b as SettlementRow;
    },

    findBatch: async (exec: Exec, id: string) =>
      (await exec.select().from(voucherSettlements).where(eq(voucherSettlements.id, id)))[0],

    lockBatch: async (tx: Tx, id: string) =>
      (await tx.select().from(voucherSettlements).where(eq(voucherSettlements.id, id)).for('update'))[0],

    transitionBatch: async (tx: Tx, id: string, from: string, values: Partial<SettlementRow>) =>
      (
        await tx
          .update(voucherSettlements)
          .set(values)
          .where(and(eq(voucherSettlements.id, id), eq(voucherSettlements.status, from)))
          .returning()
      )[0],

    async batches(where: SQL | undefined, page: number, pageSize: number) {
      const base = db
        .select({
          batch: voucherSettlements,
          programmeName: voucherProgrammes.name,
          programmeRegionCode: voucherProgrammes.regionCode,
          providerName: organisations.name,
          claimCount: sql<number>`(select count(*)::int from voucher_claims c where c.settlement_id = voucher_settlements.id
            and c.status in ('approved', 'settled'))`,
          totalFen: sql<string>`(select coalesce(sum(c.voucher_fen), 0)::text from voucher_claims c
            where c.settlement_id = voucher_settlements.id and c.status in ('approved', 'settled'))`,
        })
        .from(voucherSettlements)
        .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherSettlements.programmeId))
        .innerJoin(organisations, eq(organisations.id, voucherSettlements.providerOrganisationId));
      const [rows, [total]] = await Promise.all([
        base
          .where(where)
          .orderBy(desc(voucherSettlements.month), organisations.name)
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        db
          .select({ n: count() })
          .from(voucherSettlements)
          .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherSettlements.programmeId))
          .where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
  };
}
export type ClaimRepository = ReturnType<typeof createClaimRepository>;
