import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import type { ProgrammeSettings, PublishedService, ServiceKind } from '../../../shared/api/vouchers.js';
import { organisations } from '../organisations/organisation.table.js';

/** A voucher programme (创新券项目) of one issuing region. Its rules live in versioned settings rows. */
export const voucherProgrammes = pgTable(
  'voucher_programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: varchar('code', { length: 40 }).notNull(),
    name: text('name').notNull(),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    description: text('description'),
    status: text('status').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('voucher_programmes_code_key').on(t.code),
    index('voucher_programmes_region_idx').on(t.regionCode),
  ],
);

/**
 * Settings of a programme, one row per version; the highest version applies to new decisions.
 * Quotas and reservations record the version they were made under, so old decisions stay explainable.
 */
export const voucherProgrammeVersions = pgTable(
  'voucher_programme_versions',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    version: integer('version').notNull(),
    settings: jsonb('settings').$type<ProgrammeSettings>().notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.version], name: 'voucher_programme_versions_pkey' })],
);

/**
 * Every status change of every voucher record (programme, provider, quota application, quota,
 * service order, claim, settlement batch): who, when, from → to, why.
 */
export const voucherEvents = pgTable(
  'voucher_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('voucher_events_entity_idx').on(t.entityType, t.entityId, t.id)],
);

/** A service provider's admission (入库) to a programme, with the services and fees it publishes. */
export const voucherProviders = pgTable(
  'voucher_providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status').notNull(),
    serviceKinds: jsonb('service_kinds').$type<ServiceKind[]>().notNull(),
    services: jsonb('services').$type<PublishedService[]>().notNull(),
    intro: text('intro').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: varchar('contact_phone', { length: 20 }).notNull(),
    appliedBy: uuid('applied_by').notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One live admission per organisation and programme; rejected and withdrawn ones stay as history.
    uniqueIndex('voucher_providers_live_key')
      .on(t.programmeId, t.organisationId)
      .where(sql`status in ('applied', 'admitted', 'suspended')`),
    index('voucher_providers_org_idx').on(t.organisationId),
  ],
);
