import { and, eq, ne, or } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { SensorWindow } from '../telemetry/usage.window.js';
import { acceptingAdmission } from './acceptance.js';
import { type ClaimFacts, relationOf, runClaimChecks } from './claim.checks.js';
import type { StoredEvidence } from './claim.table.js';
import { voucherClaims } from './claim.table.js';
import { coveredShare, shanghaiYear, startOfValidity, yearBounds } from './coverage.js';
import type { ProgrammeRepository } from './programme.repository.js';
import type { QuotaRepository, ReservationRow } from './quota.repository.js';
import { capSubject } from './reservation.service.js';
import { loadSubject } from './subject.js';
import { type Exec, orgById } from './voucher.common.js';

export type SensorLookup = (exec: Db | Tx, instrumentId: string, from: Date, to: Date) => Promise<SensorWindow | null>;

export interface ClaimInput {
  feeFen?: number;
  claimedMinutes?: number;
  voucherFen?: number;
}

/**
 * Gathers the evidence of a claim itself (booking or order, service record, sensor minutes inside
 * the booked slot) and runs the automatic checks. Pure reads, so the same function previews a
 * claim (precheck) and, inside the filing transaction after the locks, decides it.
 */
export async function assessClaim(
  exec: Exec,
  deps: { programmes: ProgrammeRepository; quotas: QuotaRepository; sensor: SensorLookup },
  r: ReservationRow,
  input: ClaimInput,
  now: Date,
) {
  const { programmes, quotas } = deps;
  const subject = await loadSubject(exec, r.subjectType as 'booking' | 'service_order', r.subjectId);
  const quota = await quotas.findQuota(exec, r.quotaId);
  const issuer = await programmes.withSettings(exec, r.programmeId, r.programmeVersion);
  const current = await programmes.withSettings(exec, r.programmeId);
  if (!quota || !issuer || !current) throw new AppError('NOT_FOUND');
  const s = issuer.settings;
  const [enterprise, provider] = await Promise.all([
    orgById(exec, r.enterpriseOrganisationId),
    orgById(exec, r.providerOrganisationId),
  ]);
  const admission = await acceptingAdmission(exec, programmes, current, r.providerOrganisationId);
  // The kind must qualify under the reservation's settings and still under the programme's current
  // ones (the bureau may withdraw a kind), and the provider's admission must cover it.
  const kindQualifies =
    s.serviceKinds.includes(subject.kind) &&
    current.settings.serviceKinds.includes(subject.kind) &&
    (admission?.serviceKinds.includes(subject.kind) ?? false);
  const feeFen = input.feeFen ?? subject.chargedFeeFen ?? 0;
  const published = subject.publishedFeeFen ?? 0;
  const { coveredFen } = coveredShare(feeFen, s);
  const cap = await capSubject(exec, s, r.enterpriseOrganisationId);
  const [from, to] = yearBounds(shanghaiYear(subject.start));
  const annualUsedFen = await quotas.annualUsed(exec, r.programmeId, cap.orgIds, from, to, r.id);
  const voucherFen =
    input.voucherFen ??
    Math.max(0, Math.min(coveredFen, r.amountFen, s.perClaimCapFen, s.annualCapFen - annualUsedFen));
  const [dup] = await exec
    .select({ id: voucherClaims.id })
    .from(voucherClaims)
    .where(
      and(
        ne(voucherClaims.status, 'rejected'),
        or(
          eq(voucherClaims.reservationId, r.id),
          and(eq(voucherClaims.subjectType, r.subjectType), eq(voucherClaims.subjectId, r.subjectId)),
        ),
      ),
    )
    .limit(1);
  const window = subject.instrumentId
    ? await deps.sensor(exec, subject.instrumentId, subject.start, subject.end)
    : null;
  const rec = subject.record;
  const claimedMinutes =
    input.claimedMinutes ??
    (rec
      ? rec.prepMinutes + rec.measureMinutes + rec.postMinutes
      : subject.type === 'booking'
        ? Math.round((subject.end.getTime() - subject.start.getTime()) / 60_000)
        : 0);
  const facts: ClaimFacts = {
    now,
    delivered: { ok: subject.delivered, status: subject.statusLabel.zh },
    provider: { admitted: admission !== null, name: provider.name },
    serviceKind: subject.kind,
    kindQualifies,
    quota: {
      status: quota.status,
      validFrom: startOfValidity(quota.validFrom),
      expiresAt: quota.expiresAt,
      graceDays: s.claimGraceDays,
    },
    serviceStart: subject.start,
    feeFen,
    publishedFeeFen: published,
    voucherFen,
    coveredFen,
    perClaimCapFen: s.perClaimCapFen,
    reservedFen: r.amountFen,
    annualUsedFen,
    annualCapFen: s.annualCapFen,
    relation: relationOf(enterprise, provider),
    duplicateClaimId: dup?.id ?? null,
    sensor: window ? { workingMinutes: window.workingMinutes } : null,
    claimedMinutes,
    minSensorShareBp: s.minSensorShareBp,
  };
  const checks = runClaimChecks(facts);
  const evidence: StoredEvidence = {
    bookingId: subject.booking?.id ?? null,
    serviceRecordId: rec?.id ?? null,
    serviceOrderId: subject.order?.id ?? null,
    instrumentId: subject.instrumentId,
    sensor: window
      ? {
          from: window.from.toISOString(),
          to: window.to.toISOString(),
          workingMinutes: window.workingMinutes,
          onMinutes: window.onMinutes,
          unknownMinutes: window.unknownMinutes,
          overlapShare: window.overlapShare,
        }
      : null,
    feeBasis: subject.feeBasis,
  };
  return { subject, quota, issuer, admission, checks, evidence, facts, cap };
}
