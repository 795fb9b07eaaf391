import {
  bigint,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { instruments } from '../instruments/instrument.table.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/**
 * Every rejected message or reading, with the stable reason code, kept so a manager can see why a
 * sensor's data is missing. Raw bytes are stored as received (they may not even be UTF-8).
 */
export const telemetryDeadLetters = pgTable(
  'telemetry_dead_letters',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deviceId: text('device_id'),
    instrumentId: uuid('instrument_id'),
    topic: text('topic').notNull(),
    payload: bytea('payload').notNull(),
    reason: text('reason').notNull(),
    detail: text('detail'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('telemetry_dead_letters_received_idx').on(t.receivedAt),
    index('telemetry_dead_letters_device_idx').on(t.deviceId, t.receivedAt),
  ],
);

/**
 * Per-instrument power levels, versioned: the newest version applies; older ones stay so any hour
 * can be traced to the levels that produced it. Absent rows mean the defaults in power.machine.ts.
 */
export const instrumentPowerLevels = pgTable(
  'instrument_power_levels',
  {
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => instruments.id),
    version: integer('version').notNull(),
    idleW: real('idle_w').notNull(),
    workingW: real('working_w').notNull(),
    hysteresisW: real('hysteresis_w').notNull(),
    onDelayS: integer('on_delay_s').notNull(),
    offDelayS: integer('off_delay_s').notNull(),
    offlineAfterS: integer('offline_after_s').notNull(),
    source: text('source').notNull().default('manual'),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.instrumentId, t.version] })],
);

/**
 * Closed power-state segments (off / idle / working / unknown) per instrument: one row per state
 * change, kept for good. Power-on time is idle + working. The open segment lives in power_derivation.
 */
export const powerIntervals = pgTable(
  'power_intervals',
  {
    instrumentId: uuid('instrument_id').notNull(),
    startAt: timestamp('start_at', { withTimezone: true, precision: 3 }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true, precision: 3 }).notNull(),
    state: text('state').notNull(),
  },
  // The primary key alone serves "segments overlapping a period" (intervals.sql.ts): an index on
  // end_at as well would cost each segment as much again to keep.
  (t) => [primaryKey({ columns: [t.instrumentId, t.startAt] })],
);

/** The live end of each instrument's derivation: the machine state and the open segment. */
export const powerDerivation = pgTable('power_derivation', {
  instrumentId: uuid('instrument_id').primaryKey(),
  state: text('state'),
  since: timestamp('since', { withTimezone: true, precision: 3 }),
  pendingState: text('pending_state'),
  pendingSince: timestamp('pending_since', { withTimezone: true, precision: 3 }),
  lastTs: timestamp('last_ts', { withTimezone: true, precision: 3 }),
  lastP: real('last_p'),
  deviceId: text('device_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Seconds per state per instrument per local day (TIMEZONE), from closed segments. */
export const powerDaily = pgTable(
  'power_daily',
  {
    instrumentId: uuid('instrument_id').notNull(),
    day: date('day').notNull(),
    onS: integer('on_s').notNull(),
    workingS: integer('working_s').notNull(),
    unknownS: integer('unknown_s').notNull(),
    offS: integer('off_s').notNull(),
  },
  (t) => [primaryKey({ columns: [t.instrumentId, t.day] }), index('power_daily_day_idx').on(t.day)],
);

/** The same per local month (first day of the month), so a year for a province reads 12 rows per instrument. */
export const powerMonthly = pgTable(
  'power_monthly',
  {
    instrumentId: uuid('instrument_id').notNull(),
    month: date('month').notNull(),
    onS: integer('on_s').notNull(),
    workingS: integer('working_s').notNull(),
    unknownS: integer('unknown_s').notNull(),
    offS: integer('off_s').notNull(),
  },
  (t) => [primaryKey({ columns: [t.instrumentId, t.month] }), index('power_monthly_month_idx').on(t.month)],
);
