import { describe, expect, it } from 'vitest';
import { type ClaimFacts, firstFailure, relationOf, runClaimChecks } from './claim.checks.js';

const NOW = new Date('2026-06-10T02:00:00Z');
const facts = (over: Partial<ClaimFacts> = {}): ClaimFacts => ({
  now: NOW,
  delivered: { ok: true, status: 'completed' },
  provider: { admitted: true, name: '绍兴文理学院' },
  serviceKind: 'instrument_testing',
  kindQualifies: true,
  quota: {
    status: 'active',
    validFrom: new Date('2025-12-31T16:00:00Z'),
    expiresAt: new Date('2026-12-31T16:00:00Z'),
    graceDays: 30,
  },
  serviceStart: new Date('2026-06-08T02:00:00Z'),
  feeFen: 120_000,
  publishedFeeFen: 120_000,
  voucherFen: 60_000,
  coveredFen: 60_000,
  perClaimCapFen: 2_000_000,
  reservedFen: 60_000,
  annualUsedFen: 0,
  annualCapFen: 10_000_000,
  relation: null,
  duplicateClaimId: null,
  sensor: { workingMinutes: 110 },
  claimedMinutes: 120,
  minSensorShareBp: 6000,
  ...over,
});
const outcome = (f: ClaimFacts, check: string) => runClaimChecks(f).find((c) => c.check === check);

describe('claim checks', () => {
  it('an honest sensor-backed claim passes every check', () => {
    const checks = runClaimChecks(facts());
    expect(checks.map((c) => c.outcome)).toEqual(Array(9).fill('pass'));
    expect(firstFailure(checks)).toBeUndefined();
  });

  it('refuses with a code per blocking check', () => {
    const cases: [Partial<ClaimFacts>, string, string][] = [
      [{ delivered: { ok: false, status: 'confirmed' } }, 'service_delivered', 'VOUCHER_SERVICE_NOT_DELIVERED'],
      [{ provider: { admitted: false, name: 'x' } }, 'provider_admitted', 'VOUCHER_PROVIDER_NOT_ADMITTED'],
      [{ kindQualifies: false }, 'service_kind', 'VOUCHER_SERVICE_NOT_COVERED'],
      [{ feeFen: 120_001 }, 'fee', 'VOUCHER_CLAIM_ABOVE_FEE'],
      [{ voucherFen: 60_001, reservedFen: 70_000 }, 'caps', 'VOUCHER_CAP_EXCEEDED'],
      [{ relation: 'same_controller' }, 'related_party', 'VOUCHER_RELATED_PARTY'],
      [{ duplicateClaimId: 'c-1' }, 'duplicate', 'VOUCHER_CLAIM_DUPLICATE'],
      [{ quota: { ...facts().quota, status: 'voided' } }, 'validity', 'VOUCHER_QUOTA_VOIDED'],
    ];
    for (const [over, check, code] of cases) {
      const c = outcome(facts(over), check);
      expect([c?.outcome, c?.code], code).toEqual(['fail', code]);
      expect(firstFailure(runClaimChecks(facts(over)))?.code).toBe(code);
    }
  });

  it('names which cap was exceeded: per claim, reservation, annual', () => {
    const perClaim = outcome(facts({ voucherFen: 60_000, perClaimCapFen: 50_000 }), 'caps');
    expect(perClaim?.params.limitEn).toBe('the per-claim cap');
    const reserved = outcome(facts({ reservedFen: 50_000 }), 'caps');
    expect(reserved?.params.limitEn).toBe('the amount reserved at booking');
    const annual = outcome(facts({ annualUsedFen: 9_990_000 }), 'caps');
    expect(annual?.params).toMatchObject({ limitEn: 'the annual cap', cap: '100.00' });
  });

  it('refuses services outside validity and claims after the grace period', () => {
    expect(outcome(facts({ serviceStart: new Date('2027-01-02T02:00:00Z') }), 'validity')?.code).toBe(
      'VOUCHER_OUTSIDE_VALIDITY',
    );
    const late = facts({ now: new Date('2027-01-30T16:00:00Z') });
    expect(outcome(late, 'validity')?.code).toBe('VOUCHER_QUOTA_EXPIRED');
    expect(outcome(facts({ now: new Date('2027-01-30T15:59:00Z') }), 'validity')?.outcome).toBe('pass');
  });

  it('flags too little sensor time and marks claims without a sensor as self-reported', () => {
    // 60% of 120 claimed minutes is 72: 71.9 is short, 72 passes.
    expect(outcome(facts({ sensor: { workingMinutes: 71.9 } }), 'usage')).toMatchObject({
      outcome: 'flag',
      code: 'VOUCHER_USAGE_SHORT',
      values: { requiredMinutes: 72 },
    });
    expect(outcome(facts({ sensor: { workingMinutes: 72 } }), 'usage')?.outcome).toBe('pass');
    expect(outcome(facts({ sensor: null }), 'usage')).toMatchObject({
      outcome: 'manual',
      code: 'VOUCHER_SELF_REPORTED',
    });
    // Flags and manual review never refuse.
    expect(firstFailure(runClaimChecks(facts({ sensor: null })))).toBeUndefined();
  });

  it('finds related parties: same organisation, same controller, or one controlling the other', () => {
    const a = { id: 'a', creditCode: '91330602MA2B3C4D5X', controllerKey: null };
    const b = { id: 'b', creditCode: '12330600470123456Y', controllerKey: null };
    expect(relationOf(a, a)).toBe('same_organisation');
    expect(relationOf(a, b)).toBeNull();
    expect(relationOf({ ...a, controllerKey: 'sha256:x' }, { ...b, controllerKey: 'sha256:x' })).toBe(
      'same_controller',
    );
    expect(relationOf({ ...a, controllerKey: b.creditCode }, b)).toBe('controls');
  });
});
