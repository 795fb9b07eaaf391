/**
 * The voucher ledger's chart of accounts and posting rules (pure). Every movement is a journal
 * entry whose lines sum to zero; balances are sums of lines. Signs: an account holding money for
 * someone is positive (a voucher's available and reserved amounts, what is owed to a provider,
 * what has been paid out); the programme's fund goes negative by what it has put into circulation.
 *
 *   issue      fund −X            available +X
 *   reserve    available −a       reserved +a
 *   release    reserved −a        available +a
 *   redeem     reserved −c        payable(provider) +c
 *   settle     payable −t         paid +t
 *   expire     available −x       fund +x        (and reserved −a, fund +a for reservations past the claim window)
 *   void       available −x, reserved −r, fund +(x + r)   (a voucher)   or   payable −c, fund +c   (an unpaid claim)
 *   clawback   paid −c            receivable(provider) +c   (a claim already paid)
 *   recover    receivable −c      fund +c
 */

export const journalKinds = [
  'issue',
  'reserve',
  'release',
  'redeem',
  'settle',
  'void',
  'expire',
  'clawback',
  'recover',
] as const;
export type JournalKind = (typeof journalKinds)[number];

export const account = {
  fund: (programmeId: string) => `fund:${programmeId}`,
  available: (quotaId: string) => `available:${quotaId}`,
  reserved: (quotaId: string) => `reserved:${quotaId}`,
  payable: (programmeId: string, providerOrgId: string) => `payable:${programmeId}:${providerOrgId}`,
  paid: (programmeId: string) => `paid:${programmeId}`,
  receivable: (programmeId: string, providerOrgId: string) => `receivable:${programmeId}:${providerOrgId}`,
};

/** Account kinds whose balance can never be negative: a negative one means money was spent twice. */
export const nonNegativeKinds = ['available', 'reserved', 'payable', 'receivable'] as const;

export interface Line {
  account: string;
  amountFen: number;
}

function amount(x: number): number {
  if (!Number.isSafeInteger(x) || x <= 0)
    throw new RangeError(`posting amount must be a positive integer of fen, got ${x}`);
  return x;
}

const pair = (debit: string, credit: string, x: number): Line[] => [
  { account: debit, amountFen: -amount(x) },
  { account: credit, amountFen: amount(x) },
];

/** The lines of each movement. Zero amounts are refused: a movement of nothing is no movement. */
export const postingRules = {
  issue: (p: { programmeId: string; quotaId: string }, x: number) =>
    pair(account.fund(p.programmeId), account.available(p.quotaId), x),
  reserve: (p: { quotaId: string }, a: number) => pair(account.available(p.quotaId), account.reserved(p.quotaId), a),
  release: (p: { quotaId: string }, a: number) => pair(account.reserved(p.quotaId), account.available(p.quotaId), a),
  redeem: (p: { quotaId: string; programmeId: string; providerOrgId: string }, c: number) =>
    pair(account.reserved(p.quotaId), account.payable(p.programmeId, p.providerOrgId), c),
  settle: (p: { programmeId: string; providerOrgId: string }, t: number) =>
    pair(account.payable(p.programmeId, p.providerOrgId), account.paid(p.programmeId), t),
  expireAvailable: (p: { programmeId: string; quotaId: string }, x: number) =>
    pair(account.available(p.quotaId), account.fund(p.programmeId), x),
  expireReserved: (p: { programmeId: string; quotaId: string }, a: number) =>
    pair(account.reserved(p.quotaId), account.fund(p.programmeId), a),
  /** Voids a voucher: what is available and what is reserved go back to the fund. */
  voidQuota(p: { programmeId: string; quotaId: string }, available: number, reserved: number): Line[] {
    const lines: Line[] = [];
    if (available > 0) lines.push({ account: account.available(p.quotaId), amountFen: -amount(available) });
    if (reserved > 0) lines.push({ account: account.reserved(p.quotaId), amountFen: -amount(reserved) });
    if (lines.length === 0) return [];
    lines.push({ account: account.fund(p.programmeId), amountFen: amount(available + reserved) });
    return lines;
  },
  voidClaim: (p: { programmeId: string; providerOrgId: string }, c: number) =>
    pair(account.payable(p.programmeId, p.providerOrgId), account.fund(p.programmeId), c),
  clawback: (p: { programmeId: string; providerOrgId: string }, c: number) =>
    pair(account.paid(p.programmeId), account.receivable(p.programmeId, p.providerOrgId), c),
  recover: (p: { programmeId: string; providerOrgId: string }, c: number) =>
    pair(account.receivable(p.programmeId, p.providerOrgId), account.fund(p.programmeId), c),
};

export function isBalanced(lines: readonly Line[]): boolean {
  return lines.length >= 2 && lines.reduce((s, l) => s + l.amountFen, 0) === 0;
}

/** Balances per account after a sequence of entries (what the database's sums give). */
export function balancesOf(entries: readonly (readonly Line[])[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const lines of entries) for (const l of lines) out.set(l.account, (out.get(l.account) ?? 0) + l.amountFen);
  return out;
}

export function accountKind(a: string): string {
  return a.slice(0, a.indexOf(':'));
}
