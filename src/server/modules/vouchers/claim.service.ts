import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import {
  type ClaimStatus,
  claimCheckLabels,
  type EvidenceKind,
  type ServiceKind,
} from '../../../shared/api/vouchers.js';
import { type ErrorCode, formatErrorMessage, type Lang } from '../../../shared/errors.js';
import { AppError, pgConstraint } from '../../lib/errors.js';
import type { RequestContext } from '../audit/audit.writer.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { Outbox } from '../notifications/notification.service.js';
import { firstFailure } from './claim.checks.js';
import { assessClaim, type ClaimInput, type SensorLookup } from './claim.facts.js';
import type { ClaimRepository } from './claim.repository.js';
import type { StoredCheck } from './claim.table.js';
import { voucherClaims } from './claim.table.js';
import { shanghaiMonth } from './coverage.js';
import { voucherJournal } from './ledger.table.js';
import type { ProgrammeRepository } from './programme.repository.js';
import { voucherProgrammes } from './programme.table.js';
import type { QuotaRepository } from './quota.repository.js';
import { capSubject } from './reservation.service.js';
import { loadSubject, type SubjectType } from './subject.js';
import {
  bureauUserIds,
  eventsOf,
  isMember,
  lockCapSubject,
  notify,
  recordChange,
  type VoucherDeps,
  yuan,
} from './voucher.common.js';
import { claimTransitions, commandsFrom } from './voucher.status.js';

export type ClaimDeps = VoucherDeps & {
  programmes: ProgrammeRepository;
  quotas: QuotaRepository;
  claims: ClaimRepository;
  sensor: SensorLookup;
};
type Row = NonNullable<Awaited<ReturnType<ClaimRepository['one']>>>;

export function formatChecks(checks: StoredCheck[], lang: Lang) {
  return checks.map((c) => ({
    check: c.check as keyof typeof claimCheckLabels,
    label: claimCheckLabels[c.check as keyof typeof claimCheckLabels]?.[lang] ?? c.check,
    outcome: c.outcome,
    code: c.code,
    message: c.code ? formatErrorMessage(c.code as ErrorCode, lang, c.params) : null,
    values: c.values,
  }));
}

export function presentClaim(r: Row) {
  const c = r.claim;
  return {
    id: c.id,
    programmeId: c.programmeId,
    programmeName: r.programmeName,
    quotaId: c.quotaId,
    reservationId: c.reservationId,
    providerOrganisationId: c.providerOrganisationId,
    providerName: r.providerName,
    enterpriseOrganisationId: c.enterpriseOrganisationId,
    enterpriseName: r.enterpriseName,
    subjectType: c.subjectType as SubjectType,
    subjectId: c.subjectId,
    subjectName: c.subjectName,
    serviceKind: c.serviceKind as ServiceKind,
    serviceStart: c.serviceStart.toISOString(),
    serviceEnd: c.serviceEnd.toISOString(),
    feeFen: c.feeFen,
    publishedFeeFen: c.publishedFeeFen,
    voucherFen: c.voucherFen,
    claimedMinutes: c.claimedMinutes,
    evidence: c.evidence as EvidenceKind,
    workingMinutes: c.workingMinutes,
    flagged: c.flagged,
    status: c.status as ClaimStatus,
    filedAt: c.filedAt.toISOString(),
    decidedAt: c.decidedAt?.toISOString() ?? null,
    settlementId: c.settlementId,
  };
}

/** Redemption claims (兑付申请): filing with evidence the platform attaches itself, and the queues. */
export function createClaimService(deps: ClaimDeps) {
  const { db, clock, notifications, quotas, claims } = deps;

  async function load(actor: Actor, id: string) {
    const r = await claims.one(db, id);
    if (!r) throw new AppError('NOT_FOUND');
    const c = r.claim;
    const visible =
      isMember(actor, c.providerOrganisationId) ||
      isMember(actor, c.enterpriseOrganisationId) ||
      can(actor, 'voucher.read', { regionCode: r.programmeRegionCode });
    if (!visible) throw new AppError('NOT_FOUND');
    return r;
  }

  async function detail(actor: Actor, id: string, lang: Lang) {
    const r = await load(actor, id);
    const c = r.claim;
    const ev = c.evidenceSnapshot;
    const subject = await loadSubject(db, c.subjectType as SubjectType, c.subjectId);
    const review = can(actor, 'voucher.review', { regionCode: r.programmeRegionCode });
    const hour = 3_600_000;
    return {
      ...presentClaim(r),
      note: c.note,
      checks: formatChecks(c.checks, lang),
      evidenceDetail: {
        booking: subject.booking
          ? {
              id: subject.booking.id,
              instrumentId: subject.booking.instrumentId,
              instrumentName: subject.instrumentName ?? '',
              mode: subject.booking.mode,
              status: subject.booking.status,
              start: subject.booking.startAt.toISOString(),
              end: subject.booking.endAt.toISOString(),
              checkedInAt: subject.booking.checkedInAt?.toISOString() ?? null,
            }
          : null,
        serviceRecord: subject.record
          ? {
              id: subject.record.id,
              startedAt: subject.record.startedAt.toISOString(),
              prepMinutes: subject.record.prepMinutes,
              measureMinutes: subject.record.measureMinutes,
              postMinutes: subject.record.postMinutes,
              samples: subject.record.samples,
              feeFen: subject.record.feeFen,
              external: subject.record.external,
            }
          : null,
        serviceOrder: subject.order
          ? {
              id: subject.order.id,
              providerId: subject.order.providerId,
              providerOrganisationId: subject.order.providerOrganisationId,
              providerName: r.providerName,
              enterpriseOrganisationId: subject.order.enterpriseOrganisationId,
              enterpriseName: r.enterpriseName,
              serviceKey: subject.order.serviceKey,
              serviceName: subject.order.serviceName,
              kind: subject.order.kind as 'testing' | 'technology_service',
              unit: subject.order.unit,
              quantity: subject.order.quantity,
              publishedFeeFen: subject.order.publishedFeeFen,
              feeFen: subject.order.feeFen,
              status: subject.order.status as 'ordered' | 'delivered' | 'cancelled',
              orderedAt: subject.order.orderedAt.toISOString(),
              deliveredOn: subject.order.deliveredOn,
              report: subject.order.report,
              note: subject.order.note,
              reservationId: c.reservationId,
              allowedCommands: [],
            }
          : null,
        sensor:
          ev.sensor && ev.instrumentId
            ? {
                instrumentId: ev.instrumentId,
                ...ev.sensor,
                traceFrom: new Date(Date.parse(ev.sensor.from) - hour).toISOString(),
                traceTo: new Date(Date.parse(ev.sensor.to) + hour).toISOString(),
              }
            : null,
        publishedFeeFen: c.publishedFeeFen,
        feeBasis: ev.feeBasis,
      },
      events: await eventsOf(db, 'voucher_claim', id),
      allowedCommands: review ? commandsFrom(claimTransitions, c.status).filter((x) => x !== 'settle') : [],
      decisionReason: c.decisionReason,
      clawback: await clawbackOf(c.id),
    };
  }

  /** A settled claim voided for fraud: owed back by the provider until finance records the money returned. */
  async function clawbackOf(claimId: string) {
    const rows = await db
      .select({ kind: voucherJournal.kind, at: voucherJournal.at })
      .from(voucherJournal)
      .where(and(eq(voucherJournal.claimId, claimId), inArray(voucherJournal.kind, ['clawback', 'recover'])));
    const clawback = rows.find((r) => r.kind === 'clawback');
    if (!clawback) return null;
    const recovered = rows.find((r) => r.kind === 'recover');
    const [c] = await db
      .select({ v: voucherClaims.voucherFen })
      .from(voucherClaims)
      .where(eq(voucherClaims.id, claimId));
    return { owedFen: c?.v ?? 0, recoveredAt: recovered?.at.toISOString() ?? null };
  }

  async function providerReservation(actor: Actor, reservationId: string) {
    const r = await quotas.findReservation(db, reservationId);
    if (!r || !isMember(actor, r.providerOrganisationId)) throw new AppError('NOT_FOUND');
    if (!can(actor, 'voucher.provide', { organisationId: r.providerOrganisationId })) throw new AppError('FORBIDDEN');
    return r;
  }

  return {
    detail,
    load,

    /** The automatic checks without filing: what the provider sees before submitting. */
    async precheck(actor: Actor, lang: Lang, reservationId: string, input: ClaimInput) {
      const r = await providerReservation(actor, reservationId);
      const a = await assessClaim(db, deps, r, input, clock.now());
      return {
        wouldFile: !firstFailure(a.checks) && a.facts.voucherFen > 0 && r.status === 'held',
        evidence: (a.facts.sensor ? 'sensor' : 'self_reported') as EvidenceKind,
        flagged: a.checks.some((c) => c.outcome === 'flag'),
        voucherFen: a.facts.voucherFen,
        checks: formatChecks(a.checks, lang),
      };
    },

    /**
     * Files a claim. The checks run again inside the transaction after the cap and voucher locks,
     * so a refusal is decided on the same state the claim would be written on; a refusal writes
     * nothing (the error names the first failed check and lists every one in `details`).
     */
    async file(
      actor: Actor,
      ctx: RequestContext,
      lang: Lang,
      input: ClaimInput & { reservationId: string; note?: string },
      idempotencyKey: string | null,
    ) {
      if (idempotencyKey) {
        const prior = await claims.byKey(db, idempotencyKey);
        if (prior) {
          if (prior.reservationId !== input.reservationId) throw new AppError('VOUCHER_IDEMPOTENCY_KEY_REUSED');
          return detail(actor, prior.id, lang);
        }
      }
      const r0 = await providerReservation(actor, input.reservationId);
      const now = clock.now();
      const outbox: Outbox = [];
      let id: string;
      try {
        id = await db.transaction(async (tx) => {
          const issuer = await deps.programmes.withSettings(tx, r0.programmeId, r0.programmeVersion);
          if (!issuer) throw new AppError('NOT_FOUND');
          const cap = await capSubject(tx, issuer.settings, r0.enterpriseOrganisationId);
          await lockCapSubject(tx, r0.programmeId, cap.key);
          await quotas.lockQuota(tx, r0.quotaId);
          const r = await quotas.findReservation(tx, r0.id);
          if (!r) throw new AppError('NOT_FOUND');
          const a = await assessClaim(tx, deps, r, input, now);
          const failed = firstFailure(a.checks);
          if (failed)
            throw new AppError(
              failed.code as ErrorCode,
              failed.params,
              formatChecks(a.checks, lang).filter((c) => c.outcome === 'fail'),
            );
          if (r.status !== 'held') throw new AppError('VOUCHER_RESERVATION_NOT_HELD', { status: r.status });
          if (a.facts.feeFen <= 0 || a.facts.voucherFen <= 0) throw new AppError('VOUCHER_FEE_UNKNOWN');
          const flagged = a.checks.some((c) => c.outcome === 'flag');
          const evidence: EvidenceKind = a.facts.sensor ? 'sensor' : 'self_reported';
          const row = await claims.insert(tx, {
            reservationId: r.id,
            quotaId: r.quotaId,
            programmeId: r.programmeId,
            providerId: a.admission?.id ?? r.providerId,
            providerOrganisationId: r.providerOrganisationId,
            enterpriseOrganisationId: r.enterpriseOrganisationId,
            subjectType: r.subjectType,
            subjectId: r.subjectId,
            subjectName: r.subjectName,
            serviceKind: r.serviceKind,
            serviceStart: a.subject.start,
            serviceEnd: a.subject.end,
            feeFen: a.facts.feeFen,
            publishedFeeFen: a.facts.publishedFeeFen,
            claimedMinutes: a.facts.claimedMinutes,
            voucherFen: a.facts.voucherFen,
            evidence,
            workingMinutes: a.facts.sensor?.workingMinutes ?? null,
            flagged,
            checks: a.checks,
            evidenceSnapshot: a.evidence,
            note: input.note ?? null,
            status: 'pending_review',
            idempotencyKey,
            filedBy: actor.userId,
            filedAt: now,
            updatedAt: now,
          });
          if (!row) {
            const prior = idempotencyKey ? await claims.byKey(tx, idempotencyKey) : undefined;
            if (!prior) throw new AppError('STALE_STATE');
            return prior.id;
          }
          await recordChange(tx, ctx, {
            entityType: 'voucher_claim',
            entityId: row.id,
            from: null,
            to: 'pending_review',
            action: 'voucher_claim.file',
            regionCode: issuer.programme.regionCode,
            summary: {
              reservationId: r.id,
              feeFen: row.feeFen,
              voucherFen: row.voucherFen,
              evidence,
              flagged,
              checks: a.checks.map((c) => `${c.check}:${c.outcome}`),
            },
            at: now,
          });
          const mark = flagged ? '【机时存疑】' : evidence === 'self_reported' ? '【自报机时】' : '';
          const markEn = flagged ? '[usage flagged] ' : evidence === 'self_reported' ? '[self-reported] ' : '';
          await notify(tx, notifications, outbox, {
            userIds: await bureauUserIds(tx, issuer.programme.regionCode, ['bureau_officer']),
            title: {
              zh: `${mark}创新券兑付待审核：${r.subjectName}`,
              en: `${markEn}Voucher claim to review: ${r.subjectName}`,
            },
            body: {
              zh: `兑付金额 ${yuan(row.voucherFen)} 元（收费 ${yuan(row.feeFen)} 元）。`,
              en: `Claim of ${yuan(row.voucherFen)} yuan (fee ${yuan(row.feeFen)} yuan).`,
            },
            link: `/vouchers/claims/${row.id}`,
          });
          return row.id;
        });
      } catch (err) {
        if (
          pgConstraint(err) === 'voucher_claims_live_subject_key' ||
          pgConstraint(err) === 'voucher_claims_reservation_key'
        )
          throw new AppError('VOUCHER_CLAIM_DUPLICATE', { claimId: '' });
        throw err;
      }
      await notifications.flush(outbox);
      return detail(actor, id, lang);
    },

    async list(
      actor: Actor,
      q: {
        status?: ClaimStatus;
        programmeId?: string;
        providerOrganisationId?: string;
        enterpriseOrganisationId?: string;
        evidence?: EvidenceKind;
        flagged?: string;
        month?: string;
        side: 'provider' | 'review' | 'enterprise';
        q?: string;
        page: number;
        pageSize: number;
      },
    ) {
      const conds: (SQL | undefined)[] = [];
      if (q.side === 'review') {
        const prefixes = regionPrefixes(actor, 'voucher.read');
        if (!prefixes.length) throw new AppError('FORBIDDEN');
        conds.push(
          sql`(${sql.join(
            prefixes.map((p) => sql`${voucherProgrammes.regionCode} like ${`${p}%`}`),
            sql` or `,
          )})`,
        );
      } else {
        const orgs = actor.memberships.map((m) => m.organisationId);
        const col =
          q.side === 'provider' ? voucherClaims.providerOrganisationId : voucherClaims.enterpriseOrganisationId;
        conds.push(orgs.length ? inArray(col, orgs) : sql`false`);
      }
      if (q.status) conds.push(eq(voucherClaims.status, q.status));
      if (q.programmeId) conds.push(eq(voucherClaims.programmeId, q.programmeId));
      if (q.providerOrganisationId) conds.push(eq(voucherClaims.providerOrganisationId, q.providerOrganisationId));
      if (q.enterpriseOrganisationId)
        conds.push(eq(voucherClaims.enterpriseOrganisationId, q.enterpriseOrganisationId));
      if (q.evidence) conds.push(eq(voucherClaims.evidence, q.evidence));
      if (q.flagged) conds.push(eq(voucherClaims.flagged, q.flagged === 'true'));
      if (q.month) {
        const from = new Date(`${q.month}-01T00:00:00+08:00`);
        const to = new Date(`${shanghaiMonth(new Date(from.getTime() + 32 * 86_400_000))}-01T00:00:00+08:00`);
        conds.push(sql`${voucherClaims.serviceStart} >= ${from} and ${voucherClaims.serviceStart} < ${to}`);
      }
      if (q.q) conds.push(claims.search(q.q));
      const { rows, total } = await claims.list(and(...conds), q.page, q.pageSize);
      return { items: rows.map(presentClaim), total, page: q.page, pageSize: q.pageSize };
    },
  };
}
export type ClaimService = ReturnType<typeof createClaimService>;
