import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The voucher ledger: double-entry and append-only (migration 0015 refuses UPDATE, DELETE and
 * TRUNCATE, and refuses at commit a journal entry whose postings do not sum to zero). A journal
 * entry is one movement (issue, reserve, release, redeem, settle, void, expire, clawback, recover);
 * its idempotency key is unique, so a retried request finds the entry already made and moves nothing.
 * The reference columns say what the movement is about, for movements lists and figures.
 */
export const voucherJournal = pgTable(
  'voucher_journal',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    programmeId: uuid('programme_id').notNull(),
    quotaId: uuid('quota_id'),
    enterpriseOrganisationId: uuid('enterprise_organisation_id'),
    providerOrganisationId: uuid('provider_organisation_id'),
    reservationId: uuid('reservation_id'),
    claimId: uuid('claim_id'),
    settlementId: uuid('settlement_id'),
    memo: text('memo'),
    actorUserId: uuid('actor_user_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('voucher_journal_idempotency_key').on(t.idempotencyKey),
    index('voucher_journal_quota_idx').on(t.quotaId, t.id),
    index('voucher_journal_programme_idx').on(t.programmeId, t.kind),
  ],
);

/**
 * One line of a journal entry: a signed amount on an account. Accounts (see ledger.rules.ts):
 * fund:<programme>, available:<quota>, reserved:<quota>, payable:<programme>:<provider>,
 * paid:<programme>, receivable:<programme>:<provider>.
 */
export const voucherPostings = pgTable(
  'voucher_postings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    journalId: bigint('journal_id', { mode: 'number' })
      .notNull()
      .references(() => voucherJournal.id),
    account: text('account').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  },
  (t) => [index('voucher_postings_account_idx').on(t.account), index('voucher_postings_journal_idx').on(t.journalId)],
);
