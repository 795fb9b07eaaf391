import { z } from 'zod';
import { organisationTypes } from '../roles.js';
import { idParams, isoDate } from './common.js';
import { regionCode } from './organisations.js';

/**
 * API shapes of innovation vouchers (创新券), shared by the server routes and the web screens.
 * Money is integer fen; calendar days are YYYY-MM-DD (Asia/Shanghai); timestamps are ISO 8601.
 * Every list answers `{ items, total, page, pageSize }` (paged() in common.ts). State-changing
 * requests that move money accept an `Idempotency-Key` header (8–100 characters): a retried
 * request with the same key answers the first result and never moves money twice.
 *
 * Endpoints (all under /api/vouchers):
 *   Programmes (versioned settings per issuing region)
 *     GET    /programmes                          list (programmeListQuery) → paged(programmeSummary)
 *     POST   /programmes                          create (createProgrammeBody) → programmeDetail
 *     GET    /programmes/:id                      → programmeDetail (current settings + every version)
 *     POST   /programmes/:id/versions             new settings version (programmeVersionBody) → programmeDetail
 *     POST   /programmes/:id/activate | /close    status change (reasonBody) → programmeDetail
 *     GET    /programmes/:id/eligibility          ?organisationId → eligibilityResult
 *   Provider admission (服务机构入库)
 *     POST   /providers                           apply (providerApplicationBody) → providerDetail
 *     GET    /providers                           list (providerListQuery) → paged(providerSummary)
 *     GET    /providers/:id                       → providerDetail (services, credit check, events)
 *     POST   /providers/:id/approve | /reject | /suspend | /reinstate | /withdraw   (reasonBody) → providerDetail
 *   Quota applications (申领) and issued quotas
 *     POST   /quota-applications                  apply (quotaApplicationBody) → quotaApplicationDetail
 *     GET    /quota-applications                  list (quotaApplicationListQuery) → paged(quotaApplicationSummary)
 *     GET    /quota-applications/:id              → quotaApplicationDetail
 *     POST   /quota-applications/:id/approve      (approveQuotaBody) → quotaApplicationDetail (quota issued)
 *     POST   /quota-applications/:id/reject | /withdraw   (reasonBody) → quotaApplicationDetail
 *   Wallet (企业券包) and movements
 *     GET    /wallet                              ?organisationId → wallet
 *     GET    /quotas                              officer/finance list (quotaListQuery) → paged(quotaView)
 *     GET    /quotas/:id                          → quotaView
 *     GET    /quotas/:id/movements                (pageQuery) → paged(movementItem)
 *     GET    /quotas/:id/movements/export         ?format=csv|xlsx → file
 *     POST   /quotas/:id/void                     fraud (voidQuotaBody) → quotaView
 *   Reservations at booking / service order time
 *     GET    /quote                               ?bookingId|serviceOrderId&quotaId → quoteResult
 *     POST   /reservations                        (reservationBody, Idempotency-Key) → reservationView
 *     GET    /reservations                        (reservationListQuery) → paged(reservationView)
 *     GET    /reservations/:id                    → reservationView
 *     POST   /reservations/:id/release            (reasonBody) → reservationView
 *     GET    /bookings/:id                        voucher use of a booking → subjectVouchers
 *   Service orders (检验检测 / 技术服务 without an instrument booking)
 *     POST   /service-orders                      (serviceOrderBody) → serviceOrderView
 *     GET    /service-orders                      (serviceOrderListQuery) → paged(serviceOrderView)
 *     GET    /service-orders/:id                  → serviceOrderView
 *     POST   /service-orders/:id/deliver          (deliverServiceOrderBody) → serviceOrderView
 *     POST   /service-orders/:id/cancel           (reasonBody) → serviceOrderView (releases its reservation)
 *   Claims (兑付申请), evidence and automatic checks
 *     GET    /claims/precheck                     ?reservationId (+claimBody fields) → precheckResult
 *     POST   /claims                              file (claimBody, Idempotency-Key) → claimDetail; refusal = 422 with details: checkResult[]
 *     GET    /claims                              provider list / review queue (claimListQuery) → paged(claimSummary)
 *     GET    /claims/export                       same filters + format → file (finance)
 *     GET    /claims/:id                          → claimDetail (evidence panel: booking, service record, sensor window)
 *     POST   /claims/:id/approve                  (reasonBody) → claimDetail
 *     POST   /claims/:id/reject                   (requiredReasonBody) → claimDetail
 *     POST   /claims/batch-approve                (batchApproveBody) → batchResult
 *     POST   /claims/:id/void                     fraud claw-back (voidClaimBody) → claimDetail
 *     POST   /claims/:id/recover                  finance: the clawed-back money came back (recoverBody) → claimDetail
 *   Settlement batches (monthly, per provider)
 *     GET    /settlements                         (settlementListQuery) → paged(settlementSummary)
 *     GET    /settlements/export                  same filters + format → file
 *     GET    /settlements/:id                     → settlementDetail (claim lines)
 *     GET    /settlements/:id/export              ?format → file for the finance system
 *     POST   /settlements/:id/pay                 finance (payBatchBody) → settlementDetail
 *   Figures
 *     GET    /figures                             (figuresQuery) → figuresResult
 *     GET    /figures/export                      same + format → file
 *   Related parties and ledger
 *     GET    /organisations/:id/controller        → controllerView
 *     PUT    /organisations/:id/controller        (controllerBody) → controllerView
 *     GET    /ledger/verify                       auditor → ledgerVerifyResult
 */

const text = (max: number) => z.string().trim().min(1).max(max);
export const fen = z.number().int().min(0).max(1e13);
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const bp = z.number().int().min(0).max(10_000);
const reason = z.string().trim().max(2000);
type Labels = Record<string, { zh: string; en: string }>;

const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
export const exportFormat = z.enum(['csv', 'xlsx']).default('csv');
export const VOUCHER_EXPORT_MAX_ROWS = 50_000;

// ---------------------------------------------------------------- vocabularies

/** What a voucher can pay for. Instrument kinds come from bookings; the others from service orders. */
export const serviceKinds = ['instrument_use', 'instrument_testing', 'testing', 'technology_service'] as const;
export type ServiceKind = (typeof serviceKinds)[number];
export const serviceKindLabels = {
  instrument_use: { zh: '仪器自主上机', en: 'Instrument use (self-operated)' },
  instrument_testing: { zh: '仪器委托测试', en: 'Instrument sample testing' },
  testing: { zh: '检验检测服务', en: 'Testing service' },
  technology_service: { zh: '技术服务', en: 'Technology service' },
} as const satisfies Record<ServiceKind, { zh: string; en: string }>;

export const programmeStatusLabels = {
  draft: { zh: '草稿', en: 'Draft' },
  active: { zh: '实施中', en: 'Active' },
  closed: { zh: '已结束', en: 'Closed' },
} as const satisfies Labels;
export type ProgrammeStatus = keyof typeof programmeStatusLabels;

export const providerStatusLabels = {
  applied: { zh: '待审核', en: 'Awaiting review' },
  admitted: { zh: '已入库', en: 'Admitted' },
  rejected: { zh: '未通过', en: 'Rejected' },
  suspended: { zh: '已暂停', en: 'Suspended' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
} as const satisfies Labels;
export type ProviderStatus = keyof typeof providerStatusLabels;

export const quotaApplicationStatusLabels = {
  submitted: { zh: '待审核', en: 'Awaiting review' },
  approved: { zh: '已发放', en: 'Approved and issued' },
  rejected: { zh: '未通过', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
} as const satisfies Labels;
export type QuotaApplicationStatus = keyof typeof quotaApplicationStatusLabels;

export const quotaStatusLabels = {
  active: { zh: '有效', en: 'Active' },
  expired: { zh: '已过期', en: 'Expired' },
  voided: { zh: '已作废', en: 'Voided' },
} as const satisfies Labels;
export type QuotaStatus = keyof typeof quotaStatusLabels;

export const reservationStatusLabels = {
  held: { zh: '已冻结', en: 'Reserved' },
  released: { zh: '已释放', en: 'Released' },
  redeemed: { zh: '已兑付', en: 'Redeemed' },
  expired: { zh: '已过期', en: 'Expired' },
} as const satisfies Labels;
export type ReservationStatus = keyof typeof reservationStatusLabels;

export const serviceOrderStatusLabels = {
  ordered: { zh: '已下单', en: 'Ordered' },
  delivered: { zh: '已完成服务', en: 'Delivered' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
} as const satisfies Labels;
export type ServiceOrderStatus = keyof typeof serviceOrderStatusLabels;

export const claimStatusLabels = {
  pending_review: { zh: '待审核', en: 'Awaiting review' },
  approved: { zh: '审核通过', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  settled: { zh: '已结算', en: 'Settled' },
  voided: { zh: '已作废追回', en: 'Voided (clawed back)' },
} as const satisfies Labels;
export type ClaimStatus = keyof typeof claimStatusLabels;

export const settlementStatusLabels = {
  open: { zh: '待拨付', en: 'Awaiting payment' },
  paid: { zh: '已拨付', en: 'Paid' },
} as const satisfies Labels;
export type SettlementStatus = keyof typeof settlementStatusLabels;

/** Postings of the voucher ledger, as the enterprise sees them in its movements. */
export const movementKindLabels = {
  issue: { zh: '发放', en: 'Issued' },
  reserve: { zh: '预约冻结', en: 'Reserved' },
  release: { zh: '释放', en: 'Released' },
  redeem: { zh: '兑付', en: 'Redeemed' },
  settle: { zh: '结算拨付', en: 'Settled' },
  void: { zh: '作废', en: 'Voided' },
  expire: { zh: '到期失效', en: 'Expired' },
  clawback: { zh: '追回', en: 'Clawed back' },
  recover: { zh: '追回到账', en: 'Claw-back recovered' },
} as const satisfies Labels;
export type MovementKind = keyof typeof movementKindLabels;

/** Evidence behind a claim: the instrument's sensor, or the provider's word (manual review). */
export const evidenceKinds = ['sensor', 'self_reported'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];
export const evidenceKindLabels = {
  sensor: { zh: '传感器佐证', en: 'Sensor-backed' },
  self_reported: { zh: '自报（人工复核）', en: 'Self-reported (manual review)' },
} as const satisfies Record<EvidenceKind, { zh: string; en: string }>;

/** The automatic checks of a claim, in the order they run and are shown. */
export const claimChecks = [
  'service_delivered',
  'provider_admitted',
  'service_kind',
  'validity',
  'fee',
  'caps',
  'related_party',
  'duplicate',
  'usage',
] as const;
export type ClaimCheck = (typeof claimChecks)[number];
export const claimCheckLabels = {
  service_delivered: { zh: '服务已完成', en: 'Service delivered' },
  provider_admitted: { zh: '服务机构已入库', en: 'Provider admitted' },
  service_kind: { zh: '服务类型在支持范围内', en: 'Service qualifies' },
  validity: { zh: '创新券在有效期内', en: 'Voucher valid' },
  fee: { zh: '收费不高于公布标准', en: 'Fee within published fee' },
  caps: { zh: '未超比例与限额', en: 'Within coverage and caps' },
  related_party: { zh: '非关联交易', en: 'Not related parties' },
  duplicate: { zh: '未重复申请', en: 'Not a duplicate' },
  usage: { zh: '物联网机时佐证', en: 'IoT-confirmed working time' },
} as const satisfies Record<ClaimCheck, { zh: string; en: string }>;
/**
 * pass; fail (a blocking check: the claim is refused and nothing is written); flag (the claim is
 * filed but marked for the officer, e.g. the sensor saw too little working time); manual (no
 * sensor: self-reported, routed to manual review).
 */
export const checkOutcomes = ['pass', 'fail', 'flag', 'manual'] as const;

// ---------------------------------------------------------------- programmes

export const programmeSettings = z
  .object({
    /** Who may apply for quota: organisation types and regions (an enterprise inside any of them). */
    eligibleOrgTypes: z.array(z.enum(organisationTypes)).min(1).max(6),
    eligibleRegionCodes: z.array(regionCode).min(1).max(200),
    /** Exclude enterprises the bureau funded last calendar year (paid 揭榜挂帅 subsidies on this platform). */
    excludeFundedLastYear: z.boolean().default(true),
    /** Further exclusions by credit code, e.g. last year's city S&T plan projects kept outside the platform. */
    excludedCreditCodes: z.array(z.string().trim().toUpperCase().length(18)).max(10_000).default([]),
    /** Organisation types that may apply for admission as service providers. */
    providerOrgTypes: z.array(z.enum(organisationTypes)).min(1).max(6),
    /** Covered share of the fee in basis points (5000 = 50%). */
    coverageBp: bp.min(1),
    /** Fees under this amount are covered in full (Yuhuan: services under ¥10,000); 0 = never. */
    fullCoverageBelowFen: fen.default(0),
    perClaimCapFen: fen.min(1),
    annualCapFen: fen.min(1),
    /** The programme's fund: money in circulation (issued less expired and voided) may not exceed it; 0 = no limit. */
    budgetFen: fen.default(0),
    /** Whose calendar-year spending the annual cap limits: the enterprise, or all enterprises of one actual controller. */
    annualCapBy: z.enum(['enterprise', 'controller']).default('enterprise'),
    serviceKinds: z.array(z.enum(serviceKinds)).min(1).max(4),
    /** Quotas are valid from validFrom to the end of validUntil; services must start inside it. */
    validFrom: day,
    validUntil: day,
    /** Days after validUntil a provider may still file claims for services delivered in time. */
    claimGraceDays: z.number().int().min(0).max(366).default(30),
    /** Sensor-confirmed working time must reach this share of the claimed hours, or the claim is flagged. */
    minSensorShareBp: bp.default(6000),
    /**
     * 通用通兑: regions whose programmes this one has a mutual acceptance agreement with. A voucher
     * is accepted by a provider admitted in another region when each programme lists the other's region.
     */
    partnerRegionCodes: z.array(regionCode).max(50).default([]),
  })
  .refine((s) => s.validFrom <= s.validUntil, {
    path: ['validUntil'],
    message: 'validUntil must not precede validFrom',
  })
  .refine((s) => s.perClaimCapFen <= s.annualCapFen, {
    path: ['perClaimCapFen'],
    message: 'the per-claim cap cannot exceed the annual cap',
  });
export type ProgrammeSettings = z.infer<typeof programmeSettings>;

export const createProgrammeBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{3,40}$/),
  name: text(100),
  regionCode,
  description: z.string().trim().max(5000).optional(),
  settings: programmeSettings,
});
export const programmeVersionBody = z.object({
  settings: programmeSettings,
  note: z.string().trim().max(500).optional(),
});
export const reasonBody = z.object({ reason: reason.optional() });
export const requiredReasonBody = z.object({ reason: z.string().trim().min(2).max(2000) });

export const programmeListQuery = z.object({
  regionCode: regionCode.optional(),
  status: z.enum(['draft', 'active', 'closed']).optional(),
  ...page,
});

export const programmeSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  status: z.enum(['draft', 'active', 'closed']),
  version: z.number().int(),
  coverageBp: z.number().int(),
  perClaimCapFen: z.number().int(),
  annualCapFen: z.number().int(),
  validFrom: day,
  validUntil: day,
  partnerRegionCodes: z.array(z.string()),
  serviceKinds: z.array(z.enum(serviceKinds)),
  admittedProviders: z.number().int(),
  issuedFen: z.number().int(),
});

export const programmeVersionView = z.object({
  version: z.number().int(),
  settings: programmeSettings,
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: isoDate,
});

export const eventItem = z.object({
  id: z.number().int(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  at: isoDate,
});

export const programmeDetail = programmeSummary.extend({
  description: z.string().nullable(),
  settings: programmeSettings,
  versions: z.array(programmeVersionView),
  events: z.array(eventItem),
  allowedCommands: z.array(z.string()),
  canManage: z.boolean(),
});

export const eligibilityQuery = z.object({ organisationId: z.uuid().optional() });
export const eligibilityResult = z.object({
  eligible: z.boolean(),
  /** Why not, one coded reason each (message in the request's language). */
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
  /** What the organisation could still apply for this year. */
  remainingAnnualFen: z.number().int(),
});

// ---------------------------------------------------------------- providers

/** A service the provider publishes with its fee (Shanghai rule: published content, standards and fees). */
export const publishedService = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,40}$/),
  name: text(100),
  kind: z.enum(['testing', 'technology_service']),
  /** Fee per unit, fen. */
  feeFen: fen.min(1),
  unit: text(20),
  standard: z.string().trim().max(200).optional(),
});

export type PublishedService = z.infer<typeof publishedService>;

export const providerApplicationBody = z.object({
  programmeId: z.uuid(),
  organisationId: z.uuid().optional(),
  serviceKinds: z.array(z.enum(serviceKinds)).min(1).max(4),
  /** Instrument services use the instruments' fee schedule; other services are listed here with fees. */
  services: z.array(publishedService).max(100).default([]),
  intro: text(5000),
  contactName: text(50),
  contactPhone: z.string().trim().max(20),
  /** The provider's self-evaluation pledge (自评承诺): true facts, published fees, research integrity. */
  pledge: z.literal(true),
});

export const providerListQuery = z.object({
  programmeId: z.uuid().optional(),
  status: z.enum(['applied', 'admitted', 'rejected', 'suspended', 'withdrawn']).optional(),
  organisationId: z.uuid().optional(),
  /** Only my organisations' admissions. */
  mine: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  ...page,
});

export const providerSummary = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  programmeRegionCode: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  organisationType: z.string(),
  regionCode: z.string(),
  status: z.enum(['applied', 'admitted', 'rejected', 'suspended', 'withdrawn']),
  serviceKinds: z.array(z.enum(serviceKinds)),
  instrumentCount: z.number().int(),
  appliedAt: isoDate,
  decidedAt: isoDate.nullable(),
});

export const creditCheck = z.object({
  /** False when the organisation is blacklisted now: admission is refused. */
  ok: z.boolean(),
  blacklisted: z.boolean(),
  blacklistExpiresAt: isoDate.nullable(),
  /** Breaches and blacklistings on record (including ended ones), newest first. */
  records: z.array(
    z.object({
      kind: z.string(),
      reason: z.string(),
      startsAt: isoDate,
      active: z.boolean(),
      source: z.string().nullable(),
    }),
  ),
  checkedAt: isoDate,
});

export const providerDetail = providerSummary.extend({
  services: z.array(publishedService),
  intro: z.string(),
  contactName: z.string(),
  /** Masked (138****0000) except for the provider's own members and bureau staff. */
  contactPhone: z.string(),
  creditCheck,
  events: z.array(eventItem),
  allowedCommands: z.array(z.string()),
});

// ---------------------------------------------------------------- quota applications and quotas

export const quotaApplicationBody = z.object({
  programmeId: z.uuid(),
  organisationId: z.uuid().optional(),
  amountFen: fen.min(100),
  purpose: text(2000),
});
export const approveQuotaBody = z.object({
  /** Defaults to the amount applied for; may be lower, never higher. */
  amountFen: fen.min(100).optional(),
  reason: reason.optional(),
});

export const quotaApplicationListQuery = z.object({
  programmeId: z.uuid().optional(),
  status: z.enum(['submitted', 'approved', 'rejected', 'withdrawn']).optional(),
  organisationId: z.uuid().optional(),
  mine: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  ...page,
});

export const quotaApplicationSummary = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  regionCode: z.string(),
  amountFen: z.number().int(),
  approvedFen: z.number().int().nullable(),
  status: z.enum(['submitted', 'approved', 'rejected', 'withdrawn']),
  submittedAt: isoDate,
  decidedAt: isoDate.nullable(),
  quotaId: z.uuid().nullable(),
});

export const quotaApplicationDetail = quotaApplicationSummary.extend({
  purpose: z.string(),
  /** The eligibility check as it stands now (officers see why an enterprise would be refused). */
  eligibility: eligibilityResult,
  events: z.array(eventItem),
  allowedCommands: z.array(z.string()),
});

/** Balances are sums of ledger postings, never stored counters. */
export const quotaBalances = z.object({
  issuedFen: z.number().int(),
  availableFen: z.number().int(),
  reservedFen: z.number().int(),
  redeemedFen: z.number().int(),
  expiredFen: z.number().int(),
  voidedFen: z.number().int(),
});

export const quotaView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  programmeRegionCode: z.string(),
  programmeVersion: z.number().int(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  status: z.enum(['active', 'expired', 'voided']),
  issuedAt: isoDate,
  validFrom: day,
  expiresAt: isoDate,
  coverageBp: z.number().int(),
  perClaimCapFen: z.number().int(),
  balances: quotaBalances,
  /** Regions whose admitted providers accept this voucher (own region first). */
  acceptedInRegions: z.array(z.string()),
});

export const quotaListQuery = z.object({
  programmeId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  status: z.enum(['active', 'expired', 'voided']).optional(),
  ...page,
});

export const wallet = z.object({
  organisationId: z.uuid(),
  organisationName: z.string(),
  quotas: z.array(quotaView),
  totals: quotaBalances,
  /** Programmes the organisation may apply to now. */
  openProgrammes: z.array(programmeSummary),
  pendingApplications: z.array(quotaApplicationSummary),
});
export const walletQuery = z.object({ organisationId: z.uuid().optional() });

export const movementItem = z.object({
  /** Ledger journal entry id. */
  id: z.number().int(),
  kind: z.enum(['issue', 'reserve', 'release', 'redeem', 'settle', 'void', 'expire', 'clawback', 'recover']),
  at: isoDate,
  availableDeltaFen: z.number().int(),
  reservedDeltaFen: z.number().int(),
  /** Running balances after this movement. */
  availableAfterFen: z.number().int(),
  reservedAfterFen: z.number().int(),
  memo: z.string().nullable(),
  reservationId: z.uuid().nullable(),
  claimId: z.uuid().nullable(),
  bookingId: z.uuid().nullable(),
  serviceOrderId: z.uuid().nullable(),
});

export const voidQuotaBody = z.object({
  reason: z.string().trim().min(2).max(2000),
  /** Add a breach entry to the enterprise's credit record (信用记录). */
  creditRecord: z.boolean().default(true),
});

// ---------------------------------------------------------------- reservations

export const subjectQuery = z
  .object({ bookingId: z.uuid().optional(), serviceOrderId: z.uuid().optional(), quotaId: z.uuid().optional() })
  .refine((q) => Boolean(q.bookingId) !== Boolean(q.serviceOrderId), {
    message: 'give exactly one of bookingId and serviceOrderId',
  });

/** The split of one fee: the covered share and the enterprise's own share (sum = fee). */
export const split = z.object({
  feeFen: z.number().int(),
  coveredFen: z.number().int(),
  ownShareFen: z.number().int(),
  /** Which rule set the covered amount: the coverage ratio, full coverage, a cap, or the balance. */
  limitedBy: z.enum(['coverage', 'full_coverage', 'per_claim_cap', 'annual_cap', 'balance']),
});

export const quoteResult = z.object({
  subjectType: z.enum(['booking', 'service_order']),
  subjectId: z.uuid(),
  serviceKind: z.enum(serviceKinds),
  providerOrganisationId: z.uuid(),
  providerName: z.string(),
  /** Every quota of the enterprise with what it could cover here, or why it cannot. */
  options: z.array(
    z.object({
      quotaId: z.uuid(),
      programmeName: z.string(),
      usable: z.boolean(),
      split: split.nullable(),
      refusal: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
});

export const reservationBody = z
  .object({
    bookingId: z.uuid().optional(),
    serviceOrderId: z.uuid().optional(),
    quotaId: z.uuid(),
    /** The voucher amount the enterprise confirmed; omitted = as much as the rules and balance allow. */
    amountFen: fen.min(1).optional(),
  })
  .refine((b) => Boolean(b.bookingId) !== Boolean(b.serviceOrderId), {
    message: 'give exactly one of bookingId and serviceOrderId',
  });

export const reservationView = z.object({
  id: z.uuid(),
  quotaId: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  subjectType: z.enum(['booking', 'service_order']),
  subjectId: z.uuid(),
  serviceKind: z.enum(serviceKinds),
  enterpriseOrganisationId: z.uuid(),
  enterpriseName: z.string(),
  providerOrganisationId: z.uuid(),
  providerName: z.string(),
  /** What was being bought: instrument name or published service name. */
  subjectName: z.string(),
  serviceStart: isoDate,
  feeFen: z.number().int(),
  amountFen: z.number().int(),
  ownShareFen: z.number().int(),
  status: z.enum(['held', 'released', 'redeemed', 'expired']),
  createdAt: isoDate,
  releasedAt: isoDate.nullable(),
  releaseReason: z.string().nullable(),
  claimId: z.uuid().nullable(),
});

export const reservationListQuery = z.object({
  quotaId: z.uuid().optional(),
  status: z.enum(['held', 'released', 'redeemed', 'expired']).optional(),
  /** 'enterprise' (my organisations' reservations) or 'provider' (reservations on my services, to claim). */
  side: z.enum(['enterprise', 'provider']).default('enterprise'),
  ...page,
});

// ---------------------------------------------------------------- service orders

export const serviceOrderBody = z.object({
  /** The provider's admission (whose published services are ordered). */
  providerId: z.uuid(),
  serviceKey: z.string().trim().min(1).max(40),
  quantity: z.number().int().min(1).max(10_000),
  organisationId: z.uuid().optional(),
  note: z.string().trim().max(1000).optional(),
});
export const deliverServiceOrderBody = z.object({
  deliveredOn: day,
  /** The fee charged; defaults to the published fee × quantity. */
  feeFen: fen.optional(),
  report: z.string().trim().max(2000).optional(),
});
export const serviceOrderListQuery = z.object({
  side: z.enum(['enterprise', 'provider']).default('enterprise'),
  status: z.enum(['ordered', 'delivered', 'cancelled']).optional(),
  ...page,
});
export const serviceOrderView = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  providerOrganisationId: z.uuid(),
  providerName: z.string(),
  enterpriseOrganisationId: z.uuid(),
  enterpriseName: z.string(),
  serviceKey: z.string(),
  serviceName: z.string(),
  kind: z.enum(['testing', 'technology_service']),
  unit: z.string(),
  quantity: z.number().int(),
  publishedFeeFen: z.number().int(),
  feeFen: z.number().int().nullable(),
  status: z.enum(['ordered', 'delivered', 'cancelled']),
  orderedAt: isoDate,
  deliveredOn: day.nullable(),
  report: z.string().nullable(),
  note: z.string().nullable(),
  reservationId: z.uuid().nullable(),
  allowedCommands: z.array(z.string()),
});

// ---------------------------------------------------------------- claims

export const claimBody = z.object({
  reservationId: z.uuid(),
  /** The fee charged; defaults to the service record's (or delivered order's) fee. */
  feeFen: fen.optional(),
  /** Hours claimed, in minutes; defaults to the service record's prep + measurement + post-processing. */
  claimedMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60 * 7)
    .optional(),
  /** Voucher amount claimed; defaults to the covered share of the fee, up to the reservation. */
  voucherFen: fen.optional(),
  note: z.string().trim().max(2000).optional(),
});
export const precheckQuery = z.object({
  reservationId: z.uuid(),
  feeFen: z.coerce.number().int().min(0).optional(),
  claimedMinutes: z.coerce.number().int().min(1).optional(),
  voucherFen: z.coerce.number().int().min(0).optional(),
});

export const checkResult = z.object({
  check: z.enum(claimChecks),
  label: z.string(),
  outcome: z.enum(checkOutcomes),
  /** The reason code when not passed (an error code of src/shared/errors.ts). */
  code: z.string().nullable(),
  message: z.string().nullable(),
  /** The figures compared, e.g. { feeFen, publishedFeeFen } or { workingMinutes, requiredMinutes }. */
  values: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
});

export const precheckResult = z.object({
  wouldFile: z.boolean(),
  evidence: z.enum(evidenceKinds),
  flagged: z.boolean(),
  voucherFen: z.number().int(),
  checks: z.array(checkResult),
});

export const claimListQuery = z.object({
  status: z.enum(['pending_review', 'approved', 'rejected', 'settled', 'voided']).optional(),
  programmeId: z.uuid().optional(),
  providerOrganisationId: z.uuid().optional(),
  enterpriseOrganisationId: z.uuid().optional(),
  evidence: z.enum(evidenceKinds).optional(),
  flagged: z.enum(['true', 'false']).optional(),
  /** Month the service started in. */
  month: month.optional(),
  /** 'provider': claims of my organisations; 'review': the bureau queue of my region; 'enterprise': claims on my vouchers. */
  side: z.enum(['provider', 'review', 'enterprise']).default('review'),
  q: z.string().trim().max(100).optional(),
  ...page,
});

export const claimSummary = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  quotaId: z.uuid(),
  reservationId: z.uuid(),
  providerOrganisationId: z.uuid(),
  providerName: z.string(),
  enterpriseOrganisationId: z.uuid(),
  enterpriseName: z.string(),
  subjectType: z.enum(['booking', 'service_order']),
  subjectId: z.uuid(),
  subjectName: z.string(),
  serviceKind: z.enum(serviceKinds),
  serviceStart: isoDate,
  serviceEnd: isoDate,
  feeFen: z.number().int(),
  publishedFeeFen: z.number().int(),
  voucherFen: z.number().int(),
  claimedMinutes: z.number().int(),
  evidence: z.enum(evidenceKinds),
  workingMinutes: z.number().nullable(),
  flagged: z.boolean(),
  status: z.enum(['pending_review', 'approved', 'rejected', 'settled', 'voided']),
  filedAt: isoDate,
  decidedAt: isoDate.nullable(),
  settlementId: z.uuid().nullable(),
});

/** The evidence the platform attached itself, for the officer's evidence panel. */
export const claimEvidence = z.object({
  booking: z
    .object({
      id: z.uuid(),
      instrumentId: z.uuid(),
      instrumentName: z.string(),
      mode: z.string(),
      status: z.string(),
      start: isoDate,
      end: isoDate,
      checkedInAt: isoDate.nullable(),
    })
    .nullable(),
  serviceRecord: z
    .object({
      id: z.uuid(),
      startedAt: isoDate,
      prepMinutes: z.number().int(),
      measureMinutes: z.number().int(),
      postMinutes: z.number().int(),
      samples: z.number().int(),
      feeFen: z.number().int(),
      external: z.boolean(),
    })
    .nullable(),
  serviceOrder: serviceOrderView.nullable(),
  /** Sensor minutes inside the booked slot, as measured when the claim was filed; null without a sensor. */
  sensor: z
    .object({
      instrumentId: z.uuid(),
      from: isoDate,
      to: isoDate,
      workingMinutes: z.number(),
      onMinutes: z.number(),
      unknownMinutes: z.number(),
      overlapShare: z.number(),
      /** Where the web draws the power trace: the slot widened by an hour each side (GET /api/telemetry/instruments/:id/trace). */
      traceFrom: isoDate,
      traceTo: isoDate,
    })
    .nullable(),
  /** Published fee the claim is compared with, and how it was computed. */
  publishedFeeFen: z.number().int(),
  feeBasis: z.string(),
});

export const claimDetail = claimSummary.extend({
  note: z.string().nullable(),
  checks: z.array(checkResult),
  evidenceDetail: claimEvidence,
  events: z.array(eventItem),
  allowedCommands: z.array(z.string()),
  decisionReason: z.string().nullable(),
  /** For a claim voided after payment: what the provider owes back, and when finance recorded it returned. */
  clawback: z.object({ owedFen: z.number().int(), recoveredAt: isoDate.nullable() }).nullable(),
});
export const recoverBody = z.object({ paymentRef: text(100) });

export const batchApproveBody = z.object({ ids: z.array(z.uuid()).min(1).max(500), reason: reason.optional() });
export const batchResult = z.object({
  done: z.array(z.string()),
  failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
});

export const voidClaimBody = z.object({
  reason: z.string().trim().min(2).max(2000),
  /** Also void the enterprise's voucher (its remaining balance goes back to the programme). */
  voidQuota: z.boolean().default(false),
  /** Also suspend the provider's admission. */
  suspendProvider: z.boolean().default(false),
  /** Whose credit record receives a breach entry. */
  creditRecord: z
    .array(z.enum(['provider', 'enterprise']))
    .max(2)
    .default(['provider']),
});

// ---------------------------------------------------------------- settlement

export const settlementListQuery = z.object({
  programmeId: z.uuid().optional(),
  providerOrganisationId: z.uuid().optional(),
  status: z.enum(['open', 'paid']).optional(),
  month: month.optional(),
  ...page,
});

export const settlementSummary = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  providerOrganisationId: z.uuid(),
  providerName: z.string(),
  month,
  status: z.enum(['open', 'paid']),
  claimCount: z.number().int(),
  /** Sum of the batch's approved (or settled) claims, voided ones excluded. */
  totalFen: z.number().int(),
  /** True once the month is over: only then may finance pay it. */
  payable: z.boolean(),
  paidAt: isoDate.nullable(),
  paymentRef: z.string().nullable(),
});

export const settlementDetail = settlementSummary.extend({
  claims: z.array(claimSummary),
  events: z.array(eventItem),
  allowedCommands: z.array(z.string()),
});

export const payBatchBody = z.object({
  /** The finance system's payment voucher number (凭证号). */
  paymentRef: text(100),
  paidOn: day,
  /** The total finance paid; must equal the batch total (guards against paying a changed batch). */
  totalFen: fen,
});

// ---------------------------------------------------------------- figures

export const figuresQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  programmeId: z.uuid().optional(),
  regionCode: regionCode.optional(),
  groupBy: z.enum(['programme', 'region', 'provider', 'month']).default('programme'),
});
export const figureAmounts = z.object({
  issuedFen: z.number().int(),
  reservedFen: z.number().int(),
  redeemedFen: z.number().int(),
  settledFen: z.number().int(),
  voidedFen: z.number().int(),
  expiredFen: z.number().int(),
  /** Redeemed money by evidence: claims backed by the sensor vs self-reported. */
  sensorRedeemedFen: z.number().int(),
  selfReportedRedeemedFen: z.number().int(),
});
export const figuresResult = z.object({
  year: z.number().int().nullable(),
  groupBy: z.enum(['programme', 'region', 'provider', 'month']),
  totals: figureAmounts.extend({ sensorShare: z.number() }),
  rows: z.array(figureAmounts.extend({ key: z.string(), name: z.string(), sensorShare: z.number() })),
});

// ---------------------------------------------------------------- related parties, ledger

export const controllerBody = z.object({
  /** The actual controller (实际控制人): a person's name or an organisation's name. */
  name: text(100),
  /** An organisation's unified social credit code, or a person's ID number (kept only as a keyed hash). */
  identifier: z.string().trim().toUpperCase().min(6).max(30),
  kind: z.enum(['organisation', 'person']),
});
export const controllerView = z.object({
  organisationId: z.uuid(),
  declared: z.boolean(),
  name: z.string().nullable(),
  kind: z.enum(['organisation', 'person']).nullable(),
  /** Masked: an organisation's code shows its first 6 and last 2 characters; a person's never shows. */
  identifierMasked: z.string().nullable(),
  declaredAt: isoDate.nullable(),
});

export const ledgerVerifyResult = z.object({
  ok: z.boolean(),
  journals: z.number().int(),
  postings: z.number().int(),
  quotas: z.number().int(),
  /** Sum of every posting of every account (must be 0). */
  totalFen: z.number().int(),
  problems: z.array(z.object({ kind: z.string(), ref: z.string(), detail: z.string() })),
});

export const voucherIdParams = idParams;
