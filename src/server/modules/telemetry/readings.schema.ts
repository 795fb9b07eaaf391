import { bigint, pgTable, real, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Raw readings, for typed reads only. The table is range-partitioned by `ts` (one partition per
 * UTC day) and created by a hand-written migration, which drizzle-kit cannot express; this file
 * deliberately does not match `*.table.ts`, so drizzle-kit leaves it alone.
 */
export const telemetryReadings = pgTable('telemetry_readings', {
  deviceId: text('device_id').notNull(),
  instrumentId: uuid('instrument_id').notNull(),
  ts: timestamp('ts', { withTimezone: true, precision: 3 }).notNull(),
  p: real('p').notNull(),
  pMin: real('p_min'),
  pMax: real('p_max'),
  win: smallint('win').notNull(),
  seq: bigint('seq', { mode: 'number' }),
  onSec: bigint('on_sec', { mode: 'number' }),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});
