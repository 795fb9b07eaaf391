import { describe, expect, it } from 'vitest';
import { coveredShare, endOfValidity, shanghaiMonth, shanghaiYear, splitFee } from './coverage.js';

const rules = { coverageBp: 5000, fullCoverageBelowFen: 0, perClaimCapFen: 2_000_000 };
const roomy = { annualRemainingFen: 10_000_000, balanceFen: 10_000_000 };

describe('coverage and caps', () => {
  it('covers the ratio, the fractional fen going to the enterprise', () => {
    expect(coveredShare(120_000, rules)).toEqual({ coveredFen: 60_000, rule: 'coverage' });
    // 333 × 40% = 133.2: own share 199.8 rounds down to 199, the voucher covers 134.
    expect(coveredShare(333, { coverageBp: 4000, fullCoverageBelowFen: 0 }).coveredFen).toBe(134);
    expect(coveredShare(1, { coverageBp: 1, fullCoverageBelowFen: 0 }).coveredFen).toBe(1);
    expect(coveredShare(0, rules).coveredFen).toBe(0);
  });

  it('covers small services in full below the threshold (Yuhuan: under ¥10,000)', () => {
    const yuhuan = { coverageBp: 5000, fullCoverageBelowFen: 1_000_000 };
    expect(coveredShare(999_999, yuhuan)).toEqual({ coveredFen: 999_999, rule: 'full_coverage' });
    expect(coveredShare(1_000_000, yuhuan)).toEqual({ coveredFen: 500_000, rule: 'coverage' });
  });

  it('stays exact for fees beyond 2^53 / 10^4', () => {
    expect(coveredShare(9_007_199_254_741, { coverageBp: 3333, fullCoverageBelowFen: 0 }).coveredFen).toBe(
      9_007_199_254_741 - Math.floor((9_007_199_254_741 * 6667) / 10_000),
    );
  });

  it('the smallest of coverage, per-claim cap, annual cap and balance wins, and the shares add up', () => {
    expect(splitFee(120_000, rules, roomy)).toEqual({
      feeFen: 120_000,
      coveredFen: 60_000,
      ownShareFen: 60_000,
      limitedBy: 'coverage',
    });
    expect(splitFee(10_000_000, rules, roomy)).toMatchObject({ coveredFen: 2_000_000, limitedBy: 'per_claim_cap' });
    expect(splitFee(120_000, rules, { annualRemainingFen: 10_000, balanceFen: 50_000 })).toMatchObject({
      coveredFen: 10_000,
      ownShareFen: 110_000,
      limitedBy: 'annual_cap',
    });
    expect(splitFee(120_000, rules, { annualRemainingFen: 90_000, balanceFen: 25_000 })).toMatchObject({
      coveredFen: 25_000,
      limitedBy: 'balance',
    });
    expect(splitFee(120_000, rules, { annualRemainingFen: -5, balanceFen: 25_000 }).coveredFen).toBe(0);
  });

  it('validity ends at the start of the next Shanghai day; years and months are Shanghai ones', () => {
    expect(endOfValidity('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(shanghaiYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
    expect(shanghaiMonth(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03');
  });
});
