/**
 * The lifecycles of voucher records as data: each command names the statuses it may start from and
 * the status it leads to, and whether a reason is owed. Services consult these tables and nothing else.
 */
type Table = Record<string, { from: readonly string[]; to: string; reasonRequired: boolean }>;

export const programmeTransitions = {
  activate: { from: ['draft'], to: 'active', reasonRequired: false },
  close: { from: ['draft', 'active'], to: 'closed', reasonRequired: true },
} as const satisfies Table;

export const providerTransitions = {
  approve: { from: ['applied'], to: 'admitted', reasonRequired: false },
  reject: { from: ['applied'], to: 'rejected', reasonRequired: true },
  withdraw: { from: ['applied'], to: 'withdrawn', reasonRequired: false },
  suspend: { from: ['admitted'], to: 'suspended', reasonRequired: true },
  reinstate: { from: ['suspended'], to: 'admitted', reasonRequired: true },
} as const satisfies Table;

export const applicationTransitions = {
  approve: { from: ['submitted'], to: 'approved', reasonRequired: false },
  reject: { from: ['submitted'], to: 'rejected', reasonRequired: true },
  withdraw: { from: ['submitted'], to: 'withdrawn', reasonRequired: false },
} as const satisfies Table;

export const quotaTransitions = {
  expire: { from: ['active'], to: 'expired', reasonRequired: false },
  void: { from: ['active', 'expired'], to: 'voided', reasonRequired: true },
} as const satisfies Table;

export const reservationTransitions = {
  release: { from: ['held'], to: 'released', reasonRequired: false },
  redeem: { from: ['held'], to: 'redeemed', reasonRequired: false },
  expire: { from: ['held'], to: 'expired', reasonRequired: false },
} as const satisfies Table;

export const serviceOrderTransitions = {
  deliver: { from: ['ordered'], to: 'delivered', reasonRequired: false },
  cancel: { from: ['ordered'], to: 'cancelled', reasonRequired: false },
} as const satisfies Table;

export const claimTransitions = {
  approve: { from: ['pending_review'], to: 'approved', reasonRequired: false },
  reject: { from: ['pending_review'], to: 'rejected', reasonRequired: true },
  settle: { from: ['approved'], to: 'settled', reasonRequired: false },
  void: { from: ['approved', 'settled'], to: 'voided', reasonRequired: true },
} as const satisfies Table;

export const settlementTransitions = {
  pay: { from: ['open'], to: 'paid', reasonRequired: false },
} as const satisfies Table;

export function canTransition<T extends Table>(table: T, command: keyof T, from: string): boolean {
  return (table[command]?.from as readonly string[] | undefined)?.includes(from) ?? false;
}

export function commandsFrom<T extends Table>(table: T, from: string): (keyof T & string)[] {
  return (Object.keys(table) as (keyof T & string)[]).filter((c) => canTransition(table, c, from));
}
