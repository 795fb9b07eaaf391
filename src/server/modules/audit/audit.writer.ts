import { desc, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { auditHash, GENESIS_HASH } from './audit.chain.js';
import { auditLog } from './audit.table.js';

/** Who did it and from where; built once per request by the HTTP layer. */
export interface RequestContext {
  actorUserId: string | null;
  actorOrgId: string | null;
  requestId: string | null;
  ip: string | null;
}

export const systemContext: RequestContext = { actorUserId: null, actorOrgId: null, requestId: null, ip: null };

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  regionCode?: string | null;
  summary?: Record<string, unknown>;
}

const AUDIT_LOCK_KEY = 7243002;

/**
 * Appends one audit row inside the caller's transaction, so the row exists exactly when the change
 * it describes commits. The transaction-scoped advisory lock serialises appenders: the chain must be
 * linear, and two writers reading the same tail would fork it.
 */
export async function appendAudit(tx: Tx, ctx: RequestContext, entry: AuditEntry, at: Date): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx
    .select({ id: auditLog.id, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1);
  const row = {
    id: (last?.id ?? 0) + 1,
    at: new Date(Math.floor(at.getTime())),
    actorUserId: ctx.actorUserId,
    actorOrgId: ctx.actorOrgId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    regionCode: entry.regionCode ?? null,
    summary: entry.summary ?? {},
    requestId: ctx.requestId,
    ip: ctx.ip,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditLog).values({ ...row, hash: auditHash(row) });
}
