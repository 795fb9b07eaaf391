import { type ClaimCheck, type ServiceKind, serviceKindLabels } from '../../../shared/api/vouchers.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { StoredCheck } from './claim.table.js';
import { shanghaiDay } from './coverage.js';

/** Why two organisations are related parties, or null. */
export type Relation = 'same_organisation' | 'same_controller' | 'controls' | null;

export const relationLabels = {
  same_organisation: {
    zh: '服务机构与企业为同一单位',
    en: 'the provider and the enterprise are the same organisation',
  },
  same_controller: {
    zh: '服务机构与企业为同一实际控制人',
    en: 'the provider and the enterprise have the same actual controller',
  },
  controls: { zh: '一方为另一方的实际控制人', en: 'one is the actual controller of the other' },
} as const;

export interface Party {
  id: string;
  creditCode: string;
  controllerKey: string | null;
}

/** Same organisation, same declared actual controller, or one controlling the other. */
export function relationOf(a: Party, b: Party): Relation {
  if (a.id === b.id) return 'same_organisation';
  if (a.controllerKey && a.controllerKey === b.controllerKey) return 'same_controller';
  if (a.controllerKey === b.creditCode || b.controllerKey === a.creditCode) return 'controls';
  return null;
}

/** Everything the automatic checks look at, gathered by the claim service. */
export interface ClaimFacts {
  now: Date;
  delivered: { ok: boolean; status: string };
  provider: { admitted: boolean; name: string };
  serviceKind: ServiceKind;
  kindQualifies: boolean;
  quota: { status: string; validFrom: Date; expiresAt: Date; graceDays: number };
  serviceStart: Date;
  feeFen: number;
  publishedFeeFen: number;
  voucherFen: number;
  /** The covered share of the claimed fee under the reservation's settings. */
  coveredFen: number;
  perClaimCapFen: number;
  reservedFen: number;
  /** Annual spending of the enterprise (or controller) in the service's year, without this reservation. */
  annualUsedFen: number;
  annualCapFen: number;
  relation: Relation;
  duplicateClaimId: string | null;
  /** Null: no sensor (self-reported). */
  sensor: { workingMinutes: number } | null;
  claimedMinutes: number;
  minSensorShareBp: number;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

function result(
  check: ClaimCheck,
  outcome: StoredCheck['outcome'],
  values: StoredCheck['values'],
  code: ErrorCode | null = null,
  params: StoredCheck['params'] = {},
): StoredCheck {
  return { check, outcome, code, params, values };
}

/**
 * The automatic checks, in display order (pure). A `fail` refuses the claim; `flag` files it marked
 * for the officer; `manual` files it as self-reported. The first failing check's code is the refusal's.
 */
export function runClaimChecks(f: ClaimFacts): StoredCheck[] {
  const out: StoredCheck[] = [];
  out.push(
    f.delivered.ok
      ? result('service_delivered', 'pass', { status: f.delivered.status })
      : result('service_delivered', 'fail', { status: f.delivered.status }, 'VOUCHER_SERVICE_NOT_DELIVERED', {
          status: f.delivered.status,
        }),
  );
  out.push(
    f.provider.admitted
      ? result('provider_admitted', 'pass', {})
      : result('provider_admitted', 'fail', {}, 'VOUCHER_PROVIDER_NOT_ADMITTED', { name: f.provider.name }),
  );
  out.push(
    f.kindQualifies
      ? result('service_kind', 'pass', { kind: f.serviceKind })
      : result('service_kind', 'fail', { kind: f.serviceKind }, 'VOUCHER_SERVICE_NOT_COVERED', {
          kind: serviceKindLabels[f.serviceKind].zh,
          kindEn: serviceKindLabels[f.serviceKind].en,
        }),
  );
  out.push(validityCheck(f));
  out.push(
    f.feeFen <= f.publishedFeeFen
      ? result('fee', 'pass', { feeFen: f.feeFen, publishedFeeFen: f.publishedFeeFen })
      : result('fee', 'fail', { feeFen: f.feeFen, publishedFeeFen: f.publishedFeeFen }, 'VOUCHER_CLAIM_ABOVE_FEE', {
          fee: yuan(f.feeFen),
          published: yuan(f.publishedFeeFen),
        }),
  );
  out.push(capsCheck(f));
  out.push(
    f.relation === null
      ? result('related_party', 'pass', { relation: null })
      : result('related_party', 'fail', { relation: f.relation }, 'VOUCHER_RELATED_PARTY', {
          relation: relationLabels[f.relation].zh,
          relationEn: relationLabels[f.relation].en,
        }),
  );
  out.push(
    f.duplicateClaimId === null
      ? result('duplicate', 'pass', {})
      : result('duplicate', 'fail', { claimId: f.duplicateClaimId }, 'VOUCHER_CLAIM_DUPLICATE', {
          claimId: f.duplicateClaimId,
        }),
  );
  out.push(usageCheck(f));
  return out;
}

function validityCheck(f: ClaimFacts): StoredCheck {
  const values = {
    serviceStart: f.serviceStart.toISOString(),
    validFrom: f.quota.validFrom.toISOString(),
    expiresAt: f.quota.expiresAt.toISOString(),
    quotaStatus: f.quota.status,
  };
  if (f.quota.status === 'voided') return result('validity', 'fail', values, 'VOUCHER_QUOTA_VOIDED');
  const lastDay = shanghaiDay(new Date(f.quota.expiresAt.getTime() - 1));
  if (f.serviceStart < f.quota.validFrom || f.serviceStart >= f.quota.expiresAt)
    return result('validity', 'fail', values, 'VOUCHER_OUTSIDE_VALIDITY', {
      start: shanghaiDay(f.serviceStart),
      validFrom: shanghaiDay(f.quota.validFrom),
      validUntil: lastDay,
    });
  const claimDeadline = f.quota.expiresAt.getTime() + f.quota.graceDays * 86_400_000;
  if (f.now.getTime() >= claimDeadline)
    return result('validity', 'fail', values, 'VOUCHER_QUOTA_EXPIRED', {
      expiresAt: lastDay,
      grace: f.quota.graceDays ? `，兑付申请须在到期后 ${f.quota.graceDays} 天内提交` : '',
      graceEn: f.quota.graceDays ? `; claims had to be filed within ${f.quota.graceDays} days after` : '',
    });
  return result('validity', 'pass', values);
}

function capsCheck(f: ClaimFacts): StoredCheck {
  const values = {
    voucherFen: f.voucherFen,
    coveredFen: f.coveredFen,
    perClaimCapFen: f.perClaimCapFen,
    reservedFen: f.reservedFen,
    annualUsedFen: f.annualUsedFen,
    annualCapFen: f.annualCapFen,
  };
  const limits: [number, string, string][] = [
    [f.coveredFen, '按补贴比例可抵扣的金额', 'the covered share of the fee'],
    [f.perClaimCapFen, '单笔兑付上限', 'the per-claim cap'],
    [f.reservedFen, '预约时冻结的金额', 'the amount reserved at booking'],
    [f.annualCapFen - f.annualUsedFen, '企业年度兑付上限', 'the annual cap'],
  ];
  for (const [cap, zh, en] of limits) {
    if (f.voucherFen > cap)
      return result('caps', 'fail', values, 'VOUCHER_CAP_EXCEEDED', {
        limit: zh,
        limitEn: en,
        cap: yuan(Math.max(0, cap)),
        amount: yuan(f.voucherFen),
      });
  }
  return result('caps', 'pass', values);
}

function usageCheck(f: ClaimFacts): StoredCheck {
  if (!f.sensor)
    return result(
      'usage',
      'manual',
      { claimedMinutes: f.claimedMinutes, workingMinutes: null },
      'VOUCHER_SELF_REPORTED',
    );
  // Integer arithmetic on minutes × basis points: no float edge at exactly the threshold.
  const required = Math.ceil((f.claimedMinutes * f.minSensorShareBp) / 10_000);
  const working = Math.round(f.sensor.workingMinutes * 10) / 10;
  const values = { claimedMinutes: f.claimedMinutes, workingMinutes: working, requiredMinutes: required };
  if (working >= required) return result('usage', 'pass', values);
  return result('usage', 'flag', values, 'VOUCHER_USAGE_SHORT', {
    working,
    claimed: f.claimedMinutes,
    share: f.minSensorShareBp / 100,
    required,
  });
}

export function firstFailure(checks: readonly StoredCheck[]): StoredCheck | undefined {
  return checks.find((c) => c.outcome === 'fail');
}
