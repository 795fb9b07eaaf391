import { describe, expect, it } from 'vitest';
import type { BureauRole, Role } from '../../../shared/roles.js';
import { type Action, actions, can, regionPrefixes } from './access.policy.js';
import type { Actor } from './actor.js';

const ORG = '00000000-0000-4000-8000-000000000001';
const OTHER_ORG = '00000000-0000-4000-8000-000000000002';
/** The organisation every matrix row is asked about: an enterprise in 越城区, inside 绍兴 (330600). */
const target = { organisationId: ORG, regionCode: '330602' };

let grantSeq = 0;
function grant(role: Role, regionCode: string | null, organisationId: string | null = null): Actor['roles'][number] {
  grantSeq++;
  return { id: `00000000-0000-4000-9000-${String(grantSeq).padStart(12, '0')}`, role, organisationId, regionCode };
}

function actor(partial: Partial<Actor> = {}): Actor {
  return { userId: 'u', name: 'n', email: 'e@example.cn', memberships: [], roles: [], ...partial };
}

const bureau = (role: BureauRole, regionCode = '330600') => actor({ roles: [grant(role, regionCode)] });

const member = (organisationId: string, isAdmin: boolean, role: Role = 'enterprise_user') =>
  actor({
    memberships: [{ organisationId, isAdmin, regionCode: '330602', status: 'verified' }],
    roles: [grant(role, null, organisationId)],
  });

const actors = {
  bureau_officer: bureau('bureau_officer'),
  bureau_admin: bureau('bureau_admin'),
  finance_officer: bureau('finance_officer'),
  auditor: bureau('auditor'),
  org_admin: member(ORG, true),
  org_member: member(ORG, false, 'solver'),
  instrument_manager: member(ORG, false, 'instrument_manager'),
  expert: actor({ roles: [grant('expert', null)] }),
  // An enterprise user (even an admin) of a different organisation in the same district.
  enterprise_user: member(OTHER_ORG, true),
} as const;
type RoleKey = keyof typeof actors;

/** The whole policy, written out: what each kind of actor may do to `target`. */
const expected: Record<RoleKey, Action[]> = {
  bureau_officer: [
    'organisation.read',
    'organisation.review',
    'organisation.list',
    'member.read',
    'role.grant_expert',
    'asset.reconcile',
    'asset.resolve',
    'challenge.read',
    'challenge.manage',
    'challenge.manage_applications',
    'telemetry.read',
    'device.read',
    'voucher.read',
    'voucher.configure',
    'voucher.review',
  ],
  bureau_admin: actions.filter(
    (a) => !['booking.create', 'challenge.need', 'challenge.apply', 'voucher.apply', 'voucher.provide'].includes(a),
  ),
  finance_officer: [
    'organisation.read',
    'organisation.list',
    'asset.import',
    'asset.reconcile',
    'challenge.read',
    'challenge.pay_subsidy',
    'telemetry.read',
    'voucher.read',
    'voucher.settle',
  ],
  auditor: [
    'organisation.read',
    'organisation.list',
    'member.read',
    'user.list',
    'audit.read',
    'asset.reconcile',
    'challenge.read',
    'telemetry.read',
    'device.read',
    'voucher.read',
  ],
  org_admin: [
    'organisation.read',
    'organisation.update',
    'member.read',
    'member.manage',
    'instrument.manage',
    'booking.create',
    'asset.import',
    'asset.reconcile',
    'asset.resolve',
    'challenge.need',
    'challenge.apply',
    'telemetry.read',
    'telemetry.manage',
    'device.read',
    'device.manage',
    'voucher.apply',
    'voucher.provide',
  ],
  org_member: [
    'organisation.read',
    'member.read',
    'booking.create',
    'challenge.need',
    'challenge.apply',
    'telemetry.read',
    'voucher.apply',
  ],
  instrument_manager: [
    'organisation.read',
    'member.read',
    'instrument.manage',
    'booking.create',
    'asset.import',
    'asset.reconcile',
    'asset.resolve',
    'challenge.need',
    'challenge.apply',
    'telemetry.read',
    'telemetry.manage',
    'device.read',
    'device.manage',
    'voucher.apply',
    'voucher.provide',
  ],
  expert: [],
  enterprise_user: [],
};

describe('can(): role × action matrix', () => {
  for (const key of Object.keys(actors) as RoleKey[]) {
    it(`${key} may do exactly its row of the table`, () => {
      const allowed = actions.filter((a) => can(actors[key], a, target));
      expect(allowed).toEqual(expected[key]);
    });
  }

  it('a signed-out visitor may do nothing', () => {
    expect(actions.filter((a) => can(null, a, target))).toEqual([]);
  });

  it('a bureau role without a region reaches nothing', () => {
    const unscoped = actor({ roles: [grant('bureau_admin', null)] });
    expect(actions.filter((a) => can(unscoped, a, target))).toEqual([]);
  });

  it('membership counts only with the organisation named in the target', () => {
    expect(can(actors.org_admin, 'organisation.update', { regionCode: '330602' })).toBe(false);
    expect(can(actors.org_admin, 'member.manage', { organisationId: OTHER_ORG, regionCode: '330602' })).toBe(false);
  });
});

describe('can(): region scoping', () => {
  const review = (a: Actor, regionCode: string) => can(a, 'organisation.review', { organisationId: ORG, regionCode });

  it('a 330600 (绍兴) officer reviews 越城区 but not 杭州 or 北京东城', () => {
    const officer = bureau('bureau_officer', '330600');
    expect(review(officer, '330602')).toBe(true);
    expect(review(officer, '330600')).toBe(true);
    expect(review(officer, '330100')).toBe(false);
    expect(review(officer, '110101')).toBe(false);
  });

  it('a province-level (330000) officer reviews both 绍兴 and 杭州', () => {
    const officer = bureau('bureau_officer', '330000');
    expect(review(officer, '330602')).toBe(true);
    expect(review(officer, '330100')).toBe(true);
    expect(review(officer, '110101')).toBe(false);
  });

  it('a municipality (110000 北京) scope covers its districts', () => {
    const officer = bureau('bureau_officer', '110000');
    expect(review(officer, '110101')).toBe(true);
    expect(review(officer, '330602')).toBe(false);
  });

  it('a county scope does not reach up to its city or across to a sibling county', () => {
    const officer = bureau('bureau_officer', '330602');
    expect(review(officer, '330602')).toBe(true);
    expect(review(officer, '330600')).toBe(false);
    expect(review(officer, '330603')).toBe(false);
  });

  it('an unknown region is inside no scope', () => {
    expect(review(bureau('bureau_officer', '330000'), '999999')).toBe(false);
  });

  it('grants of different roles do not combine: a 杭州 admin plus a 绍兴 officer cannot create in 绍兴', () => {
    const mixed = actor({ roles: [grant('bureau_admin', '330100'), grant('bureau_officer', '330600')] });
    expect(can(mixed, 'organisation.create', { regionCode: '330602' })).toBe(false);
    expect(can(mixed, 'organisation.create', { regionCode: '330106' })).toBe(true);
    expect(can(mixed, 'organisation.review', { regionCode: '330602' })).toBe(true);
  });
});

describe('regionPrefixes()', () => {
  it("is ['3306'] for a 330600 officer listing organisations", () => {
    expect(regionPrefixes(bureau('bureau_officer', '330600'), 'organisation.list')).toEqual(['3306']);
  });

  it('drops a scope nested inside another one', () => {
    const a = actor({ roles: [grant('bureau_officer', '330600'), grant('bureau_officer', '330000')] });
    expect(regionPrefixes(a, 'organisation.list')).toEqual(['33']);
    const b = actor({ roles: [grant('bureau_officer', '330602'), grant('finance_officer', '330600')] });
    expect(regionPrefixes(b, 'organisation.list')).toEqual(['3306']);
  });

  it('keeps sibling scopes and removes duplicates', () => {
    const a = actor({
      roles: [grant('bureau_officer', '330600'), grant('finance_officer', '330100'), grant('auditor', '330600')],
    });
    expect(regionPrefixes(a, 'organisation.list').sort()).toEqual(['3301', '3306']);
  });

  it('uses whole-province prefixes for municipalities and full codes for counties', () => {
    expect(regionPrefixes(bureau('bureau_officer', '110000'), 'organisation.list')).toEqual(['11']);
    expect(regionPrefixes(bureau('bureau_officer', '330602'), 'organisation.list')).toEqual(['330602']);
  });

  it('counts only roles allowed the action', () => {
    expect(regionPrefixes(bureau('bureau_officer'), 'audit.read')).toEqual([]);
    expect(regionPrefixes(bureau('auditor'), 'audit.read')).toEqual(['3306']);
    expect(regionPrefixes(bureau('finance_officer'), 'user.list')).toEqual([]);
  });

  it('is empty for people without a bureau role and for nobody', () => {
    expect(regionPrefixes(actors.org_admin, 'organisation.list')).toEqual([]);
    expect(regionPrefixes(actors.expert, 'organisation.list')).toEqual([]);
    expect(regionPrefixes(null, 'organisation.list')).toEqual([]);
  });
});

describe('can(): innovation vouchers', () => {
  it('officers decide in their region only; finance pays; the auditor only reads', () => {
    const districtOfficer = bureau('bureau_officer', '330602');
    expect(can(districtOfficer, 'voucher.review', { regionCode: '330602' })).toBe(true);
    // A district officer cannot decide on the city programme (its claims are paid by the city).
    expect(can(districtOfficer, 'voucher.review', { regionCode: '330600' })).toBe(false);
    expect(can(bureau('finance_officer'), 'voucher.settle', { regionCode: '330600' })).toBe(true);
    expect(can(bureau('finance_officer'), 'voucher.review', { regionCode: '330600' })).toBe(false);
    expect(can(bureau('bureau_officer'), 'voucher.settle', { regionCode: '330600' })).toBe(false);
    const auditor = bureau('auditor');
    expect(
      ['voucher.read', 'voucher.configure', 'voucher.review', 'voucher.settle'].map((a) =>
        can(auditor, a as Action, { regionCode: '330602' }),
      ),
    ).toEqual([true, false, false, false]);
  });

  it('enterprise members use vouchers; only a provider admin or its instrument manager claims', () => {
    const user = member(ORG, false, 'enterprise_user');
    expect(can(user, 'voucher.apply', { organisationId: ORG })).toBe(true);
    expect(can(user, 'voucher.provide', { organisationId: ORG })).toBe(false);
    expect(can(member(ORG, false, 'instrument_manager'), 'voucher.provide', { organisationId: ORG })).toBe(true);
    expect(can(member(ORG, true), 'voucher.provide', { organisationId: OTHER_ORG })).toBe(false);
    // The bureau never applies for or spends vouchers itself.
    expect(can(bureau('bureau_admin'), 'voucher.apply', { organisationId: ORG, regionCode: '330602' })).toBe(false);
  });
});
