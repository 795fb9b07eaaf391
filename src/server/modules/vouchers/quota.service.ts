import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { QuotaApplicationStatus, quotaApplicationBody } from '../../../shared/api/vouchers.js';
import { formatErrorMessage, type Lang } from '../../../shared/errors.js';
import { AppError, pgConstraint } from '../../lib/errors.js';
import type { RequestContext } from '../audit/audit.writer.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { Outbox } from '../notifications/notification.service.js';
import { endOfValidity } from './coverage.js';
import { eligibilityOf, type Reason } from './eligibility.js';
import { account, postingRules } from './ledger.rules.js';
import type { ProgrammeRepository } from './programme.repository.js';
import { voucherProgrammes } from './programme.table.js';
import type { QuotaRepository } from './quota.repository.js';
import { voucherQuotaApplications } from './quota.table.js';
import {
  actingOrganisation,
  bureauUserIds,
  eventsOf,
  isMember,
  memberUserIds,
  notify,
  orgById,
  recordChange,
  requireReason,
  type VoucherDeps,
  yuan,
} from './voucher.common.js';
import { applicationTransitions, commandsFrom } from './voucher.status.js';

type ApplicationCommand = keyof typeof applicationTransitions;

function throwReasons(reasons: Reason[]) {
  const [first] = reasons;
  if (!first) return;
  throw new AppError(
    first.code,
    first.params,
    reasons.map((r) => ({ code: r.code, message: formatErrorMessage(r.code, 'zh', r.params) })),
  );
}

/** 申领 → decision → issue, the wallet, and each voucher's movements. */
export function createQuotaService(deps: VoucherDeps & { programmes: ProgrammeRepository; quotas: QuotaRepository }) {
  const { db, clock, notifications, programmes, quotas, ledger } = deps;

  async function loadApplication(actor: Actor, id: string) {
    const a = await quotas.findApplication(db, id);
    if (!a) throw new AppError('NOT_FOUND');
    const found = await programmes.withSettings(db, a.programmeId);
    if (!found) throw new AppError('NOT_FOUND');
    const own = isMember(actor, a.organisationId);
    if (!own && !can(actor, 'voucher.read', { regionCode: found.programme.regionCode }))
      throw new AppError('NOT_FOUND');
    return { a, found, own };
  }

  function presentApplication(r: Awaited<ReturnType<QuotaRepository['applications']>>['rows'][number]) {
    const a = r.application;
    return {
      id: a.id,
      programmeId: a.programmeId,
      programmeName: r.programmeName,
      organisationId: a.organisationId,
      organisationName: r.organisationName,
      regionCode: r.regionCode,
      amountFen: a.amountFen,
      approvedFen: a.approvedFen,
      status: a.status as QuotaApplicationStatus,
      submittedAt: a.submittedAt.toISOString(),
      decidedAt: a.decidedAt?.toISOString() ?? null,
      quotaId: a.quotaId,
    };
  }

  async function applicationDetail(actor: Actor, id: string, lang: Lang) {
    const { a, found, own } = await loadApplication(actor, id);
    const { rows } = await quotas.applications(eq(voucherQuotaApplications.id, id), 1, 1);
    const row = rows[0];
    if (!row) throw new AppError('NOT_FOUND');
    const org = await orgById(db, a.organisationId);
    const e = await eligibilityOf(db, found.programme, found.settings, org, clock.now(), a.id);
    const review = can(actor, 'voucher.review', { regionCode: found.programme.regionCode });
    return {
      ...presentApplication(row),
      purpose: a.purpose,
      eligibility: {
        eligible: e.reasons.length === 0 && e.remainingAnnualFen > 0,
        reasons: e.reasons.map((r) => ({ code: r.code, message: formatErrorMessage(r.code, lang, r.params) })),
        remainingAnnualFen: e.remainingAnnualFen,
      },
      events: await eventsOf(db, 'voucher_quota_application', id),
      allowedCommands: commandsFrom(applicationTransitions, a.status).filter((c) => (c === 'withdraw' ? own : review)),
    };
  }

  return {
    applicationDetail,

    async apply(actor: Actor, ctx: RequestContext, lang: Lang, input: z.infer<typeof quotaApplicationBody>) {
      const m = actingOrganisation(actor, 'voucher.apply', input.organisationId);
      const found = await programmes.withSettings(db, input.programmeId);
      if (!found) throw new AppError('NOT_FOUND');
      const org = await orgById(db, m.organisationId);
      const now = clock.now();
      const e = await eligibilityOf(db, found.programme, found.settings, org, now);
      throwReasons(e.reasons);
      if (input.amountFen > e.remainingAnnualFen)
        throw new AppError('VOUCHER_QUOTA_OVER_CAP', {
          issued: yuan(e.issuedFen),
          cap: yuan(found.settings.annualCapFen),
          left: yuan(e.remainingAnnualFen),
        });
      const outbox: Outbox = [];
      try {
        const id = await db.transaction(async (tx) => {
          const a = await quotas.insertApplication(tx, {
            programmeId: found.programme.id,
            organisationId: org.id,
            amountFen: input.amountFen,
            purpose: input.purpose,
            status: 'submitted',
            appliedBy: actor.userId,
            submittedAt: now,
          });
          await recordChange(tx, ctx, {
            entityType: 'voucher_quota_application',
            entityId: a.id,
            from: null,
            to: 'submitted',
            action: 'voucher_quota.apply',
            regionCode: found.programme.regionCode,
            summary: { programmeId: a.programmeId, organisationId: org.id, amountFen: a.amountFen },
            at: now,
          });
          await notify(tx, notifications, outbox, {
            userIds: await bureauUserIds(tx, found.programme.regionCode, ['bureau_officer']),
            title: { zh: `创新券申领待审核：${org.name}`, en: `Voucher application to review: ${org.name}` },
            body: {
              zh: `${org.name} 申领「${found.programme.name}」创新券 ${yuan(a.amountFen)} 元。`,
              en: `${org.name} applied for ${yuan(a.amountFen)} yuan of "${found.programme.name}" vouchers.`,
            },
            link: `/vouchers/applications/${a.id}`,
          });
          return a.id;
        });
        await notifications.flush(outbox);
        return applicationDetail(actor, id, lang);
      } catch (err) {
        if (pgConstraint(err) === 'voucher_quota_applications_pending_key')
          throw new AppError('VOUCHER_APPLICATION_PENDING');
        throw err;
      }
    },

    async applications(
      actor: Actor,
      q: {
        programmeId?: string;
        status?: QuotaApplicationStatus;
        organisationId?: string;
        mine?: string;
        q?: string;
        page: number;
        pageSize: number;
      },
    ) {
      const conds: (SQL | undefined)[] = [];
      if (q.mine === 'true') {
        const orgs = actor.memberships.map((m) => m.organisationId);
        conds.push(orgs.length ? inArray(voucherQuotaApplications.organisationId, orgs) : sql`false`);
      } else {
        const prefixes = regionPrefixes(actor, 'voucher.read');
        if (!prefixes.length) throw new AppError('FORBIDDEN');
        conds.push(
          sql`(${sql.join(
            prefixes.map((p) => sql`${voucherProgrammes.regionCode} like ${`${p}%`}`),
            sql` or `,
          )})`,
        );
      }
      if (q.programmeId) conds.push(eq(voucherQuotaApplications.programmeId, q.programmeId));
      if (q.status) conds.push(eq(voucherQuotaApplications.status, q.status));
      if (q.organisationId) conds.push(eq(voucherQuotaApplications.organisationId, q.organisationId));
      if (q.q) conds.push(quotas.applicationSearch(q.q));
      const { rows, total } = await quotas.applications(and(...conds), q.page, q.pageSize);
      return { items: rows.map(presentApplication), total, page: q.page, pageSize: q.pageSize };
    },

    /** Approve issues the quota (the issue posting) in the same transaction as the decision. */
    async decide(
      actor: Actor,
      ctx: RequestContext,
      lang: Lang,
      id: string,
      command: ApplicationCommand,
      opts: { reason?: string; amountFen?: number },
    ) {
      const { a, own } = await loadApplication(actor, id);
      const now = clock.now();
      const outbox: Outbox = [];
      await db.transaction(async (tx) => {
        // The programme row lock serialises issuing against the programme's budget.
        const p = await programmes.lock(tx, a.programmeId);
        const found = await programmes.withSettings(tx, a.programmeId);
        if (!p || !found) throw new AppError('NOT_FOUND');
        if (command === 'withdraw' ? !own : !can(actor, 'voucher.review', { regionCode: p.regionCode }))
          throw new AppError('FORBIDDEN');
        const t = applicationTransitions[command];
        if (!(t.from as readonly string[]).includes(a.status))
          throw new AppError('INVALID_TRANSITION', { from: a.status }, { from: a.status, command });
        requireReason(opts.reason, t.reasonRequired);
        let quotaId: string | null = null;
        let approvedFen: number | null = null;
        if (command === 'approve') {
          approvedFen = opts.amountFen ?? a.amountFen;
          if (approvedFen > a.amountFen)
            throw new AppError('VOUCHER_APPROVE_ABOVE_REQUEST', { requested: yuan(a.amountFen) });
          const org = await orgById(tx, a.organisationId);
          const e = await eligibilityOf(tx, p, found.settings, org, now, a.id);
          throwReasons(e.reasons);
          if (approvedFen > e.remainingAnnualFen)
            throw new AppError('VOUCHER_QUOTA_OVER_CAP', {
              issued: yuan(e.issuedFen),
              cap: yuan(found.settings.annualCapFen),
              left: yuan(e.remainingAnnualFen),
            });
          if (found.settings.budgetFen > 0) {
            const inCirculation = -(await ledger.balance(tx, account.fund(p.id)));
            const left = found.settings.budgetFen - inCirculation;
            if (approvedFen > left)
              throw new AppError('VOUCHER_BUDGET_EXCEEDED', {
                budget: yuan(found.settings.budgetFen),
                issued: yuan(inCirculation),
                left: yuan(Math.max(0, left)),
              });
          }
          const quota = await quotas.insertQuota(tx, {
            programmeId: p.id,
            programmeVersion: found.version,
            organisationId: a.organisationId,
            applicationId: a.id,
            issuedFen: approvedFen,
            issuedAt: now,
            validFrom: found.settings.validFrom,
            expiresAt: endOfValidity(found.settings.validUntil),
            status: 'active',
            statusChangedAt: now,
          });
          quotaId = quota.id;
          await ledger.post(tx, {
            kind: 'issue',
            key: `issue:${quota.id}`,
            programmeId: p.id,
            quotaId: quota.id,
            enterpriseOrganisationId: a.organisationId,
            memo: `申领核定发放 / issued on application`,
            actorUserId: actor.userId,
            at: now,
            lines: postingRules.issue({ programmeId: p.id, quotaId: quota.id }, approvedFen),
          });
        }
        const row = await quotas.transitionApplication(tx, id, a.status, {
          status: t.to,
          ...(command === 'withdraw' ? {} : { decidedAt: now, decidedBy: actor.userId }),
          ...(quotaId ? { quotaId, approvedFen } : {}),
        });
        if (!row) throw new AppError('STALE_STATE');
        await recordChange(tx, ctx, {
          entityType: 'voucher_quota_application',
          entityId: id,
          from: a.status,
          to: t.to,
          reason: opts.reason,
          action: `voucher_quota.${command}`,
          regionCode: p.regionCode,
          summary: { amountFen: a.amountFen, approvedFen, quotaId },
          at: now,
        });
        if (command !== 'withdraw')
          await notify(tx, notifications, outbox, {
            userIds: await memberUserIds(tx, [a.organisationId]),
            title:
              command === 'approve'
                ? {
                    zh: `创新券已发放：${yuan(approvedFen ?? 0)} 元`,
                    en: `Vouchers issued: ${yuan(approvedFen ?? 0)} yuan`,
                  }
                : { zh: '创新券申领未通过', en: 'Voucher application rejected' },
            body:
              command === 'approve'
                ? {
                    zh: `「${p.name}」创新券 ${yuan(approvedFen ?? 0)} 元已发放至贵单位券包，有效期至 ${found.settings.validUntil}。`,
                    en: `${yuan(approvedFen ?? 0)} yuan of "${p.name}" vouchers are in your wallet, valid until ${found.settings.validUntil}.`,
                  }
                : { zh: `理由：${opts.reason ?? ''}`, en: `Reason: ${opts.reason ?? ''}` },
            link: command === 'approve' ? '/vouchers/wallet' : `/vouchers/applications/${id}`,
          });
      });
      await notifications.flush(outbox);
      return applicationDetail(actor, id, lang);
    },
  };
}
export type QuotaService = ReturnType<typeof createQuotaService>;
