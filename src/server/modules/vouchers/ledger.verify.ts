import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { rowsOf } from './voucher.common.js';

export interface LedgerProblem {
  kind: string;
  ref: string;
  detail: string;
}

const MAX_PROBLEMS = 100;

/**
 * Proves the voucher books balance: the sum of every posting of every account is zero; every
 * journal entry balances and has at least two lines; no voucher, reservation or provider account
 * is negative; and each voucher's balances equal its postings as the domain records them (issued
 * amount = its issue posting, reserved balance = its held reservations, redeemed = its claims).
 * Aggregation runs in the database and vouchers are walked in keyset pages, so memory stays
 * constant however large the ledger grows.
 */
export async function verifyLedger(db: Db, opts: { pageSize?: number } = {}) {
  const pageSize = opts.pageSize ?? 500;
  const problems: LedgerProblem[] = [];
  const add = (p: LedgerProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const [totals] = rowsOf<{ total: string; postings: number; journals: number }>(
    await db.execute(sql`
      select coalesce(sum(amount_fen), 0)::text as total, count(*)::int as postings,
        (select count(*)::int from voucher_journal) as journals
      from voucher_postings`),
  );
  const totalFen = Number(totals?.total ?? 0);
  if (totalFen !== 0)
    add({ kind: 'books_unbalanced', ref: 'all', detail: `sum of all postings is ${totalFen}, not 0` });
  for (const r of rowsOf<{ id: number; s: string; n: number }>(
    await db.execute(sql`
      select j.id, coalesce(sum(p.amount_fen), 0)::text as s, count(p.id)::int as n
      from voucher_journal j left join voucher_postings p on p.journal_id = j.id
      group by j.id having coalesce(sum(p.amount_fen), 0) <> 0 or count(p.id) < 2
      order by j.id limit ${MAX_PROBLEMS}`),
  ))
    add({ kind: 'journal_unbalanced', ref: String(r.id), detail: `${r.n} postings summing to ${r.s}` });
  for (const r of rowsOf<{ account: string; s: string }>(
    await db.execute(sql`
      select account, sum(amount_fen)::text as s from voucher_postings
      where account like 'available:%' or account like 'reserved:%' or account like 'payable:%' or account like 'receivable:%'
      group by account having sum(amount_fen) < 0 order by account limit ${MAX_PROBLEMS}`),
  ))
    add({ kind: 'negative_balance', ref: r.account, detail: `balance ${r.s}` });

  let quotas = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = rowsOf<Record<string, string>>(
      await db.execute(sql`
        with q as (select id, issued_fen, status from voucher_quotas where id > ${after}::uuid order by id limit ${pageSize})
        select q.id::text as id, q.issued_fen::text as issued, q.status,
          (select coalesce(sum(p.amount_fen), 0) from voucher_postings p join voucher_journal j on j.id = p.journal_id
            where p.account = 'available:' || q.id and j.kind = 'issue')::text as issue_posted,
          (select coalesce(sum(amount_fen), 0) from voucher_postings where account = 'available:' || q.id)::text as available,
          (select coalesce(sum(amount_fen), 0) from voucher_postings where account = 'reserved:' || q.id)::text as reserved,
          (select coalesce(sum(amount_fen), 0) from voucher_reservations r where r.quota_id = q.id and r.status = 'held')::text as held,
          (select coalesce(-sum(p.amount_fen), 0) from voucher_postings p join voucher_journal j on j.id = p.journal_id
            where p.account = 'reserved:' || q.id and j.kind = 'redeem')::text as redeemed,
          (select coalesce(sum(c.voucher_fen), 0) from voucher_claims c
            where c.quota_id = q.id and c.status in ('approved', 'settled', 'voided'))::text as claimed
        from q order by q.id`),
    );
    if (page.length === 0) break;
    for (const r of page) {
      const id = r.id as string;
      if (r.issued !== r.issue_posted)
        add({ kind: 'issue_mismatch', ref: id, detail: `issued ${r.issued}, issue postings ${r.issue_posted}` });
      if (r.reserved !== r.held)
        add({
          kind: 'reserved_mismatch',
          ref: id,
          detail: `reserved balance ${r.reserved}, held reservations ${r.held}`,
        });
      if (r.redeemed !== r.claimed)
        add({
          kind: 'redeemed_mismatch',
          ref: id,
          detail: `redeem postings ${r.redeemed}, redeemed claims ${r.claimed}`,
        });
      if (r.status !== 'active' && Number(r.available) !== 0)
        add({
          kind: 'closed_voucher_balance',
          ref: id,
          detail: `${r.status} voucher still has ${r.available} available`,
        });
    }
    quotas += page.length;
    after = page[page.length - 1]?.id as string;
  }
  return {
    ok: problems.length === 0,
    journals: totals?.journals ?? 0,
    postings: totals?.postings ?? 0,
    quotas,
    totalFen,
    problems,
  };
}
