import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/organisation.table.js';
import { voucherProgrammes, voucherProviders } from './programme.table.js';

/** An enterprise's application for voucher quota (申领). */
export const voucherQuotaApplications = pgTable(
  'voucher_quota_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    approvedFen: bigint('approved_fen', { mode: 'number' }),
    purpose: text('purpose').notNull(),
    status: text('status').notNull(),
    appliedBy: uuid('applied_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    quotaId: uuid('quota_id'),
  },
  (t) => [
    // One application under review per enterprise and programme.
    uniqueIndex('voucher_quota_applications_pending_key')
      .on(t.programmeId, t.organisationId)
      .where(sql`status = 'submitted'`),
    index('voucher_quota_applications_org_idx').on(t.organisationId),
  ],
);

/**
 * An issued quota: the voucher. `issued_fen` is the fact of issuance (the amount of its one issue
 * posting); every balance is a sum of ledger postings, never a column here.
 */
export const voucherQuotas = pgTable(
  'voucher_quotas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    programmeVersion: integer('programme_version').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    applicationId: uuid('application_id').references(() => voucherQuotaApplications.id),
    issuedFen: bigint('issued_fen', { mode: 'number' }).notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    validFrom: date('valid_from').notNull(),
    /** The end of the validity period: the start of the day after validUntil, Shanghai time. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    status: text('status').notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull(),
    /** When the enterprise was told its unused balance expires soon (once per voucher). */
    expiryRemindedAt: timestamp('expiry_reminded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('voucher_quotas_application_key').on(t.applicationId),
    index('voucher_quotas_org_idx').on(t.organisationId),
    index('voucher_quotas_programme_idx').on(t.programmeId, t.status),
  ],
);

/**
 * A voucher amount reserved for one booking or service order. At most one live (held or redeemed)
 * reservation per subject; `idempotency_key` makes a retried request return the first reservation.
 */
export const voucherReservations = pgTable(
  'voucher_reservations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    quotaId: uuid('quota_id')
      .notNull()
      .references(() => voucherQuotas.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    /** The programme settings version the split was computed under. */
    programmeVersion: integer('programme_version').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    serviceKind: text('service_kind').notNull(),
    enterpriseOrganisationId: uuid('enterprise_organisation_id')
      .notNull()
      .references(() => organisations.id),
    providerOrganisationId: uuid('provider_organisation_id')
      .notNull()
      .references(() => organisations.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => voucherProviders.id),
    subjectName: text('subject_name').notNull(),
    serviceStart: timestamp('service_start', { withTimezone: true }).notNull(),
    feeFen: bigint('fee_fen', { mode: 'number' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    status: text('status').notNull(),
    idempotencyKey: text('idempotency_key'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    releaseReason: text('release_reason'),
  },
  (t) => [
    uniqueIndex('voucher_reservations_live_subject_key')
      .on(t.subjectType, t.subjectId)
      .where(sql`status in ('held', 'redeemed')`),
    uniqueIndex('voucher_reservations_idempotency_key').on(t.idempotencyKey),
    index('voucher_reservations_quota_idx').on(t.quotaId, t.status),
    index('voucher_reservations_provider_idx').on(t.providerOrganisationId, t.status),
    index('voucher_reservations_enterprise_idx').on(t.enterpriseOrganisationId, t.serviceStart),
  ],
);

/** An order for one of a provider's published (non-instrument) services: testing or technology services. */
export const voucherServiceOrders = pgTable(
  'voucher_service_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => voucherProviders.id),
    providerOrganisationId: uuid('provider_organisation_id')
      .notNull()
      .references(() => organisations.id),
    enterpriseOrganisationId: uuid('enterprise_organisation_id')
      .notNull()
      .references(() => organisations.id),
    serviceKey: text('service_key').notNull(),
    serviceName: text('service_name').notNull(),
    kind: text('kind').notNull(),
    unit: text('unit').notNull(),
    quantity: integer('quantity').notNull(),
    /** Published unit fee × quantity when ordered. */
    publishedFeeFen: bigint('published_fee_fen', { mode: 'number' }).notNull(),
    feeFen: bigint('fee_fen', { mode: 'number' }),
    status: text('status').notNull(),
    orderedBy: uuid('ordered_by').notNull(),
    orderedAt: timestamp('ordered_at', { withTimezone: true }).notNull(),
    deliveredOn: date('delivered_on'),
    report: text('report'),
    note: text('note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('voucher_service_orders_provider_idx').on(t.providerOrganisationId, t.status),
    index('voucher_service_orders_enterprise_idx').on(t.enterpriseOrganisationId, t.status),
  ],
);
