import { describe, expect, it } from 'vitest';
import { recalculate, type SubsidyPolicy, splitTranches, subsidyEntitlement } from './subsidy.calc.js';

const shenyang: SubsidyPolicy = { ratioBp: 5000, capFen: 300_000_000, base: 'tech_trade_amount' };
const yuan = (y: number) => y * 100;

describe('subsidy entitlement', () => {
  it('is half the technology amount below the cap', () => {
    expect(subsidyEntitlement(shenyang, { contractAmountFen: yuan(2_000_000), techAmountFen: yuan(1_800_000) })).toBe(
      yuan(900_000),
    );
  });

  it('stops at the cap of 3,000,000 yuan', () => {
    expect(subsidyEntitlement(shenyang, { contractAmountFen: yuan(9_000_000), techAmountFen: yuan(8_000_000) })).toBe(
      yuan(3_000_000),
    );
    // Exactly at the cap: 6,000,000 × 50 % = 3,000,000.
    expect(subsidyEntitlement(shenyang, { contractAmountFen: 0, techAmountFen: yuan(6_000_000) })).toBe(
      yuan(3_000_000),
    );
  });

  it('rounds down to the whole fen', () => {
    expect(subsidyEntitlement(shenyang, { contractAmountFen: 0, techAmountFen: 1_000_001 })).toBe(500_000);
    expect(subsidyEntitlement({ ...shenyang, ratioBp: 3333 }, { contractAmountFen: 0, techAmountFen: 100 })).toBe(33);
  });

  it('uses the base the policy names', () => {
    const c = { contractAmountFen: 1000, techAmountFen: 800, paidAmountFen: 600 };
    expect(subsidyEntitlement({ ...shenyang, base: 'contract_amount' }, c)).toBe(500);
    expect(subsidyEntitlement({ ...shenyang, base: 'amount_paid' }, c)).toBe(300);
    expect(subsidyEntitlement({ ...shenyang, base: 'amount_paid' }, { ...c, paidAmountFen: null })).toBe(0);
  });

  it('stays exact for amounts beyond 2^53 / ratio', () => {
    expect(
      subsidyEntitlement(
        { ...shenyang, capFen: Number.MAX_SAFE_INTEGER },
        { contractAmountFen: 0, techAmountFen: 9_007_199_254_740_991 },
      ),
    ).toBe(4_503_599_627_370_495);
  });
});

describe('tranches', () => {
  it('always add up to the entitlement, the last taking the remainder', () => {
    expect(splitTranches(100, [1, 1, 1])).toEqual([33, 33, 34]);
    expect(splitTranches(yuan(900_000), [30, 30, 40])).toEqual([yuan(270_000), yuan(270_000), yuan(360_000)]);
    const s = splitTranches(999_999, [7, 11, 13]);
    expect(s.reduce((a, b) => a + b, 0)).toBe(999_999);
  });

  it('refuses weights that add up to nothing', () => {
    expect(() => splitTranches(100, [0, 0])).toThrow();
    expect(splitTranches(100, [])).toEqual([]);
  });
});

describe('recalculation with claw-back', () => {
  it('claws back what was paid above a lowered entitlement', () => {
    const r = recalculate(shenyang, { contractAmountFen: 0, techAmountFen: yuan(1_000_000) }, yuan(600_000), false);
    expect(r).toEqual({ entitlementFen: yuan(500_000), remainingFen: 0, clawbackFen: yuan(100_000) });
  });

  it('claws back everything paid when the contract is cancelled', () => {
    const r = recalculate(shenyang, { contractAmountFen: 0, techAmountFen: yuan(1_000_000) }, yuan(150_000), true);
    expect(r).toEqual({ entitlementFen: 0, remainingFen: 0, clawbackFen: yuan(150_000) });
  });

  it('recovers nothing when the new amount still covers what was paid', () => {
    const r = recalculate(shenyang, { contractAmountFen: 0, techAmountFen: yuan(2_000_000) }, yuan(300_000), false);
    expect(r).toEqual({ entitlementFen: yuan(1_000_000), remainingFen: yuan(700_000), clawbackFen: 0 });
  });
});
