import { isWithin, scopePrefix } from '../../../shared/regions/regions.js';
import type { BureauRole } from '../../../shared/roles.js';
import type { Actor } from './actor.js';

export const actions = [
  'organisation.read',
  'organisation.update',
  'organisation.review',
  'organisation.list',
  'organisation.create',
  'member.read',
  'member.manage',
  'user.list',
  'user.manage',
  'role.grant_bureau',
  'role.grant_expert',
  'audit.read',
  'instrument.manage',
  'booking.create',
  'asset.import',
  'asset.reconcile',
  'asset.resolve',
  'challenge.read',
  'challenge.manage',
  'challenge.need',
  'challenge.apply',
  'challenge.manage_applications',
  'challenge.pay_subsidy',
  'telemetry.read',
  'telemetry.manage',
  'device.read',
  'device.manage',
  'voucher.read',
  'voucher.configure',
  'voucher.review',
  'voucher.settle',
  'voucher.apply',
  'voucher.provide',
] as const;
export type Action = (typeof actions)[number];

/** What an action is about: the organisation (and its region) or just a region. */
export interface Target {
  organisationId?: string;
  regionCode?: string;
}

/** Which bureau roles may do each action, within the region they are scoped to. */
const bureauGrants: Record<Action, readonly BureauRole[]> = {
  'organisation.read': ['bureau_officer', 'bureau_admin', 'finance_officer', 'auditor'],
  'organisation.update': ['bureau_admin'],
  'organisation.review': ['bureau_officer', 'bureau_admin'],
  'organisation.list': ['bureau_officer', 'bureau_admin', 'finance_officer', 'auditor'],
  'organisation.create': ['bureau_admin'],
  'member.read': ['bureau_officer', 'bureau_admin', 'auditor'],
  'member.manage': ['bureau_admin'],
  'user.list': ['bureau_admin', 'auditor'],
  'user.manage': ['bureau_admin'],
  'role.grant_bureau': ['bureau_admin'],
  'role.grant_expert': ['bureau_officer', 'bureau_admin'],
  'audit.read': ['bureau_admin', 'auditor'],
  'instrument.manage': ['bureau_admin'],
  // Booking is something organisations do; the bureau books nothing.
  'booking.create': [],
  // The finance office pushes the asset register; every bureau reader sees the reconciliation.
  'asset.import': ['bureau_admin', 'finance_officer'],
  'asset.reconcile': ['bureau_officer', 'bureau_admin', 'finance_officer', 'auditor'],
  // Explaining a finding (not shareable, value accepted…) is the listing side's call, not finance's or audit's.
  'asset.resolve': ['bureau_officer', 'bureau_admin'],
  // 揭榜挂帅: every bureau reader follows batches and needs; officers run them.
  'challenge.read': ['bureau_officer', 'bureau_admin', 'finance_officer', 'auditor'],
  'challenge.manage': ['bureau_officer', 'bureau_admin'],
  // Needs are reported by enterprises for themselves; the bureau does not report on their behalf.
  'challenge.need': [],
  // 揭榜 is something organisations do; officers screen, assign, select, register and accept;
  // finance pays subsidy tranches.
  'challenge.apply': [],
  'challenge.manage_applications': ['bureau_officer', 'bureau_admin'],
  'challenge.pay_subsidy': ['finance_officer', 'bureau_admin'],
  // Sensor data (live board, traces, usage verification) is evidence every bureau reader may check;
  // power levels decide hours, so only the bureau admin among bureau roles may change them.
  'telemetry.read': ['bureau_officer', 'bureau_admin', 'finance_officer', 'auditor'],
  'telemetry.manage': ['bureau_admin'],
  // Sensors are the owner's equipment: the bureau sees them (and their health); only its admin changes them.
  'device.read': ['bureau_officer', 'bureau_admin', 'auditor'],
  'device.manage': ['bureau_admin'],
  // 创新券: every bureau reader follows programmes, claims and figures; officers set programmes and
  // decide admissions, quotas and claims; finance pays settlement batches. Applying for quota,
  // using vouchers and claiming redemption are what organisations do, never the bureau.
  'voucher.read': ['bureau_officer', 'bureau_admin', 'finance_officer', 'auditor'],
  'voucher.configure': ['bureau_officer', 'bureau_admin'],
  'voucher.review': ['bureau_officer', 'bureau_admin'],
  'voucher.settle': ['finance_officer', 'bureau_admin'],
  'voucher.apply': [],
  'voucher.provide': [],
};

/** What members of the organisation itself may do to it. */
const memberGrants: Partial<Record<Action, 'member' | 'admin'>> = {
  'organisation.read': 'member',
  'member.read': 'member',
  'organisation.update': 'admin',
  'member.manage': 'admin',
  'instrument.manage': 'admin',
  'booking.create': 'member',
  'asset.import': 'admin',
  'asset.reconcile': 'admin',
  'asset.resolve': 'admin',
  'challenge.need': 'member',
  'challenge.apply': 'member',
  'telemetry.read': 'member',
  'telemetry.manage': 'admin',
  'device.read': 'admin',
  'device.manage': 'admin',
  // Any member of an enterprise applies for quota and pays with it; a provider's admin (or its
  // instrument managers, below) applies for admission and files claims.
  'voucher.apply': 'member',
  'voucher.provide': 'admin',
};

/** Organisation roles that grant an action inside that organisation, besides membership level. */
const orgRoleGrants: Partial<Record<Action, readonly string[]>> = {
  'instrument.manage': ['instrument_manager'],
  'asset.import': ['instrument_manager'],
  'asset.reconcile': ['instrument_manager'],
  'asset.resolve': ['instrument_manager'],
  'telemetry.manage': ['instrument_manager'],
  'device.read': ['instrument_manager'],
  'device.manage': ['instrument_manager'],
  'voucher.provide': ['instrument_manager'],
};

function hasBureauRoleFor(actor: Actor, allowed: readonly BureauRole[], regionCode: string | undefined): boolean {
  return actor.roles.some(
    (g) =>
      (allowed as readonly string[]).includes(g.role) &&
      g.regionCode !== null &&
      (regionCode === undefined || isWithin(regionCode, g.regionCode)),
  );
}

/**
 * The single authorisation question: may this actor do this action to this target? A bureau role
 * reaches everything in its region and below; members reach their own organisation.
 */
export function can(actor: Actor | null, action: Action, target: Target = {}): boolean {
  if (!actor) return false;
  const memberLevel = memberGrants[action];
  if (memberLevel && target.organisationId) {
    const m = actor.memberships.find((x) => x.organisationId === target.organisationId);
    if (m && (memberLevel === 'member' || m.isAdmin)) return true;
  }
  const orgRoles = orgRoleGrants[action];
  if (orgRoles && target.organisationId) {
    if (actor.roles.some((g) => g.organisationId === target.organisationId && orgRoles.includes(g.role))) return true;
  }
  return hasBureauRoleFor(actor, bureauGrants[action], target.regionCode);
}

/**
 * Region prefixes within which the actor may do a list action, for SQL `like prefix%` filters.
 * Empty means nothing; a scope nested in another is dropped as redundant.
 */
export function regionPrefixes(actor: Actor | null, action: Action): string[] {
  if (!actor) return [];
  const allowed = bureauGrants[action] as readonly string[];
  const prefixes = actor.roles
    .filter((g) => allowed.includes(g.role) && g.regionCode)
    .map((g) => scopePrefix(g.regionCode as string));
  return [...new Set(prefixes)].filter((p, _, all) => !all.some((o) => o !== p && p.startsWith(o)));
}
