import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  id: number;
  at: Date;
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  regionCode: string | null;
  summary: Record<string, unknown>;
  requestId: string | null;
  ip: string | null;
  prevHash: string;
}

/** The hash that links a row to its predecessor; every field a reader relies on is covered. */
export function auditHash(row: ChainedFields): string {
  const material = canonicalJson([
    row.id,
    row.at.toISOString(),
    row.actorUserId,
    row.actorOrgId,
    row.action,
    row.targetType,
    row.targetId,
    row.regionCode,
    row.summary,
    row.requestId,
    row.ip,
    row.prevHash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
  problem: string | null;
}

/**
 * Checks rows one at a time in id order, so a chain of any length is verified in constant memory.
 * Ids are dense (each append takes the previous id + 1 under a lock), so a deleted row shows up as
 * a gap even if the hashes around it were recomputed.
 */
export function createChainVerifier(start?: { id: number; hash: string }) {
  let prevHash = start?.hash ?? GENESIS_HASH;
  let expectedId = (start?.id ?? 0) + 1;
  let checked = 0;
  let broken: ChainCheck | null = null;
  return {
    /** Returns false once the chain is broken; later rows are not looked at. */
    add(row: ChainedFields & { hash: string }): boolean {
      if (broken) return false;
      const fail = (problem: string) => {
        broken = { ok: false, checked, firstBrokenId: row.id, problem };
        return false;
      };
      if (row.id !== expectedId) return fail(`gap: expected id ${expectedId}`);
      if (row.prevHash !== prevHash) return fail('previous-hash link broken');
      if (auditHash(row) !== row.hash) return fail('row content changed');
      prevHash = row.hash;
      expectedId++;
      checked++;
      return true;
    },
    result: (): ChainCheck => broken ?? { ok: true, checked, firstBrokenId: null, problem: null },
  };
}

export function verifyChain(
  rows: Iterable<ChainedFields & { hash: string }>,
  start?: { id: number; hash: string },
): ChainCheck {
  const v = createChainVerifier(start);
  for (const row of rows) if (!v.add(row)) break;
  return v.result();
}
