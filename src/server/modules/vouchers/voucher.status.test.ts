import { describe, expect, it } from 'vitest';
import {
  applicationTransitions,
  canTransition,
  claimTransitions,
  commandsFrom,
  providerTransitions,
  quotaTransitions,
  reservationTransitions,
  settlementTransitions,
} from './voucher.status.js';

describe('voucher lifecycles', () => {
  it('claims: reviewed once, settled only when approved, voided only after approval', () => {
    expect(commandsFrom(claimTransitions, 'pending_review')).toEqual(['approve', 'reject']);
    expect(commandsFrom(claimTransitions, 'approved')).toEqual(['settle', 'void']);
    expect(commandsFrom(claimTransitions, 'settled')).toEqual(['void']);
    expect(commandsFrom(claimTransitions, 'rejected')).toEqual([]);
    expect(commandsFrom(claimTransitions, 'voided')).toEqual([]);
    expect(claimTransitions.reject.reasonRequired && claimTransitions.void.reasonRequired).toBe(true);
  });

  it('providers: a rejection is final, a suspension can be lifted with a reason', () => {
    expect(commandsFrom(providerTransitions, 'applied')).toEqual(['approve', 'reject', 'withdraw']);
    expect(commandsFrom(providerTransitions, 'rejected')).toEqual([]);
    expect(canTransition(providerTransitions, 'reinstate', 'suspended')).toBe(true);
    expect(canTransition(providerTransitions, 'suspend', 'applied')).toBe(false);
  });

  it('quotas, reservations, applications and batches move one way', () => {
    expect(commandsFrom(quotaTransitions, 'expired')).toEqual(['void']);
    expect(commandsFrom(quotaTransitions, 'voided')).toEqual([]);
    expect(commandsFrom(reservationTransitions, 'redeemed')).toEqual([]);
    expect(commandsFrom(applicationTransitions, 'approved')).toEqual([]);
    expect(commandsFrom(settlementTransitions, 'paid')).toEqual([]);
  });
});
