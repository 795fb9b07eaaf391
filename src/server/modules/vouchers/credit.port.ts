import type { Tx } from '../../db/client.js';
import { challengeCreditRecords } from '../challenges/applications.table.js';

/**
 * Writes to the platform's credit record (信用记录, kept by the challenges module's table and shown
 * by its credit service): voucher fraud is a breach on the same record that blocks 揭榜 and voucher
 * admission when it becomes a blacklisting.
 */
export async function recordBreach(
  tx: Tx,
  e: { organisationId: string; reason: string; sourceType: string; sourceId: string; by: string | null; at: Date },
) {
  await tx.insert(challengeCreditRecords).values({
    organisationId: e.organisationId,
    kind: 'breach',
    reason: e.reason,
    sourceType: e.sourceType,
    sourceId: e.sourceId,
    startsAt: e.at,
    createdBy: e.by,
    createdAt: e.at,
  });
}
