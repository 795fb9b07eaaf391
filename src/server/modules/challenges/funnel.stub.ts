import type { Db } from '../../db/client.js';

/** The funnel stages the applications side (chalapply) owns. */
export interface ApplicationFunnelCounts {
  applicantOrgs: number;
  applicantOrgsLocal: number;
  applicantOrgsExternal: number;
  contractsRegistered: number;
  subsidyPaidFen: number;
  subsidyPaidCount: number;
}

/**
 * Stand-in with the agreed signature until chalapply's `funnel.apply.ts` is merged; then
 * `funnel.service.ts` imports the real one and this file is deleted. `regionPrefix` filters by the
 * list's region (where the issuing enterprise is), like every other funnel stage.
 */
export async function applicationFunnelCounts(
  _db: Db,
  _opts: { batchId?: string; regionPrefix?: string },
): Promise<ApplicationFunnelCounts> {
  return {
    applicantOrgs: 0,
    applicantOrgsLocal: 0,
    applicantOrgsExternal: 0,
    contractsRegistered: 0,
    subsidyPaidFen: 0,
    subsidyPaidCount: 0,
  };
}
