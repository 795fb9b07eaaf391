/**
 * Where the voucher screens read and write, and the types they get back, inferred from the shapes
 * the server validates with (src/shared/api/vouchers.ts). Kept in one place because the server side
 * is built on another branch against those same shapes.
 */
import type { z } from 'zod';
import type {
  approveQuotaBody,
  batchResult,
  checkResult,
  claimDetail,
  claimEvidence,
  claimSummary,
  createProgrammeBody,
  eligibilityResult,
  eventItem,
  figureAmounts,
  figuresResult,
  ledgerVerifyResult,
  movementItem,
  payBatchBody,
  precheckResult,
  programmeDetail,
  programmeSettings,
  programmeSummary,
  providerApplicationBody,
  providerDetail,
  providerSummary,
  publishedService,
  quotaApplicationBody,
  quotaApplicationDetail,
  quotaApplicationSummary,
  quotaBalances,
  quotaView,
  quoteResult,
  reservationView,
  serviceOrderView,
  settlementDetail,
  settlementSummary,
  split,
  subjectQuery,
  voidClaimBody,
  voidQuotaBody,
  wallet,
} from '../../../shared/api/vouchers';

export type ProgrammeSettings = z.input<typeof programmeSettings>;
export type ProgrammeSummary = z.infer<typeof programmeSummary>;
export type ProgrammeDetail = z.infer<typeof programmeDetail>;
export type CreateProgrammeBody = z.input<typeof createProgrammeBody>;
export type EligibilityResult = z.infer<typeof eligibilityResult>;
export type VoucherEvent = z.infer<typeof eventItem>;
export type PublishedService = z.infer<typeof publishedService>;
export type ProviderApplicationBody = z.input<typeof providerApplicationBody>;
export type ProviderSummary = z.infer<typeof providerSummary>;
export type ProviderDetail = z.infer<typeof providerDetail>;
export type QuotaApplicationBody = z.input<typeof quotaApplicationBody>;
export type ApproveQuotaBody = z.input<typeof approveQuotaBody>;
export type QuotaApplicationSummary = z.infer<typeof quotaApplicationSummary>;
export type QuotaApplicationDetail = z.infer<typeof quotaApplicationDetail>;
export type QuotaBalances = z.infer<typeof quotaBalances>;
export type QuotaView = z.infer<typeof quotaView>;
export type Wallet = z.infer<typeof wallet>;
export type Movement = z.infer<typeof movementItem>;
export type VoidQuotaBody = z.input<typeof voidQuotaBody>;
export type Split = z.infer<typeof split>;
export type SubjectQuery = z.input<typeof subjectQuery>;
export type QuoteResult = z.infer<typeof quoteResult>;
export type QuoteOption = QuoteResult['options'][number];
export type ReservationView = z.infer<typeof reservationView>;
export type ServiceOrderView = z.infer<typeof serviceOrderView>;
export type CheckResult = z.infer<typeof checkResult>;
export type PrecheckResult = z.infer<typeof precheckResult>;
export type ClaimSummary = z.infer<typeof claimSummary>;
export type ClaimEvidence = z.infer<typeof claimEvidence>;
export type ClaimDetail = z.infer<typeof claimDetail>;
export type BatchResult = z.infer<typeof batchResult>;
export type VoidClaimBody = z.input<typeof voidClaimBody>;
export type SettlementSummary = z.infer<typeof settlementSummary>;
export type SettlementDetail = z.infer<typeof settlementDetail>;
export type PayBatchBody = z.input<typeof payBatchBody>;
export type FigureAmounts = z.infer<typeof figureAmounts>;
export type FiguresResult = z.infer<typeof figuresResult>;
export type LedgerVerifyResult = z.infer<typeof ledgerVerifyResult>;

const base = '/api/vouchers';

export const voucherApi = {
  programmes: `${base}/programmes`,
  programme: (id: string) => `${base}/programmes/${id}`,
  programmeVersions: (id: string) => `${base}/programmes/${id}/versions`,
  programmeCommand: (id: string, command: 'activate' | 'close') => `${base}/programmes/${id}/${command}`,
  eligibility: (id: string) => `${base}/programmes/${id}/eligibility`,

  providers: `${base}/providers`,
  provider: (id: string) => `${base}/providers/${id}`,
  providerCommand: (id: string, command: string) => `${base}/providers/${id}/${command}`,

  quotaApplications: `${base}/quota-applications`,
  quotaApplication: (id: string) => `${base}/quota-applications/${id}`,
  quotaApplicationCommand: (id: string, command: 'approve' | 'reject' | 'withdraw') =>
    `${base}/quota-applications/${id}/${command}`,

  wallet: `${base}/wallet`,
  quotas: `${base}/quotas`,
  quota: (id: string) => `${base}/quotas/${id}`,
  movements: (id: string) => `${base}/quotas/${id}/movements`,
  movementsExport: (id: string) => `${base}/quotas/${id}/movements/export`,
  voidQuota: (id: string) => `${base}/quotas/${id}/void`,

  quote: `${base}/quote`,
  reservations: `${base}/reservations`,
  reservation: (id: string) => `${base}/reservations/${id}`,
  releaseReservation: (id: string) => `${base}/reservations/${id}/release`,
  bookingVouchers: (bookingId: string) => `${base}/bookings/${bookingId}`,

  serviceOrders: `${base}/service-orders`,
  serviceOrder: (id: string) => `${base}/service-orders/${id}`,
  serviceOrderCommand: (id: string, command: 'deliver' | 'cancel') => `${base}/service-orders/${id}/${command}`,

  precheck: `${base}/claims/precheck`,
  claims: `${base}/claims`,
  claimsExport: `${base}/claims/export`,
  claim: (id: string) => `${base}/claims/${id}`,
  claimCommand: (id: string, command: 'approve' | 'reject' | 'void') => `${base}/claims/${id}/${command}`,
  claimRecover: (id: string) => `${base}/claims/${id}/recover`,
  batchApprove: `${base}/claims/batch-approve`,

  settlements: `${base}/settlements`,
  settlementsExport: `${base}/settlements/export`,
  settlement: (id: string) => `${base}/settlements/${id}`,
  settlementExport: (id: string) => `${base}/settlements/${id}/export`,
  pay: (id: string) => `${base}/settlements/${id}/pay`,

  controller: (organisationId: string) => `${base}/organisations/${organisationId}/controller`,
  ledgerVerify: `${base}/ledger/verify`,

  figures: `${base}/figures`,
  figuresExport: `${base}/figures/export`,
};

/**
 * A fresh idempotency key for one money-moving request. Created when the confirm dialog opens and
 * reused on a retry of the same dialog, so a double click or a resent request never moves money twice.
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
