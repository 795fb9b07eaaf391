import type { OrganisationStatus } from '../../../shared/roles.js';

/**
 * The organisation lifecycle as data: each command names the statuses it may start from, the
 * status it leads to, and whether a reason is owed. Services consult this table and nothing else.
 */
export const organisationTransitions = {
  verify: { from: ['registered'], to: 'verified', reasonRequired: false },
  reject: { from: ['registered'], to: 'rejected', reasonRequired: true },
  resubmit: { from: ['rejected'], to: 'registered', reasonRequired: false },
  suspend: { from: ['verified'], to: 'suspended', reasonRequired: true },
  reinstate: { from: ['suspended'], to: 'verified', reasonRequired: false },
} as const satisfies Record<
  string,
  { from: readonly OrganisationStatus[]; to: OrganisationStatus; reasonRequired: boolean }
>;

export type OrganisationCommand = keyof typeof organisationTransitions;

export function canTransition(command: OrganisationCommand, from: OrganisationStatus): boolean {
  return (organisationTransitions[command].from as readonly OrganisationStatus[]).includes(from);
}

/** Commands possible from a status, for showing only the actions allowed now. */
export function commandsFrom(status: OrganisationStatus): OrganisationCommand[] {
  return (Object.keys(organisationTransitions) as OrganisationCommand[]).filter((c) => canTransition(c, status));
}
