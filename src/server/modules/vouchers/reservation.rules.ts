import { eq } from 'drizzle-orm';
import { serviceKindLabels } from '../../../shared/api/vouchers.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { AppError } from '../../lib/errors.js';
import { organisations } from '../organisations/organisation.table.js';
import { acceptingAdmission } from './acceptance.js';
import { relationLabels, relationOf } from './claim.checks.js';
import { shanghaiDay, shanghaiYear, splitFee, startOfValidity, yearBounds } from './coverage.js';
import type { LedgerRepository } from './ledger.repository.js';
import type { ProgrammeRepository, ProgrammeWithSettings, ProviderRow } from './programme.repository.js';
import type { QuotaRepository, QuotaRow } from './quota.repository.js';
import { type Subject, subjectLabels } from './subject.js';
import { type Exec, orgById, yuan } from './voucher.common.js';

/** A coded reason a voucher cannot pay for a subject (or this amount). */
export class Refusal {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {}
}

export type Evaluation =
  | { ok: false; refusal: Refusal; issuer: ProgrammeWithSettings }
  | {
      ok: true;
      split: ReturnType<typeof splitFee>;
      issuer: ProgrammeWithSettings;
      admission: ProviderRow;
      availableFen: number;
      annualUsedFen: number;
    };

/** Whose spending an annual cap limits: the enterprise, or all enterprises of its declared controller. */
export async function capSubject(exec: Exec, settings: ProgrammeWithSettings['settings'], organisationId: string) {
  const org = await orgById(exec, organisationId);
  if (settings.annualCapBy === 'controller' && org.controllerKey) {
    const group = await exec
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.controllerKey, org.controllerKey));
    return { key: `controller:${org.controllerKey}`, orgIds: group.map((g) => g.id), org };
  }
  return { key: `organisation:${org.id}`, orgIds: [org.id], org };
}

export function relationRefusal(
  enterprise: { id: string; creditCode: string; controllerKey: string | null },
  provider: typeof enterprise,
) {
  const rel = relationOf(enterprise, provider);
  return rel
    ? new Refusal('VOUCHER_RELATED_PARTY', { relation: relationLabels[rel].zh, relationEn: relationLabels[rel].en })
    : null;
}

/** What decides whether a voucher can pay for a booking or order, and how much (reads only). */
export function createReservationRules(deps: {
  programmes: ProgrammeRepository;
  quotas: QuotaRepository;
  ledger: LedgerRepository;
}) {
  const { programmes, quotas, ledger } = deps;

  /**
   * Everything that decides whether this voucher can pay for this subject, and how much: the
   * split, or the first refusal. Run inside the reserving transaction (after the locks) so the
   * balance and the annual use it reads cannot change before the reservation is written.
   */
  async function evaluate(exec: Exec, quota: QuotaRow, subject: Subject, now: Date): Promise<Evaluation> {
    const issuer = await programmes.withSettings(exec, quota.programmeId);
    if (!issuer) throw new AppError('NOT_FOUND');
    const s = issuer.settings;
    const refuse = (code: ErrorCode, params: Record<string, string | number> = {}): Evaluation => ({
      ok: false,
      refusal: new Refusal(code, params),
      issuer,
    });
    if (quota.status === 'voided') return refuse('VOUCHER_QUOTA_VOIDED');
    if (quota.status === 'expired' || now >= quota.expiresAt)
      return refuse('VOUCHER_QUOTA_EXPIRED', {
        expiresAt: shanghaiDay(new Date(quota.expiresAt.getTime() - 1)),
        grace: '',
        graceEn: '',
      });
    if (!subject.reservable)
      return refuse('VOUCHER_SUBJECT_NOT_RESERVABLE', {
        subject: subjectLabels[subject.type].zh,
        subjectEn: subjectLabels[subject.type].en,
        status: subject.statusLabel.zh,
      });
    const validFrom = startOfValidity(quota.validFrom);
    if (subject.start < validFrom || subject.start >= quota.expiresAt)
      return refuse('VOUCHER_OUTSIDE_VALIDITY', {
        start: shanghaiDay(subject.start),
        validFrom: quota.validFrom,
        validUntil: shanghaiDay(new Date(quota.expiresAt.getTime() - 1)),
      });
    if (!s.serviceKinds.includes(subject.kind))
      return refuse('VOUCHER_SERVICE_NOT_COVERED', {
        kind: serviceKindLabels[subject.kind].zh,
        kindEn: serviceKindLabels[subject.kind].en,
      });
    const [enterprise, providerOrg] = await Promise.all([
      orgById(exec, subject.enterpriseOrgId),
      orgById(exec, subject.providerOrgId),
    ]);
    const admission = await acceptingAdmission(exec, programmes, issuer, subject.providerOrgId);
    if (!admission) return refuse('VOUCHER_PROVIDER_NOT_ADMITTED', { name: providerOrg.name });
    if (!admission.serviceKinds.includes(subject.kind))
      return refuse('VOUCHER_SERVICE_NOT_COVERED', {
        kind: serviceKindLabels[subject.kind].zh,
        kindEn: serviceKindLabels[subject.kind].en,
      });
    const related = relationRefusal(enterprise, providerOrg);
    if (related) return { ok: false, refusal: related, issuer };
    if (!subject.feeFen || subject.feeFen <= 0) return refuse('VOUCHER_FEE_UNKNOWN');
    const cap = await capSubject(exec, s, quota.organisationId);
    const [from, to] = yearBounds(shanghaiYear(subject.start));
    const used = await quotas.annualUsed(exec, quota.programmeId, cap.orgIds, from, to);
    const { availableFen } = await ledger.quotaBalances(exec, quota.id);
    const split = splitFee(subject.feeFen, s, { annualRemainingFen: s.annualCapFen - used, balanceFen: availableFen });
    return { ok: true, split, issuer, admission, availableFen, annualUsedFen: used };
  }

  function refusalFor(
    split: ReturnType<typeof splitFee>,
    requested: number,
    availableFen: number,
    s: ProgrammeWithSettings['settings'],
  ) {
    if (split.limitedBy === 'balance' || requested > availableFen)
      return new Refusal('VOUCHER_INSUFFICIENT_BALANCE', { available: yuan(availableFen), needed: yuan(requested) });
    const limit =
      split.limitedBy === 'per_claim_cap'
        ? ['单笔兑付上限', 'the per-claim cap', s.perClaimCapFen]
        : split.limitedBy === 'annual_cap'
          ? ['企业年度兑付上限', 'the annual cap', split.coveredFen]
          : ['按补贴比例可抵扣的金额', 'the covered share of the fee', split.coveredFen];
    return new Refusal('VOUCHER_CAP_EXCEEDED', {
      limit: limit[0] as string,
      limitEn: limit[1] as string,
      cap: yuan(Number(limit[2])),
      amount: yuan(requested),
    });
  }

  return { evaluate, refusalFor };
}
