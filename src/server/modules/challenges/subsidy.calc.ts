/**
 * Subsidy arithmetic for 揭榜挂帅, pure and in integer fen. The policy (ratio, cap, base, tranche
 * split) comes from the batch's versioned policy row, never from constants here.
 *
 * Rounding rule (stated once, tested): ratio × base is rounded DOWN to the whole fen, because public
 * money is never paid above the entitlement; tranche shares are also rounded down and the last
 * tranche takes the remainder, so the tranches always add up to the entitlement exactly.
 */

export interface SubsidyPolicy {
  /** Ratio in basis points: 5000 = 50 %. */
  ratioBp: number;
  capFen: number;
  base: 'tech_trade_amount' | 'contract_amount' | 'amount_paid';
}

export interface ContractAmounts {
  contractAmountFen: number;
  techAmountFen: number;
  paidAmountFen?: number | null;
}

export function baseAmount(policy: SubsidyPolicy, c: ContractAmounts): number {
  if (policy.base === 'contract_amount') return c.contractAmountFen;
  if (policy.base === 'amount_paid') return c.paidAmountFen ?? 0;
  return c.techAmountFen;
}

/** min(ratio × base, cap), rounded down to the fen. BigInt keeps large amounts exact. */
export function subsidyEntitlement(policy: SubsidyPolicy, c: ContractAmounts): number {
  const base = baseAmount(policy, c);
  if (!Number.isSafeInteger(base) || base <= 0) return 0;
  const raw = Number((BigInt(base) * BigInt(policy.ratioBp)) / 10000n);
  return Math.min(raw, policy.capFen);
}

/**
 * Splits an entitlement over milestone tranches by weights (e.g. [30, 30, 40]); shares are rounded
 * down and the last one takes what is left.
 */
export function splitTranches(entitlementFen: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) throw new Error('tranche weights must add up to more than zero');
  const shares = weights.map((w) => Math.floor((entitlementFen * w) / total));
  const given = shares.slice(0, -1).reduce((a, b) => a + b, 0);
  shares[shares.length - 1] = entitlementFen - given;
  return shares;
}

export interface Recalculation {
  entitlementFen: number;
  /** What may still be paid: the new entitlement less what was already paid, never negative. */
  remainingFen: number;
  /** What was paid above the new entitlement and must be recovered (追回). */
  clawbackFen: number;
}

/**
 * After a contract change or cancellation: the new entitlement (zero when cancelled) against what
 * has been paid so far. Overpayment becomes a claw-back; nothing is recovered when the new amount
 * still covers what was paid.
 */
export function recalculate(
  policy: SubsidyPolicy,
  c: ContractAmounts,
  paidFen: number,
  cancelled: boolean,
): Recalculation {
  const entitlementFen = cancelled ? 0 : subsidyEntitlement(policy, c);
  return {
    entitlementFen,
    remainingFen: Math.max(entitlementFen - paidFen, 0),
    clawbackFen: Math.max(paidFen - entitlementFen, 0),
  };
}
