import type { ProgrammeSettings } from '../../../shared/api/vouchers.js';

/**
 * How much of a fee a voucher covers (pure, integer fen). Rounding rule: the enterprise's own share
 * is the fee × (1 − ratio) rounded down, and the voucher covers the rest, so a fractional fen always
 * falls in the enterprise's favour. Fees under `fullCoverageBelowFen` are covered in full.
 */
export function coveredShare(feeFen: number, s: Pick<ProgrammeSettings, 'coverageBp' | 'fullCoverageBelowFen'>) {
  if (!Number.isSafeInteger(feeFen) || feeFen < 0) throw new RangeError(`fee must be whole fen, got ${feeFen}`);
  if (s.fullCoverageBelowFen > 0 && feeFen < s.fullCoverageBelowFen)
    return { coveredFen: feeFen, rule: 'full_coverage' as const };
  // BigInt: fees up to 10^13 fen times 10^4 basis points exceed 2^53.
  const own = Number((BigInt(feeFen) * BigInt(10_000 - s.coverageBp)) / 10_000n);
  return { coveredFen: feeFen - own, rule: 'coverage' as const };
}

export type LimitedBy = 'coverage' | 'full_coverage' | 'per_claim_cap' | 'annual_cap' | 'balance';

export interface SplitLimits {
  /** What is left of the annual cap for this enterprise (or its controller) in the service's year. */
  annualRemainingFen: number;
  /** The voucher's available balance. */
  balanceFen: number;
}

/**
 * The split of one fee into the voucher's share and the enterprise's own share: the covered share,
 * then the per-claim cap, the annual cap and the balance, whichever is smallest.
 */
export function splitFee(
  feeFen: number,
  s: Pick<ProgrammeSettings, 'coverageBp' | 'fullCoverageBelowFen' | 'perClaimCapFen'>,
  limits: SplitLimits,
) {
  const { coveredFen: byRatio, rule } = coveredShare(feeFen, s);
  const candidates: [number, LimitedBy][] = [
    [byRatio, rule],
    [s.perClaimCapFen, 'per_claim_cap'],
    [Math.max(0, limits.annualRemainingFen), 'annual_cap'],
    [Math.max(0, limits.balanceFen), 'balance'],
  ];
  let [coveredFen, limitedBy] = candidates[0] as [number, LimitedBy];
  for (const [v, why] of candidates.slice(1)) {
    if (v < coveredFen) {
      coveredFen = v;
      limitedBy = why;
    }
  }
  return { feeFen, coveredFen, ownShareFen: feeFen - coveredFen, limitedBy };
}

/** The end of a validity period: the start of the day after `validUntil`, Shanghai time (UTC+8, no DST). */
export function endOfValidity(validUntil: string): Date {
  return new Date(new Date(`${validUntil}T00:00:00+08:00`).getTime() + 86_400_000);
}

export function startOfValidity(validFrom: string): Date {
  return new Date(`${validFrom}T00:00:00+08:00`);
}

/** Calendar year and month (YYYY-MM) of an instant in Shanghai. */
export function shanghaiYear(d: Date): number {
  return new Date(d.getTime() + 8 * 3_600_000).getUTCFullYear();
}
export function shanghaiMonth(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}
export function shanghaiDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
/** [start, end) of a Shanghai calendar year. */
export function yearBounds(year: number): [Date, Date] {
  return [new Date(`${year}-01-01T00:00:00+08:00`), new Date(`${year + 1}-01-01T00:00:00+08:00`)];
}
