import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { instruments } from '../instruments/instrument.table.js';
import { organisations } from '../organisations/organisation.table.js';

/**
 * A power sensor. Its id is also its MQTT client id and username. Only a SHA-256 of the password is
 * kept. `organisation_id`/`region_code` follow the instrument it is fitted to, for access checks.
 * At most one active device per instrument: two sensors on one instrument would count its hours twice.
 */
export const devices = pgTable(
  'devices',
  {
    id: varchar('id', { length: 32 }).primaryKey(),
    label: text('label'),
    status: text('status').notNull().default('active'),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => instruments.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    secretHash: varchar('secret_hash', { length: 64 }).notNull(),
    credentialsIssuedAt: timestamp('credentials_issued_at', { withTimezone: true }).notNull(),
    online: boolean('online').notNull().default(false),
    firmware: text('firmware'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    errorCount: integer('error_count').notNull().default(0),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    retiredReason: text('retired_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('devices_active_instrument_key').on(t.instrumentId).where(sql`${t.status} = 'active'`),
    index('devices_org_idx').on(t.organisationId),
    index('devices_region_idx').on(t.regionCode),
  ],
);

/** Which instrument a device was fitted to and when; the open row (to_at null) is the current one. */
export const deviceFittings = pgTable(
  'device_fittings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deviceId: varchar('device_id', { length: 32 })
      .notNull()
      .references(() => devices.id),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => instruments.id),
    fromAt: timestamp('from_at', { withTimezone: true }).notNull(),
    toAt: timestamp('to_at', { withTimezone: true }),
    reason: text('reason'),
    actorUserId: uuid('actor_user_id'),
  },
  (t) => [
    index('device_fittings_device_idx').on(t.deviceId, t.fromAt),
    index('device_fittings_instrument_idx').on(t.instrumentId, t.fromAt),
  ],
);

/**
 * Rejections per device and reason (dead letters, refused connects, foreign topics): a counter,
 * not a row per event, so a misbehaving sensor cannot grow the table. The messages themselves are
 * in the telemetry dead-letter store.
 */
export const deviceErrorCounts = pgTable(
  'device_error_counts',
  {
    deviceId: varchar('device_id', { length: 32 })
      .notNull()
      .references(() => devices.id),
    reason: varchar('reason', { length: 64 }).notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    lastDetail: text('last_detail'),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.reason] })],
);
