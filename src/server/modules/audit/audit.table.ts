import { bigint, index, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit trail (等保 3). A trigger (migration 0001) rejects UPDATE and
 * DELETE; each row's hash covers its content and the previous row's hash, so an edit made behind
 * the trigger's back breaks the chain and `npm run audit:verify` points at it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorOrgId: uuid('actor_org_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    /** Region the action concerns, so a region-scoped auditor sees exactly the rows below their region. */
    regionCode: varchar('region_code', { length: 6 }),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    requestId: text('request_id'),
    ip: text('ip'),
    prevHash: varchar('prev_hash', { length: 64 }).notNull(),
    hash: varchar('hash', { length: 64 }).notNull(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorUserId),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
    index('audit_log_action_idx').on(t.action),
    index('audit_log_region_idx').on(t.regionCode),
  ],
);
