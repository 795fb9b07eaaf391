import { describe, expect, it } from 'vitest';
import { account, balancesOf, isBalanced, type Line, postingRules } from './ledger.rules.js';

const P = 'prog';
const Q = 'quota';
const V = 'provider';

describe('posting rules', () => {
  it('every movement balances and names the accounts of the chart', () => {
    const all: Line[][] = [
      postingRules.issue({ programmeId: P, quotaId: Q }, 100),
      postingRules.reserve({ quotaId: Q }, 40),
      postingRules.release({ quotaId: Q }, 10),
      postingRules.redeem({ quotaId: Q, programmeId: P, providerOrgId: V }, 30),
      postingRules.settle({ programmeId: P, providerOrgId: V }, 30),
      postingRules.expireAvailable({ programmeId: P, quotaId: Q }, 5),
      postingRules.expireReserved({ programmeId: P, quotaId: Q }, 5),
      postingRules.voidQuota({ programmeId: P, quotaId: Q }, 3, 2),
      postingRules.voidClaim({ programmeId: P, providerOrgId: V }, 7),
      postingRules.clawback({ programmeId: P, providerOrgId: V }, 7),
      postingRules.recover({ programmeId: P, providerOrgId: V }, 7),
    ];
    for (const lines of all) expect(isBalanced(lines)).toBe(true);
    expect(postingRules.reserve({ quotaId: Q }, 40)).toEqual([
      { account: account.available(Q), amountFen: -40 },
      { account: account.reserved(Q), amountFen: 40 },
    ]);
  });

  it('a whole voucher life: balances are the sums, and the books add up to zero', () => {
    const entries = [
      postingRules.issue({ programmeId: P, quotaId: Q }, 10_000),
      postingRules.reserve({ quotaId: Q }, 3_000),
      postingRules.reserve({ quotaId: Q }, 2_000),
      // The first service cost less than reserved: 2,500 redeemed, 500 released.
      postingRules.redeem({ quotaId: Q, programmeId: P, providerOrgId: V }, 2_500),
      postingRules.release({ quotaId: Q }, 500),
      // The second booking was cancelled.
      postingRules.release({ quotaId: Q }, 2_000),
      postingRules.settle({ programmeId: P, providerOrgId: V }, 2_500),
      postingRules.expireAvailable({ programmeId: P, quotaId: Q }, 7_500),
    ];
    const b = balancesOf(entries);
    expect(b.get(account.available(Q))).toBe(0);
    expect(b.get(account.reserved(Q))).toBe(0);
    expect(b.get(account.payable(P, V))).toBe(0);
    expect(b.get(account.paid(P))).toBe(2_500);
    expect(b.get(account.fund(P))).toBe(-2_500);
    expect([...b.values()].reduce((s, x) => s + x, 0)).toBe(0);
  });

  it('a clawed-back claim turns money paid into money owed, then back into the fund', () => {
    const b = balancesOf([
      postingRules.settle({ programmeId: P, providerOrgId: V }, 900),
      postingRules.clawback({ programmeId: P, providerOrgId: V }, 900),
    ]);
    expect(b.get(account.paid(P))).toBe(0);
    expect(b.get(account.receivable(P, V))).toBe(900);
  });

  it('refuses zero, negative and fractional amounts', () => {
    expect(() => postingRules.reserve({ quotaId: Q }, 0)).toThrow(RangeError);
    expect(() => postingRules.reserve({ quotaId: Q }, -5)).toThrow(RangeError);
    expect(() => postingRules.issue({ programmeId: P, quotaId: Q }, 1.5)).toThrow(RangeError);
    expect(postingRules.voidQuota({ programmeId: P, quotaId: Q }, 0, 0)).toEqual([]);
    expect(isBalanced([{ account: 'a:1', amountFen: 5 }])).toBe(false);
  });
});
