import { AppError } from '../../lib/errors.js';
import { regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { type ChainCheck, createChainVerifier } from './audit.chain.js';
import type { AuditRepository } from './audit.repository.js';

export interface AuditQuery {
  q?: string;
  action?: string;
  actorUserId?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** Reading and verifying the audit trail; writing happens through appendAudit inside each change. */
export function createAuditService(deps: { audit: AuditRepository }) {
  const { audit } = deps;

  function scope(actor: Actor) {
    const prefixes = regionPrefixes(actor, 'audit.read');
    if (prefixes.length === 0) throw new AppError('FORBIDDEN');
    // Rows with no region (sign-ins of people without an organisation, system jobs) are shown to
    // province-level readers only, so a district auditor never sees another district's staff.
    return { regionPrefixes: prefixes, includeUnscoped: prefixes.some((p) => p.length <= 2) };
  }

  return {
    async list(actor: Actor, q: AuditQuery) {
      const { rows, total } = await audit.list(
        { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, ...scope(actor) },
        q.page,
        q.pageSize,
      );
      return {
        items: rows.map(({ row, actorName }) => ({
          id: row.id,
          at: row.at.toISOString(),
          actorUserId: row.actorUserId,
          actorName,
          actorOrgId: row.actorOrgId,
          action: row.action,
          targetType: row.targetType,
          targetId: row.targetId,
          regionCode: row.regionCode,
          summary: row.summary,
          requestId: row.requestId,
          ip: row.ip,
          hash: row.hash,
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async verify(actor?: Actor): Promise<ChainCheck> {
      if (actor) scope(actor);
      const verifier = createChainVerifier();
      for await (const row of audit.walk()) if (!verifier.add(row)) break;
      return verifier.result();
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
