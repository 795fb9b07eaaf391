import { jsonb, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * Settings a region may set for itself (e.g. the instrument listing threshold). A region without
 * its own value inherits the nearest ancestor's; '000000' holds the national default.
 */
export const regionSettings = pgTable(
  'region_settings',
  {
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    key: text('key').notNull(),
    value: jsonb('value').$type<unknown>().notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.key], name: 'region_settings_pkey' })],
);
