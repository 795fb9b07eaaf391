import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tstzrange } from '../../db/types.js';
import { users } from '../identity/user.table.js';
import { instruments } from '../instruments/instrument.table.js';
import { organisations } from '../organisations/organisation.table.js';

/**
 * A booking of an instrument. `slot` is the booked interval widened by the instrument's buffer;
 * the exclusion constraint `bookings_no_overlap` (migration 0004) forbids two active bookings of one
 * instrument whose slots overlap, so double booking is impossible whatever the application does.
 */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => instruments.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    mode: text('mode').notNull(),
    status: text('status').notNull(),
    startAt: timestamp('start_at', { withTimezone: true }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true }).notNull(),
    slot: tstzrange('slot').notNull(),
    purpose: text('purpose'),
    sampleCount: integer('sample_count'),
    estimatedFeeFen: bigint('estimated_fee_fen', { mode: 'number' }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    cancelledLate: boolean('cancelled_late').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('bookings_instrument_start_idx').on(t.instrumentId, t.startAt),
    index('bookings_user_idx').on(t.userId),
    index('bookings_status_idx').on(t.status),
  ],
);

export const bookingEvents = pgTable(
  'booking_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('booking_events_booking_idx').on(t.bookingId, t.id)],
);

/**
 * A service actually delivered: the hours that count as 有效机时 (preparation + measurement +
 * post-processing), samples, the fee charged, and whether the user is outside the owner's legal
 * entity (对外服务). Append-only: corrections are new rows, so hours are always sums of records.
 */
export const serviceRecords = pgTable(
  'service_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => instruments.id),
    bookingId: uuid('booking_id').references(() => bookings.id),
    userOrganisationId: uuid('user_organisation_id')
      .notNull()
      .references(() => organisations.id),
    external: boolean('external').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    prepMinutes: integer('prep_minutes').notNull(),
    measureMinutes: integer('measure_minutes').notNull(),
    postMinutes: integer('post_minutes').notNull(),
    samples: integer('samples').notNull().default(0),
    feeFen: bigint('fee_fen', { mode: 'number' }).notNull(),
    rating: smallint('rating'),
    comment: text('comment'),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('service_records_instrument_idx').on(t.instrumentId, t.startedAt),
    uniqueIndex('service_records_booking_key').on(t.bookingId),
  ],
);
