import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/organisation.table.js';
import { voucherProgrammes, voucherProviders } from './programme.table.js';
import { voucherQuotas, voucherReservations } from './quota.table.js';

/** One stored result of an automatic check; messages are formatted from the code when shown. */
export interface StoredCheck {
  check: string;
  outcome: 'pass' | 'fail' | 'flag' | 'manual';
  code: string | null;
  params: Record<string, string | number>;
  values: Record<string, number | string | boolean | null>;
}

/** The evidence the platform attached when the claim was filed (a snapshot: later data cannot change it). */
export interface StoredEvidence {
  bookingId: string | null;
  serviceRecordId: string | null;
  serviceOrderId: string | null;
  instrumentId: string | null;
  sensor: {
    from: string;
    to: string;
    workingMinutes: number;
    onMinutes: number;
    unknownMinutes: number;
    overlapShare: number;
  } | null;
  feeBasis: string;
}

/** A redemption claim (兑付申请) filed by the provider against one reservation. */
export const voucherClaims = pgTable(
  'voucher_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => voucherReservations.id),
    quotaId: uuid('quota_id')
      .notNull()
      .references(() => voucherQuotas.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => voucherProviders.id),
    providerOrganisationId: uuid('provider_organisation_id')
      .notNull()
      .references(() => organisations.id),
    enterpriseOrganisationId: uuid('enterprise_organisation_id')
      .notNull()
      .references(() => organisations.id),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    subjectName: text('subject_name').notNull(),
    serviceKind: text('service_kind').notNull(),
    serviceStart: timestamp('service_start', { withTimezone: true }).notNull(),
    serviceEnd: timestamp('service_end', { withTimezone: true }).notNull(),
    feeFen: bigint('fee_fen', { mode: 'number' }).notNull(),
    publishedFeeFen: bigint('published_fee_fen', { mode: 'number' }).notNull(),
    claimedMinutes: integer('claimed_minutes').notNull(),
    voucherFen: bigint('voucher_fen', { mode: 'number' }).notNull(),
    evidence: text('evidence').notNull(),
    workingMinutes: real('working_minutes'),
    flagged: boolean('flagged').notNull(),
    checks: jsonb('checks').$type<StoredCheck[]>().notNull(),
    evidenceSnapshot: jsonb('evidence_snapshot').$type<StoredEvidence>().notNull(),
    note: text('note'),
    status: text('status').notNull(),
    settlementId: uuid('settlement_id'),
    idempotencyKey: text('idempotency_key'),
    filedBy: uuid('filed_by').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('voucher_claims_reservation_key').on(t.reservationId),
    // The duplicate guard at the database: one claim that is not rejected per booking / service order.
    uniqueIndex('voucher_claims_live_subject_key').on(t.subjectType, t.subjectId).where(sql`status <> 'rejected'`),
    uniqueIndex('voucher_claims_idempotency_key').on(t.idempotencyKey),
    index('voucher_claims_status_idx').on(t.programmeId, t.status),
    index('voucher_claims_provider_idx').on(t.providerOrganisationId, t.status),
    index('voucher_claims_settlement_idx').on(t.settlementId),
  ],
);

/** A monthly settlement batch (结算批次) of one provider in one programme. */
export const voucherSettlements = pgTable(
  'voucher_settlements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    providerOrganisationId: uuid('provider_organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** YYYY-MM of the approvals it collects (Shanghai calendar). */
    month: text('month').notNull(),
    status: text('status').notNull(),
    paidOn: date('paid_on'),
    paymentRef: text('payment_ref'),
    paidTotalFen: bigint('paid_total_fen', { mode: 'number' }),
    paidBy: uuid('paid_by'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('voucher_settlements_month_key').on(t.programmeId, t.providerOrganisationId, t.month)],
);
