import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    creditCode: varchar('credit_code', { length: 18 }).notNull().unique('organisations_credit_code_key'),
    /** False when a bureau admin registered a pilot-era code that fails the GB 32100 checksum. */
    creditCodeChecked: boolean('credit_code_checked').notNull().default(true),
    creditCodeOverrideReason: text('credit_code_override_reason'),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    type: text('type').notNull(),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    address: text('address'),
    status: text('status').notNull().default('registered'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: uuid('verified_by'),
    /**
     * The declared actual controller (实际控制人): voucher claims between organisations with one
     * controller are related-party transactions, and annual voucher caps may apply per controller.
     * The key is an organisation's credit code or a `sha256:` digest of a person's ID number.
     */
    controllerName: text('controller_name'),
    controllerKind: text('controller_kind'),
    controllerKey: text('controller_key'),
    controllerMasked: text('controller_masked'),
    controllerDeclaredAt: timestamp('controller_declared_at', { withTimezone: true }),
  },
  (t) => [
    index('organisations_controller_idx').on(t.controllerKey),
    index('organisations_region_idx').on(t.regionCode),
    index('organisations_status_idx').on(t.status),
    index('organisations_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

/** Every status change of an organisation: who, when, from → to, why. */
export const organisationEvents = pgTable(
  'organisation_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('organisation_events_org_idx').on(t.organisationId, t.id)],
);
