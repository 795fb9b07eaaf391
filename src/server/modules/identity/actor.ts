import type { BureauRole, OrganisationStatus, Role } from '../../../shared/roles.js';

/** The signed-in person as policies see them: memberships and role grants, nothing else. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  memberships: { organisationId: string; isAdmin: boolean; regionCode: string; status: OrganisationStatus }[];
  roles: { id: string; role: Role; organisationId: string | null; regionCode: string | null }[];
}

export const bureauReaders: readonly BureauRole[] = ['bureau_officer', 'bureau_admin', 'finance_officer', 'auditor'];
