import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { bytea, tsvector, xid8 } from '../../db/types.js';
import { users } from '../identity/user.table.js';
import { organisations } from '../organisations/organisation.table.js';

/** One shared instrument, with the national open-sharing data elements. Money in fen. */
export const instruments = pgTable(
  'instruments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The finance asset number (所在单位内部编号): the key that ties the listing to its asset card. */
    assetNo: varchar('asset_no', { length: 64 }).notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    classCode: varchar('class_code', { length: 6 }).notNull(),
    originalValueFen: bigint('original_value_fen', { mode: 'number' }).notNull(),
    manufacturer: text('manufacturer'),
    country: varchar('country', { length: 3 }),
    model: text('model'),
    specs: text('specs'),
    functions: text('functions'),
    serviceContent: text('service_content'),
    feePerHourFen: integer('fee_per_hour_fen'),
    feePerSampleFen: integer('fee_per_sample_fen'),
    feeNotes: text('fee_notes'),
    openRules: text('open_rules'),
    /** Booking rules (src/shared/booking-rules.ts), validated on write. */
    bookingRules: jsonb('booking_rules').$type<Record<string, unknown>>().notNull(),
    location: text('location'),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    contactName: text('contact_name'),
    contactPhone: varchar('contact_phone', { length: 20 }),
    /** Published on the instrument page as given (validated by the API schema, at most 254 characters). */
    contactEmail: varchar('contact_email', { length: 254 }),
    status: text('status').notNull().default('normal'),
    shareMode: text('share_mode').notNull().default('external'),
    purpose: text('purpose').notNull().default('general'),
    purchaseDate: date('purchase_date'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** jieba-segmented name, class, maker, model, specs and functions, weighted A–D. */
    searchVector: tsvector('search_vector'),
    /**
     * The transaction that last wrote the row (set on insert by default, on update by a trigger,
     * migration 0014): the in-memory catalogue index reloads exactly the rows written since it last
     * looked, whichever process wrote them.
     */
    writeXid: xid8('write_xid').notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [
    uniqueIndex('instruments_org_asset_key').on(t.organisationId, t.assetNo),
    index('instruments_region_idx').on(t.regionCode),
    index('instruments_class_idx').on(t.classCode),
    index('instruments_search_idx').using('gin', t.searchVector),
    index('instruments_write_xid_idx').on(t.writeXid, t.id),
    index('instruments_name_trgm_idx').using('gin', sql`${t.nameZh} gin_trgm_ops`),
  ],
);

/** Training records that qualify a user to operate an instrument themselves (自主上机), until a date. */
export const qualifications = pgTable(
  'qualifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => instruments.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    grantedBy: uuid('granted_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** 'supervised' (operates with staff present) | 'independent' | 'trainer' (may train others). */
    level: text('level').notNull().default('independent'),
    note: text('note'),
    renewedAt: timestamp('renewed_at', { withTimezone: true }),
    /** Revoked records stay for the history; only unrevoked ones qualify. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    index('qualifications_user_instrument_idx').on(t.userId, t.instrumentId),
    // One live record per user and instrument: renewing extends it rather than stacking grants.
    uniqueIndex('qualifications_live_key').on(t.instrumentId, t.userId).where(sql`revoked_at is null`),
  ],
);

/**
 * Photos of an instrument (NRII: jpg ≤ 1 MB), kept in the database so every instance serves them
 * and a backup holds them. The first by position is the cover the catalogue shows.
 */
export const instrumentPhotos = pgTable(
  'instrument_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => instruments.id),
    position: integer('position').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    bytes: bytea('bytes').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('instrument_photos_instrument_idx').on(t.instrumentId, t.position),
    uniqueIndex('instrument_photos_same_key').on(t.instrumentId, t.sha256),
  ],
);
