import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { account, isBalanced, type JournalKind, type Line } from './ledger.rules.js';
import { voucherJournal, voucherPostings } from './ledger.table.js';

type Exec = Db | Tx;
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

export interface JournalEntry {
  kind: JournalKind;
  /** Unique: posting the same key twice moves nothing the second time. */
  key: string;
  programmeId: string;
  quotaId?: string | null;
  enterpriseOrganisationId?: string | null;
  providerOrganisationId?: string | null;
  reservationId?: string | null;
  claimId?: string | null;
  settlementId?: string | null;
  memo?: string | null;
  actorUserId?: string | null;
  at: Date;
  lines: Line[];
}

export interface QuotaBalances {
  availableFen: number;
  reservedFen: number;
}

/** The ledger: append-only journal entries with their postings; balances are sums of postings. */
export function createLedgerRepository(db: Db) {
  return {
    /**
     * Appends one journal entry with its lines, unless an entry with the same idempotency key
     * exists: then nothing is written and `replayed` is true. A concurrent insert of the same key
     * waits for the first transaction and then finds it (ON CONFLICT DO NOTHING), never an error.
     */
    async post(tx: Tx, e: JournalEntry): Promise<{ journalId: number; replayed: boolean }> {
      if (!isBalanced(e.lines)) throw new Error(`unbalanced ${e.kind} entry ${e.key}`);
      const [j] = await tx
        .insert(voucherJournal)
        .values({
          kind: e.kind,
          idempotencyKey: e.key,
          programmeId: e.programmeId,
          quotaId: e.quotaId ?? null,
          enterpriseOrganisationId: e.enterpriseOrganisationId ?? null,
          providerOrganisationId: e.providerOrganisationId ?? null,
          reservationId: e.reservationId ?? null,
          claimId: e.claimId ?? null,
          settlementId: e.settlementId ?? null,
          memo: e.memo ?? null,
          actorUserId: e.actorUserId ?? null,
          at: e.at,
        })
        .onConflictDoNothing({ target: voucherJournal.idempotencyKey })
        .returning({ id: voucherJournal.id });
      if (!j) {
        const [existing] = await tx
          .select({ id: voucherJournal.id })
          .from(voucherJournal)
          .where(eq(voucherJournal.idempotencyKey, e.key));
        return { journalId: existing?.id ?? 0, replayed: true };
      }
      await tx.insert(voucherPostings).values(e.lines.map((l) => ({ journalId: j.id, ...l })));
      return { journalId: j.id, replayed: false };
    },

    async balance(exec: Exec, acct: string): Promise<number> {
      const [r] = rowsOf<{ s: string | null }>(
        await exec.execute(sql`select sum(amount_fen)::text as s from voucher_postings where account = ${acct}`),
      );
      return Number(r?.s ?? 0);
    },

    /** Available and reserved balances of one voucher. */
    async quotaBalances(exec: Exec, quotaId: string): Promise<QuotaBalances> {
      const [r] = rowsOf<{ a: string | null; r: string | null }>(
        await exec.execute(sql`
          select sum(amount_fen) filter (where account = ${account.available(quotaId)})::text as a,
                 sum(amount_fen) filter (where account = ${account.reserved(quotaId)})::text as r
          from voucher_postings where account in (${account.available(quotaId)}, ${account.reserved(quotaId)})`),
      );
      return { availableFen: Number(r?.a ?? 0), reservedFen: Number(r?.r ?? 0) };
    },

    /**
     * Balances and flows of many vouchers at once, from their journal entries: issued, available,
     * reserved, and what left them by redemption, expiry and voiding.
     */
    async quotaFigures(exec: Exec, quotaIds: string[]) {
      if (quotaIds.length === 0) return new Map<string, Record<string, number>>();
      const rows = rowsOf<Record<string, string>>(
        await exec.execute(sql`
          select j.quota_id::text as quota_id,
            coalesce(sum(p.amount_fen) filter (where j.kind = 'issue' and p.account like 'available:%'), 0)::text as issued,
            coalesce(sum(p.amount_fen) filter (where p.account like 'available:%'), 0)::text as available,
            coalesce(sum(p.amount_fen) filter (where p.account like 'reserved:%'), 0)::text as reserved,
            coalesce(-sum(p.amount_fen) filter (where j.kind = 'redeem' and p.account like 'reserved:%'), 0)::text as redeemed,
            coalesce(-sum(p.amount_fen) filter (where j.kind = 'expire' and (p.account like 'available:%' or p.account like 'reserved:%')), 0)::text as expired,
            coalesce(-sum(p.amount_fen) filter (where j.kind = 'void' and (p.account like 'available:%' or p.account like 'reserved:%')), 0)::text as voided
          from voucher_journal j join voucher_postings p on p.journal_id = j.id
          where j.quota_id = any(${sql.param(quotaIds)}::uuid[])
            and (p.account like 'available:%' or p.account like 'reserved:%')
          group by j.quota_id`),
      );
      return new Map(
        rows.map((r) => [
          r.quota_id as string,
          {
            issuedFen: Number(r.issued),
            availableFen: Number(r.available),
            reservedFen: Number(r.reserved),
            redeemedFen: Number(r.redeemed),
            expiredFen: Number(r.expired),
            voidedFen: Number(r.voided),
          },
        ]),
      );
    },

    /** Every movement of a voucher, newest first, with running balances after each. */
    async movements(quotaId: string, page: number, pageSize: number) {
      const avail = account.available(quotaId);
      const res = account.reserved(quotaId);
      const rows = rowsOf<Record<string, unknown>>(
        await db.execute(sql`
          with m as (
            select j.id, j.kind, j.at, j.memo, j.reservation_id::text as reservation_id, j.claim_id::text as claim_id,
              coalesce(sum(p.amount_fen) filter (where p.account = ${avail}), 0) as da,
              coalesce(sum(p.amount_fen) filter (where p.account = ${res}), 0) as dr
            from voucher_journal j left join voucher_postings p on p.journal_id = j.id
            where j.quota_id = ${quotaId}
            group by j.id
          )
          select m.*, (sum(da) over w)::text as after_a, (sum(dr) over w)::text as after_r,
            r.subject_type, r.subject_id::text as subject_id
          from m left join voucher_reservations r on r.id = m.reservation_id::uuid
          window w as (order by m.id rows between unbounded preceding and current row)
          order by m.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`),
      );
      const [total] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(voucherJournal)
        .where(and(eq(voucherJournal.quotaId, quotaId)));
      return {
        total: total?.n ?? 0,
        items: rows.map((r) => ({
          id: Number(r.id),
          kind: r.kind as JournalKind,
          at: new Date(r.at as string).toISOString(),
          availableDeltaFen: Number(r.da),
          reservedDeltaFen: Number(r.dr),
          availableAfterFen: Number(r.after_a),
          reservedAfterFen: Number(r.after_r),
          memo: (r.memo as string | null) ?? null,
          reservationId: (r.reservation_id as string | null) ?? null,
          claimId: (r.claim_id as string | null) ?? null,
          bookingId: r.subject_type === 'booking' ? (r.subject_id as string) : null,
          serviceOrderId: r.subject_type === 'service_order' ? (r.subject_id as string) : null,
        })),
      };
    },
  };
}
export type LedgerRepository = ReturnType<typeof createLedgerRepository>;
