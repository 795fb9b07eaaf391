import { isWithin } from '../../../shared/regions/regions.js';
import type { ProgrammeRepository, ProgrammeWithSettings, ProviderRow } from './programme.repository.js';
import type { Exec } from './voucher.common.js';

/**
 * Whether a provider admitted under programme `admitting` accepts a voucher of programme `issuer`:
 * the same programme, or two programmes of a mutual acceptance agreement (通用通兑), each listing
 * the other's region among its partner regions. The issuer's rules (ratio, caps) govern the amount,
 * since the issuer pays.
 */
export function accepts(issuer: ProgrammeWithSettings, admitting: ProgrammeWithSettings): boolean {
  if (issuer.programme.id === admitting.programme.id) return true;
  return (
    issuer.settings.partnerRegionCodes.some((r) => isWithin(admitting.programme.regionCode, r)) &&
    admitting.settings.partnerRegionCodes.some((r) => isWithin(issuer.programme.regionCode, r))
  );
}

/** The admission under which the provider organisation accepts this voucher, preferring the issuer's own. */
export async function acceptingAdmission(
  exec: Exec,
  programmes: ProgrammeRepository,
  issuer: ProgrammeWithSettings,
  providerOrgId: string,
): Promise<ProviderRow | null> {
  const admissions = await programmes.acceptingAdmissions(exec, providerOrgId);
  admissions.sort(
    (a, b) => Number(b.programme.id === issuer.programme.id) - Number(a.programme.id === issuer.programme.id),
  );
  for (const a of admissions) {
    if (a.programme.status === 'draft') continue;
    const admitting = await programmes.withSettings(exec, a.programme.id);
    if (admitting && accepts(issuer, admitting)) return a.provider;
  }
  return null;
}

/** Regions whose admitted providers accept vouchers of this programme: its own, then mutual partners. */
export async function acceptedRegions(exec: Exec, programmes: ProgrammeRepository, issuer: ProgrammeWithSettings) {
  const out = [issuer.programme.regionCode];
  const { rows } = await programmes.list(undefined, 1, 500);
  for (const p of rows) {
    if (p.id === issuer.programme.id || p.status === 'draft') continue;
    const other = await programmes.withSettings(exec, p.id);
    if (other && accepts(issuer, other) && !out.includes(p.regionCode)) out.push(p.regionCode);
  }
  return out;
}
