import { and, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { ProgrammeSettings } from '../../../shared/api/vouchers.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { fullName, isWithin } from '../../../shared/regions/regions.js';
import { type OrganisationType, organisationTypeLabels } from '../../../shared/roles.js';
import { activeBlacklist } from '../challenges/application.common.js';
import type { organisations } from '../organisations/organisation.table.js';
import { shanghaiDay, shanghaiYear, yearBounds } from './coverage.js';
import type { ProgrammeRow } from './programme.repository.js';
import { voucherQuotaApplications, voucherQuotas } from './quota.table.js';
import { type Exec, rowsOf } from './voucher.common.js';

type Org = typeof organisations.$inferSelect;
export interface Reason {
  code: ErrorCode;
  params: Record<string, string | number>;
}

const typeNames = (types: readonly string[]) =>
  types.map((t) => organisationTypeLabels[t as OrganisationType]?.zh ?? t).join('、');

/** Whether the programme takes applications today (active, and today inside its validity). */
export function openReason(p: ProgrammeRow, s: ProgrammeSettings, now: Date): Reason | null {
  const today = shanghaiDay(now);
  if (p.status === 'active' && today >= s.validFrom && today <= s.validUntil) return null;
  return {
    code: 'VOUCHER_PROGRAMME_NOT_OPEN',
    params: { name: p.name, validFrom: s.validFrom, validUntil: s.validUntil },
  };
}

/** Paid 揭榜挂帅 subsidy tranches to the enterprise in the previous calendar year. */
async function fundedLastYear(exec: Exec, organisationId: string, now: Date): Promise<boolean> {
  const [from, to] = yearBounds(shanghaiYear(now) - 1);
  const [r] = rowsOf<{ n: number }>(
    await exec.execute(sql`
      select count(*)::int as n from challenge_subsidy_tranches t
      join challenge_contracts c on c.id = t.contract_id
      where c.buyer_organisation_id = ${organisationId} and t.kind = 'tranche' and t.status = 'paid'
        and t.paid_at >= ${from} and t.paid_at < ${to}`),
  );
  return (r?.n ?? 0) > 0;
}

/** Issued quota (not voided) this calendar year, and what pending applications ask for. */
export async function issuedThisYear(
  exec: Exec,
  programmeId: string,
  organisationId: string,
  now: Date,
  exceptApplicationId?: string,
) {
  const [from, to] = yearBounds(shanghaiYear(now));
  const [issued] = await exec
    .select({ s: sql<string>`coalesce(sum(${voucherQuotas.issuedFen}), 0)::text` })
    .from(voucherQuotas)
    .where(
      and(
        eq(voucherQuotas.programmeId, programmeId),
        eq(voucherQuotas.organisationId, organisationId),
        ne(voucherQuotas.status, 'voided'),
        gte(voucherQuotas.issuedAt, from),
        lt(voucherQuotas.issuedAt, to),
      ),
    );
  const [pending] = await exec
    .select({ s: sql<string>`coalesce(sum(${voucherQuotaApplications.amountFen}), 0)::text` })
    .from(voucherQuotaApplications)
    .where(
      and(
        eq(voucherQuotaApplications.programmeId, programmeId),
        eq(voucherQuotaApplications.organisationId, organisationId),
        inArray(voucherQuotaApplications.status, ['submitted']),
        exceptApplicationId ? ne(voucherQuotaApplications.id, exceptApplicationId) : undefined,
      ),
    );
  return { issuedFen: Number(issued?.s ?? 0), pendingFen: Number(pending?.s ?? 0) };
}

/**
 * Why an organisation may not hold quota of this programme now, one coded reason each (empty:
 * eligible), and how much it could still be issued this year.
 */
export async function eligibilityOf(
  exec: Exec,
  p: ProgrammeRow,
  s: ProgrammeSettings,
  org: Org,
  now: Date,
  exceptApplicationId?: string,
): Promise<{ reasons: Reason[]; remainingAnnualFen: number; issuedFen: number }> {
  const reasons: Reason[] = [];
  const open = openReason(p, s, now);
  if (open) reasons.push(open);
  if (org.status !== 'verified') reasons.push({ code: 'ORG_NOT_VERIFIED', params: {} });
  if (!(s.eligibleOrgTypes as string[]).includes(org.type))
    reasons.push({ code: 'VOUCHER_NOT_ELIGIBLE_TYPE', params: { types: typeNames(s.eligibleOrgTypes) } });
  if (!s.eligibleRegionCodes.some((r) => isWithin(org.regionCode, r)))
    reasons.push({
      code: 'VOUCHER_NOT_ELIGIBLE_REGION',
      params: { region: fullName(org.regionCode) ?? org.regionCode },
    });
  if (s.excludedCreditCodes.includes(org.creditCode)) reasons.push({ code: 'VOUCHER_EXCLUDED_LISTED', params: {} });
  if (s.excludeFundedLastYear && (await fundedLastYear(exec, org.id, now)))
    reasons.push({ code: 'VOUCHER_EXCLUDED_FUNDED', params: { year: shanghaiYear(now) - 1 } });
  const [black] = await activeBlacklist(exec, [org.id], now);
  if (black)
    reasons.push({
      code: 'VOUCHER_ORG_BLACKLISTED',
      params: { name: black.name, until: black.expiresAt ? shanghaiDay(black.expiresAt) : '长期 / indefinitely' },
    });
  const { issuedFen, pendingFen } = await issuedThisYear(exec, p.id, org.id, now, exceptApplicationId);
  return { reasons, remainingAnnualFen: Math.max(0, s.annualCapFen - issuedFen - pendingFen), issuedFen };
}

export { typeNames };
