import type { Role } from '../../shared/roles';
import type { Me } from '../api/types';

export function hasRole(me: Me | null | undefined, ...roles: Role[]): boolean {
  return !!me?.roles.some((g) => (roles as string[]).includes(g.role));
}

export const isBureau = (me: Me | null | undefined) => hasRole(me, 'bureau_officer', 'bureau_admin');
/** May review (verify, return, suspend, reinstate) organisations. */
export const canReview = isBureau;
/** May list and read organisations in their region: reviewers plus finance officers and auditors (read-only). */
export const canListOrganisations = (me: Me | null | undefined) =>
  hasRole(me, 'bureau_officer', 'bureau_admin', 'finance_officer', 'auditor');
export const isBureauAdmin = (me: Me | null | undefined) => hasRole(me, 'bureau_admin');
export const canAudit = (me: Me | null | undefined) => hasRole(me, 'auditor', 'bureau_admin');
export const hasMembership = (me: Me | null | undefined) => (me?.memberships.length ?? 0) > 0;

export function isOrgAdmin(me: Me | null | undefined, organisationId: string): boolean {
  return !!me?.memberships.some((m) => m.organisation.id === organisationId && m.isAdmin);
}

/**
 * Manages instruments somewhere: an instrument_manager of an organisation, or an organisation's
 * administrator (the server grants instrument.manage to both, and to the bureau administrator).
 */
export const canManageInstruments = (me: Me | null | undefined) =>
  hasRole(me, 'instrument_manager', 'bureau_admin') || !!me?.memberships.some((m) => m.isAdmin);

/** The organisations whose instruments this user may list and edit. */
export function managedOrganisations(me: Me | null | undefined): Me['memberships'][number]['organisation'][] {
  if (!me) return [];
  return me.memberships
    .filter(
      (m) =>
        m.isAdmin || me.roles.some((g) => g.role === 'instrument_manager' && g.organisationId === m.organisation.id),
    )
    .map((m) => m.organisation);
}
