/**
 * The lifecycles of issue 3 after a list is published, as data. Services consult these tables and
 * nothing else, so a status can only change along a listed edge and the UI can offer exactly the
 * commands allowed now.
 */

export const applicationStatuses = [
  'submitted',
  'needs_fix',
  'passed',
  'rejected',
  'withdrawn',
  'selected',
  'not_selected',
  'eliminated',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/**
 * An application is created submitted (the form is saved whole; edits until the deadline keep it
 * submitted). Formal screening by an officer passes it, asks for a fix, or rejects it; a fixed
 * application goes back to submitted. Selection picks among passed ones; in a race (赛马) a selected
 * solver can be eliminated at a stage gate.
 */
export const applicationTransitions = {
  screen_pass: { from: ['submitted'], to: 'passed', reasonRequired: false },
  screen_fix: { from: ['submitted'], to: 'needs_fix', reasonRequired: true },
  screen_reject: { from: ['submitted', 'needs_fix'], to: 'rejected', reasonRequired: true },
  resubmit: { from: ['needs_fix'], to: 'submitted', reasonRequired: false },
  withdraw: { from: ['submitted', 'needs_fix', 'passed'], to: 'withdrawn', reasonRequired: false },
  select: { from: ['passed'], to: 'selected', reasonRequired: false },
  not_select: { from: ['passed'], to: 'not_selected', reasonRequired: false },
  eliminate: { from: ['selected'], to: 'eliminated', reasonRequired: true },
} as const satisfies Record<
  string,
  { from: readonly ApplicationStatus[]; to: ApplicationStatus; reasonRequired: boolean }
>;
export type ApplicationCommand = keyof typeof applicationTransitions;

export const contractStatuses = ['signed', 'registered', 'changed', 'cancelled'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

/** A contract earns incentives only once registered; a change keeps it registered under new amounts. */
export const contractTransitions = {
  register: { from: ['signed'], to: 'registered', reasonRequired: false },
  change: { from: ['registered', 'changed'], to: 'changed', reasonRequired: true },
  cancel: { from: ['signed', 'registered', 'changed'], to: 'cancelled', reasonRequired: true },
} as const satisfies Record<string, { from: readonly ContractStatus[]; to: ContractStatus; reasonRequired: boolean }>;
export type ContractCommand = keyof typeof contractTransitions;

/** Contract statuses under which the contract counts as registered for subsidy purposes. */
export function isRegistered(status: ContractStatus): boolean {
  return status === 'registered' || status === 'changed';
}

export const milestoneStatuses = ['planned', 'reported', 'confirmed', 'passed', 'failed'] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];

/**
 * The solver reports, the enterprise confirms (or sends back to planned), experts assess. A failed
 * milestone may be reported again; a passed one is final and releases its subsidy tranche.
 */
export const milestoneTransitions = {
  report: { from: ['planned', 'failed'], to: 'reported', reasonRequired: false },
  confirm: { from: ['reported'], to: 'confirmed', reasonRequired: false },
  send_back: { from: ['reported'], to: 'planned', reasonRequired: true },
  pass: { from: ['confirmed'], to: 'passed', reasonRequired: false },
  fail: { from: ['confirmed'], to: 'failed', reasonRequired: true },
} as const satisfies Record<string, { from: readonly MilestoneStatus[]; to: MilestoneStatus; reasonRequired: boolean }>;
export type MilestoneCommand = keyof typeof milestoneTransitions;

export const trancheStatuses = ['pending', 'approved', 'paid', 'clawback'] as const;
export type TrancheStatus = (typeof trancheStatuses)[number];

type Table = Record<string, { from: readonly string[]; to: string; reasonRequired: boolean }>;

export function canApply<T extends Table>(table: T, command: keyof T, from: string): boolean {
  return ((table[command]?.from ?? []) as readonly string[]).includes(from);
}

/** Commands possible from a status, for showing only the actions allowed now. */
export function commandsFrom<T extends Table>(table: T, from: string): (keyof T)[] {
  return (Object.keys(table) as (keyof T)[]).filter((c) => canApply(table, c, from));
}
