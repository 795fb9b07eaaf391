import { and, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { organisations } from '../organisations/organisation.table.js';
import { voucherProgrammes } from './programme.table.js';
import { voucherQuotaApplications, voucherQuotas, voucherReservations, voucherServiceOrders } from './quota.table.js';

type Exec = Db | Tx;
export type ApplicationRow = typeof voucherQuotaApplications.$inferSelect;
export type QuotaRow = typeof voucherQuotas.$inferSelect;
export type ReservationRow = typeof voucherReservations.$inferSelect;
export type ServiceOrderRow = typeof voucherServiceOrders.$inferSelect;

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Quota applications, issued quotas, reservations and service orders. */
export function createQuotaRepository(db: Db) {
  const applicationColumns = {
    application: voucherQuotaApplications,
    programmeName: voucherProgrammes.name,
    programmeRegionCode: voucherProgrammes.regionCode,
    organisationName: organisations.name,
    regionCode: organisations.regionCode,
  };
  const quotaColumns = {
    quota: voucherQuotas,
    programmeName: voucherProgrammes.name,
    programmeRegionCode: voucherProgrammes.regionCode,
    organisationName: organisations.name,
  };

  return {
    // ------------------------------------------------------------ applications
    insertApplication: async (tx: Tx, values: typeof voucherQuotaApplications.$inferInsert) =>
      (await tx.insert(voucherQuotaApplications).values(values).returning())[0] as ApplicationRow,

    findApplication: async (exec: Exec, id: string) =>
      (await exec.select().from(voucherQuotaApplications).where(eq(voucherQuotaApplications.id, id)))[0],

    transitionApplication: async (tx: Tx, id: string, from: string, values: Partial<ApplicationRow>) =>
      (
        await tx
          .update(voucherQuotaApplications)
          .set(values)
          .where(and(eq(voucherQuotaApplications.id, id), eq(voucherQuotaApplications.status, from)))
          .returning()
      )[0],

    async applications(where: SQL | undefined, page: number, pageSize: number) {
      const from = () =>
        db
          .select(applicationColumns)
          .from(voucherQuotaApplications)
          .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherQuotaApplications.programmeId))
          .innerJoin(organisations, eq(organisations.id, voucherQuotaApplications.organisationId));
      const [rows, [total]] = await Promise.all([
        from()
          .where(where)
          .orderBy(desc(voucherQuotaApplications.submittedAt), voucherQuotaApplications.id)
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        db
          .select({ n: count() })
          .from(voucherQuotaApplications)
          .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherQuotaApplications.programmeId))
          .innerJoin(organisations, eq(organisations.id, voucherQuotaApplications.organisationId))
          .where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
    applicationSearch: (q: string) => or(ilike(organisations.name, like(q)), ilike(voucherProgrammes.name, like(q))),

    // ------------------------------------------------------------ quotas
    insertQuota: async (tx: Tx, values: typeof voucherQuotas.$inferInsert) =>
      (await tx.insert(voucherQuotas).values(values).returning())[0] as QuotaRow,

    findQuota: async (exec: Exec, id: string) =>
      (await exec.select().from(voucherQuotas).where(eq(voucherQuotas.id, id)))[0],

    /** Row lock: every movement of one voucher's money serialises on it. */
    lockQuota: async (tx: Tx, id: string) =>
      (await tx.select().from(voucherQuotas).where(eq(voucherQuotas.id, id)).for('update'))[0],

    transitionQuota: async (tx: Tx, id: string, from: string, to: string, at: Date) =>
      (
        await tx
          .update(voucherQuotas)
          .set({ status: to, statusChangedAt: at })
          .where(and(eq(voucherQuotas.id, id), eq(voucherQuotas.status, from)))
          .returning()
      )[0],

    async quotas(where: SQL | undefined, page: number, pageSize: number) {
      const [rows, [total]] = await Promise.all([
        db
          .select(quotaColumns)
          .from(voucherQuotas)
          .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherQuotas.programmeId))
          .innerJoin(organisations, eq(organisations.id, voucherQuotas.organisationId))
          .where(where)
          .orderBy(desc(voucherQuotas.issuedAt), voucherQuotas.id)
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        db
          .select({ n: count() })
          .from(voucherQuotas)
          .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherQuotas.programmeId))
          .where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    /** Active quotas ending within `days` that were not reminded yet (the reminder's work list). */
    dueForReminder: (now: Date, days: number) =>
      db
        .select({ id: voucherQuotas.id })
        .from(voucherQuotas)
        .where(
          and(
            eq(voucherQuotas.status, 'active'),
            isNull(voucherQuotas.expiryRemindedAt),
            sql`${voucherQuotas.expiresAt} > ${now}`,
            sql`${voucherQuotas.expiresAt} <= ${new Date(now.getTime() + days * 86_400_000)}`,
          ),
        )
        .limit(1000),

    /** Marks a voucher reminded, if no other run did first; true when this call did. */
    markReminded: async (tx: Tx, id: string, now: Date) =>
      (
        await tx
          .update(voucherQuotas)
          .set({ expiryRemindedAt: now })
          .where(and(eq(voucherQuotas.id, id), isNull(voucherQuotas.expiryRemindedAt)))
          .returning({ id: voucherQuotas.id })
      ).length === 1,

    /** Active quotas whose validity has ended (the expiry job's work list). */
    dueToExpire: (now: Date) =>
      db
        .select({ id: voucherQuotas.id })
        .from(voucherQuotas)
        .where(and(eq(voucherQuotas.status, 'active'), sql`${voucherQuotas.expiresAt} <= ${now}`))
        .limit(1000),

    /**
     * Locks the booking or order a voucher is used for. Taken first (before the cap and voucher
     * locks): a concurrent cancellation waits, then its hook sees the reservation and releases it.
     */
    lockSubject: (tx: Tx, type: 'booking' | 'service_order', id: string) =>
      tx.execute(
        type === 'booking'
          ? sql`select 1 from bookings where id = ${id} for update`
          : sql`select 1 from voucher_service_orders where id = ${id} for update`,
      ),

    // ------------------------------------------------------------ reservations
    insertReservation: async (tx: Tx, values: typeof voucherReservations.$inferInsert) =>
      (
        await tx
          .insert(voucherReservations)
          .values(values)
          .onConflictDoNothing({ target: voucherReservations.idempotencyKey })
          .returning()
      )[0],

    findReservation: async (exec: Exec, id: string) =>
      (await exec.select().from(voucherReservations).where(eq(voucherReservations.id, id)))[0],

    reservationByKey: async (exec: Exec, key: string) =>
      (await exec.select().from(voucherReservations).where(eq(voucherReservations.idempotencyKey, key)))[0],

    liveReservationFor: async (exec: Exec, subjectType: string, subjectId: string) =>
      (
        await exec
          .select()
          .from(voucherReservations)
          .where(
            and(
              eq(voucherReservations.subjectType, subjectType),
              eq(voucherReservations.subjectId, subjectId),
              inArray(voucherReservations.status, ['held', 'redeemed']),
            ),
          )
      )[0],

    heldReservations: (tx: Tx, quotaId: string) =>
      tx
        .select()
        .from(voucherReservations)
        .where(and(eq(voucherReservations.quotaId, quotaId), eq(voucherReservations.status, 'held'))),

    transitionReservation: async (tx: Tx, id: string, from: string, values: Partial<ReservationRow>) =>
      (
        await tx
          .update(voucherReservations)
          .set(values)
          .where(and(eq(voucherReservations.id, id), eq(voucherReservations.status, from)))
          .returning()
      )[0],

    async reservations(where: SQL | undefined, page: number, pageSize: number) {
      const [rows, [total]] = await Promise.all([
        db
          .select({
            r: voucherReservations,
            programmeName: voucherProgrammes.name,
            enterpriseName: sql<string>`(select o.name from organisations o where o.id = voucher_reservations.enterprise_organisation_id)`,
            providerName: sql<string>`(select o.name from organisations o where o.id = voucher_reservations.provider_organisation_id)`,
            // The latest claim of the reservation (a rejected one is followed by none: it released the money).
            claimId: sql<
              string | null
            >`(select c.id::text from voucher_claims c where c.reservation_id = voucher_reservations.id
              order by c.filed_at desc limit 1)`,
          })
          .from(voucherReservations)
          .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherReservations.programmeId))
          .where(where)
          .orderBy(desc(voucherReservations.createdAt), voucherReservations.id)
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        db.select({ n: count() }).from(voucherReservations).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    /**
     * A voucher amount spent in a Shanghai calendar year against an annual cap: held reservations
     * at their amount, redeemed ones at what their approved or settled claim redeemed. `orgIds` is
     * the enterprise, or every enterprise of one actual controller.
     */
    async annualUsed(
      exec: Exec,
      programmeId: string,
      orgIds: string[],
      from: Date,
      to: Date,
      exceptReservationId?: string,
    ) {
      const [r] = (
        (await exec.execute(sql`
          select coalesce(sum(case when r.status = 'held' then r.amount_fen else c.voucher_fen end), 0)::text as s
          from voucher_reservations r
          left join voucher_claims c on c.reservation_id = r.id and c.status in ('approved', 'settled')
          where r.programme_id = ${programmeId} and r.enterprise_organisation_id = any(${sql.param(orgIds)}::uuid[])
            and r.service_start >= ${from} and r.service_start < ${to}
            and (r.status = 'held' or (r.status = 'redeemed' and c.id is not null))
            ${exceptReservationId ? sql`and r.id <> ${exceptReservationId}` : sql``}`)) as unknown as {
          rows: { s: string }[];
        }
      ).rows;
      return Number(r?.s ?? 0);
    },

    // ------------------------------------------------------------ service orders
    insertOrder: async (tx: Tx, values: typeof voucherServiceOrders.$inferInsert) =>
      (await tx.insert(voucherServiceOrders).values(values).returning())[0] as ServiceOrderRow,

    findOrder: async (exec: Exec, id: string) =>
      (await exec.select().from(voucherServiceOrders).where(eq(voucherServiceOrders.id, id)))[0],

    transitionOrder: async (tx: Tx, id: string, from: string, values: Partial<ServiceOrderRow>) =>
      (
        await tx
          .update(voucherServiceOrders)
          .set(values)
          .where(and(eq(voucherServiceOrders.id, id), eq(voucherServiceOrders.status, from)))
          .returning()
      )[0],

    async orders(where: SQL | undefined, page: number, pageSize: number) {
      const [rows, [total]] = await Promise.all([
        db
          .select({
            o: voucherServiceOrders,
            // Written out in full: drizzle leaves columns unqualified in one-table selects, and an
            // unqualified "id" inside these subqueries would mean the subquery's own table.
            providerName: sql<string>`(select x.name from organisations x where x.id = voucher_service_orders.provider_organisation_id)`,
            enterpriseName: sql<string>`(select x.name from organisations x where x.id = voucher_service_orders.enterprise_organisation_id)`,
            reservationId: sql<
              string | null
            >`(select r.id::text from voucher_reservations r where r.subject_type = 'service_order'
              and r.subject_id = voucher_service_orders.id and r.status in ('held', 'redeemed'))`,
          })
          .from(voucherServiceOrders)
          .where(where)
          .orderBy(desc(voucherServiceOrders.orderedAt), voucherServiceOrders.id)
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        db.select({ n: count() }).from(voucherServiceOrders).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
  };
}
export type QuotaRepository = ReturnType<typeof createQuotaRepository>;
