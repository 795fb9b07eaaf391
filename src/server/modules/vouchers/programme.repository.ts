import { and, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { ProgrammeSettings } from '../../../shared/api/vouchers.js';
import type { Db, Tx } from '../../db/client.js';
import { users } from '../identity/user.table.js';
import { organisations } from '../organisations/organisation.table.js';
import { voucherProgrammes, voucherProgrammeVersions, voucherProviders } from './programme.table.js';
import { voucherQuotas } from './quota.table.js';

type Exec = Db | Tx;
export type ProgrammeRow = typeof voucherProgrammes.$inferSelect;
export type ProviderRow = typeof voucherProviders.$inferSelect;
export interface ProgrammeWithSettings {
  programme: ProgrammeRow;
  version: number;
  settings: ProgrammeSettings;
}

/** Programmes, their settings versions and provider admissions. */
export function createProgrammeRepository(db: Db) {
  async function latest(exec: Exec, programmeId: string) {
    const [v] = await exec
      .select()
      .from(voucherProgrammeVersions)
      .where(eq(voucherProgrammeVersions.programmeId, programmeId))
      .orderBy(desc(voucherProgrammeVersions.version))
      .limit(1);
    return v;
  }

  return {
    insert: async (tx: Tx, values: typeof voucherProgrammes.$inferInsert) =>
      (await tx.insert(voucherProgrammes).values(values).returning())[0] as ProgrammeRow,

    insertVersion: (tx: Tx, values: typeof voucherProgrammeVersions.$inferInsert) =>
      tx.insert(voucherProgrammeVersions).values(values),

    find: async (exec: Exec, id: string) =>
      (await exec.select().from(voucherProgrammes).where(eq(voucherProgrammes.id, id)))[0],

    /** Row-locked for the transaction: version numbering and status changes serialise here. */
    lock: async (tx: Tx, id: string) =>
      (await tx.select().from(voucherProgrammes).where(eq(voucherProgrammes.id, id)).for('update'))[0],

    /** The programme with the settings in force (its highest version), or a given version. */
    async withSettings(exec: Exec, id: string, version?: number): Promise<ProgrammeWithSettings | undefined> {
      const [programme] = await exec.select().from(voucherProgrammes).where(eq(voucherProgrammes.id, id));
      if (!programme) return undefined;
      const v =
        version === undefined
          ? await latest(exec, id)
          : (
              await exec
                .select()
                .from(voucherProgrammeVersions)
                .where(and(eq(voucherProgrammeVersions.programmeId, id), eq(voucherProgrammeVersions.version, version)))
            )[0];
      if (!v) return undefined;
      return { programme, version: v.version, settings: v.settings };
    },

    latest,

    versions: (id: string) =>
      db
        .select({ v: voucherProgrammeVersions, createdByName: users.name })
        .from(voucherProgrammeVersions)
        .leftJoin(users, eq(users.id, voucherProgrammeVersions.createdBy))
        .where(eq(voucherProgrammeVersions.programmeId, id))
        .orderBy(desc(voucherProgrammeVersions.version)),

    transition: async (tx: Tx, id: string, from: string, to: string, at: Date) =>
      (
        await tx
          .update(voucherProgrammes)
          .set({ status: to, updatedAt: at })
          .where(and(eq(voucherProgrammes.id, id), eq(voucherProgrammes.status, from)))
          .returning()
      )[0],

    async list(where: SQL | undefined, page: number, pageSize: number) {
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(voucherProgrammes)
          .where(where)
          .orderBy(desc(voucherProgrammes.createdAt), voucherProgrammes.id)
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        db.select({ n: count() }).from(voucherProgrammes).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    /** Admitted providers and issued money per programme, for the list. */
    async stats(ids: string[]) {
      if (ids.length === 0) return new Map<string, { admitted: number; issuedFen: number }>();
      const [admitted, issued] = await Promise.all([
        db
          .select({ id: voucherProviders.programmeId, n: count() })
          .from(voucherProviders)
          .where(and(inArray(voucherProviders.programmeId, ids), eq(voucherProviders.status, 'admitted')))
          .groupBy(voucherProviders.programmeId),
        db
          .select({ id: voucherQuotas.programmeId, s: sql<string>`sum(${voucherQuotas.issuedFen})::text` })
          .from(voucherQuotas)
          .where(inArray(voucherQuotas.programmeId, ids))
          .groupBy(voucherQuotas.programmeId),
      ]);
      return new Map(
        ids.map((id) => [
          id,
          {
            admitted: admitted.find((a) => a.id === id)?.n ?? 0,
            issuedFen: Number(issued.find((a) => a.id === id)?.s ?? 0),
          },
        ]),
      );
    },

    // ------------------------------------------------------------ providers

    insertProvider: async (tx: Tx, values: typeof voucherProviders.$inferInsert) =>
      (await tx.insert(voucherProviders).values(values).returning())[0] as ProviderRow,

    findProvider: async (exec: Exec, id: string) =>
      (await exec.select().from(voucherProviders).where(eq(voucherProviders.id, id)))[0],

    transitionProvider: async (
      tx: Tx,
      id: string,
      from: string,
      values: Partial<typeof voucherProviders.$inferInsert>,
    ) =>
      (
        await tx
          .update(voucherProviders)
          .set(values)
          .where(and(eq(voucherProviders.id, id), eq(voucherProviders.status, from)))
          .returning()
      )[0],

    /**
     * The admissions under which a provider organisation may accept a voucher of `programme`:
     * its own programme, or a partner programme with a mutual acceptance agreement (通用通兑).
     */
    async acceptingAdmissions(exec: Exec, providerOrgId: string) {
      return exec
        .select({ provider: voucherProviders, programme: voucherProgrammes })
        .from(voucherProviders)
        .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherProviders.programmeId))
        .where(and(eq(voucherProviders.organisationId, providerOrgId), eq(voucherProviders.status, 'admitted')));
    },

    async providers(where: SQL | undefined, page: number, pageSize: number) {
      const base = () =>
        db
          .select({
            provider: voucherProviders,
            programmeName: voucherProgrammes.name,
            programmeRegionCode: voucherProgrammes.regionCode,
            organisationName: organisations.name,
            organisationType: organisations.type,
            regionCode: organisations.regionCode,
            instrumentCount: sql<number>`(select count(*)::int from instruments i where i.organisation_id = voucher_providers.organisation_id)`,
          })
          .from(voucherProviders)
          .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherProviders.programmeId))
          .innerJoin(organisations, eq(organisations.id, voucherProviders.organisationId));
      const [rows, [total]] = await Promise.all([
        base()
          .where(where)
          .orderBy(desc(voucherProviders.appliedAt), voucherProviders.id)
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        db
          .select({ n: count() })
          .from(voucherProviders)
          .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherProviders.programmeId))
          .innerJoin(organisations, eq(organisations.id, voucherProviders.organisationId))
          .where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    providerSearch: (q: string) => {
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return or(ilike(organisations.name, like), ilike(voucherProgrammes.name, like));
    },
  };
}
export type ProgrammeRepository = ReturnType<typeof createProgrammeRepository>;
