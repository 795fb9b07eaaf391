import { and, eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import { isWithin } from '../../../shared/regions/regions.js';
import type { Db } from '../../db/client.js';
import { organisations } from '../organisations/organisation.table.js';
import { challengeApplicationParties, challengeContracts, challengeSubsidyTranches } from './applications.table.js';
import { challengeBatches, challengeLists } from './challenges.table.js';

/** The shape agreed with the challenges funnel (funnel.service.ts spreads it into its counts). */
export interface ApplicationFunnelCounts {
  /** Distinct organisations in any application (lead or consortium member). */
  applicantOrgs: number;
  /** Of those, inside the region of the batch they applied in. */
  applicantOrgsLocal: number;
  applicantOrgsExternal: number;
  /** Registered (or registered then changed) technology contracts. */
  contractsRegistered: number;
  /** Net subsidy paid: paid tranches less recovered claw-backs, in fen. */
  subsidyPaidFen: number;
  /** Paid tranches. */
  subsidyPaidCount: number;
}

/**
 * The funnel stages that come from applications, contracts and subsidy, for one batch or all, and
 * optionally within a region (the lists' region, `like prefix%`) or some innovation directions.
 * Called by the challenges funnel.
 */
export async function applicationFunnelCounts(
  db: Db,
  filter: { batchId?: string; regionPrefix?: string; directionIds?: string[] } = {},
): Promise<ApplicationFunnelCounts> {
  const conds: SQL[] = [];
  if (filter.batchId) conds.push(eq(challengeLists.batchId, filter.batchId));
  if (filter.directionIds) conds.push(inArray(challengeLists.directionId, filter.directionIds));
  if (filter.regionPrefix) conds.push(like(challengeLists.regionCode, `${filter.regionPrefix}%`));
  const where = conds.length ? and(...conds) : undefined;

  const [parties, registered, paid] = await Promise.all([
    db
      .selectDistinct({
        organisationId: organisations.id,
        orgRegion: organisations.regionCode,
        batchRegion: challengeBatches.regionCode,
      })
      .from(challengeApplicationParties)
      .innerJoin(challengeLists, eq(challengeLists.id, challengeApplicationParties.listId))
      .innerJoin(challengeBatches, eq(challengeBatches.id, challengeLists.batchId))
      .innerJoin(organisations, eq(organisations.id, challengeApplicationParties.organisationId))
      .where(where),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(challengeContracts)
      .innerJoin(challengeLists, eq(challengeLists.id, challengeContracts.listId))
      .where(and(inArray(challengeContracts.status, ['registered', 'changed']), ...(where ? [where] : []))),
    db
      .select({
        fen: sql<string>`coalesce(sum(${challengeSubsidyTranches.amountFen}), 0)`,
        n: sql<number>`(count(*) filter (where ${challengeSubsidyTranches.kind} = 'tranche'))::int`,
      })
      .from(challengeSubsidyTranches)
      .innerJoin(challengeContracts, eq(challengeContracts.id, challengeSubsidyTranches.contractId))
      .innerJoin(challengeLists, eq(challengeLists.id, challengeContracts.listId))
      .where(
        and(
          or(
            and(eq(challengeSubsidyTranches.kind, 'tranche'), eq(challengeSubsidyTranches.status, 'paid')),
            and(eq(challengeSubsidyTranches.kind, 'clawback'), eq(challengeSubsidyTranches.status, 'recovered')),
          ),
          ...(where ? [where] : []),
        ),
      ),
  ]);
  const local = new Set<string>();
  const all = new Set<string>();
  for (const p of parties) {
    all.add(p.organisationId);
    if (isWithin(p.orgRegion, p.batchRegion)) local.add(p.organisationId);
  }
  return {
    applicantOrgs: all.size,
    applicantOrgsLocal: local.size,
    applicantOrgsExternal: all.size - local.size,
    contractsRegistered: registered[0]?.n ?? 0,
    subsidyPaidFen: Number(paid[0]?.fen ?? 0),
    subsidyPaidCount: paid[0]?.n ?? 0,
  };
}
