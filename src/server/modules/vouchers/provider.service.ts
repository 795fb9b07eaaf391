import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ProviderStatus, providerApplicationBody, ServiceKind } from '../../../shared/api/vouchers.js';
import { maskPhone } from '../../../shared/mask.js';
import type { Tx } from '../../db/client.js';
import { AppError, pgConstraint } from '../../lib/errors.js';
import type { RequestContext } from '../audit/audit.writer.js';
import { activeBlacklist } from '../challenges/application.common.js';
import { challengeCreditRecords } from '../challenges/applications.table.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { Outbox } from '../notifications/notification.service.js';
import { shanghaiDay } from './coverage.js';
import { typeNames } from './eligibility.js';
import type { ProgrammeRepository, ProviderRow } from './programme.repository.js';
import { voucherProgrammes, voucherProviders } from './programme.table.js';
import {
  actingOrganisation,
  bureauUserIds,
  type Exec,
  eventsOf,
  isMember,
  memberUserIds,
  notify,
  orgById,
  recordChange,
  requireReason,
  type VoucherDeps,
} from './voucher.common.js';
import { commandsFrom, providerTransitions } from './voucher.status.js';

export type ProviderCommand = keyof typeof providerTransitions;

/** The credit check (信用核查) an officer sees before admitting: blacklist in force, and the record. */
export async function creditCheckOf(exec: Exec, organisationId: string, now: Date) {
  const [black] = await activeBlacklist(exec, [organisationId], now);
  const records = await exec
    .select()
    .from(challengeCreditRecords)
    .where(eq(challengeCreditRecords.organisationId, organisationId))
    .orderBy(desc(challengeCreditRecords.createdAt));
  return {
    ok: !black,
    blacklisted: Boolean(black),
    blacklistExpiresAt: black?.expiresAt?.toISOString() ?? null,
    records: records.map((r) => ({
      kind: r.kind,
      reason: r.reason,
      startsAt: r.startsAt.toISOString(),
      active: !r.revokedAt && r.startsAt <= now && (!r.expiresAt || r.expiresAt > now),
      source: r.sourceType,
    })),
    checkedAt: now.toISOString(),
    black,
  };
}

function blacklistedError(black: { name: string; expiresAt: Date | null }) {
  return new AppError('VOUCHER_PROVIDER_BLACKLISTED', {
    name: black.name,
    until: black.expiresAt ? shanghaiDay(black.expiresAt) : '长期 / indefinitely',
  });
}

/** Provider admission (服务机构入库): application, credit-checked approval, suspension. */
export function createProviderService(deps: VoucherDeps & { programmes: ProgrammeRepository }) {
  const { db, clock, notifications, programmes } = deps;

  async function load(actor: Actor, id: string) {
    const p = await programmes.findProvider(db, id);
    if (!p) throw new AppError('NOT_FOUND');
    const programme = await programmes.find(db, p.programmeId);
    if (!programme) throw new AppError('NOT_FOUND');
    const own = isMember(actor, p.organisationId);
    const bureau = can(actor, 'voucher.read', { regionCode: programme.regionCode });
    if (!own && !bureau && p.status !== 'admitted') throw new AppError('NOT_FOUND');
    return { p, programme, own, bureau };
  }

  async function detail(actor: Actor, id: string) {
    const { p, programme, own, bureau } = await load(actor, id);
    const { rows } = await programmes.providers(eq(voucherProviders.id, id), 1, 1);
    const row = rows[0];
    if (!row) throw new AppError('NOT_FOUND');
    const { black: _black, ...credit } = await creditCheckOf(db, p.organisationId, clock.now());
    const review = can(actor, 'voucher.review', { regionCode: programme.regionCode });
    const allowed = commandsFrom(providerTransitions, p.status).filter((c) =>
      c === 'withdraw' ? own && can(actor, 'voucher.provide', { organisationId: p.organisationId }) : review,
    );
    return {
      ...present(row),
      services: p.services,
      intro: p.intro,
      contactName: p.contactName,
      contactPhone: own || bureau ? p.contactPhone : (maskPhone(p.contactPhone) ?? ''),
      creditCheck: bureau || own ? credit : { ...credit, records: [] },
      events: await eventsOf(db, 'voucher_provider', id),
      allowedCommands: allowed,
    };
  }

  function present(r: Awaited<ReturnType<ProgrammeRepository['providers']>>['rows'][number]) {
    return {
      id: r.provider.id,
      programmeId: r.provider.programmeId,
      programmeName: r.programmeName,
      programmeRegionCode: r.programmeRegionCode,
      organisationId: r.provider.organisationId,
      organisationName: r.organisationName,
      organisationType: r.organisationType,
      regionCode: r.regionCode,
      status: r.provider.status as ProviderStatus,
      serviceKinds: r.provider.serviceKinds,
      instrumentCount: Number(r.instrumentCount),
      appliedAt: r.provider.appliedAt.toISOString(),
      decidedAt: r.provider.decidedAt?.toISOString() ?? null,
    };
  }

  return {
    detail,
    /** For claim voiding: suspends the admission inside the caller's transaction. */
    changeInTx: (
      tx: Tx,
      ctx: RequestContext,
      p: ProviderRow,
      command: ProviderCommand,
      reason: string | undefined,
      now: Date,
      regionCode: string,
    ) => changeProvider(tx, ctx, p, command, reason, now, regionCode),

    async apply(actor: Actor, ctx: RequestContext, input: z.infer<typeof providerApplicationBody>) {
      const m = actingOrganisation(actor, 'voucher.provide', input.organisationId);
      const found = await programmes.withSettings(db, input.programmeId);
      if (!found) throw new AppError('NOT_FOUND');
      const { programme, settings } = found;
      if (programme.status !== 'active')
        throw new AppError('VOUCHER_PROGRAMME_NOT_OPEN', {
          name: programme.name,
          validFrom: settings.validFrom,
          validUntil: settings.validUntil,
        });
      const org = await orgById(db, m.organisationId);
      if (!(settings.providerOrgTypes as string[]).includes(org.type))
        throw new AppError('VOUCHER_PROVIDER_TYPE', { types: typeNames(settings.providerOrgTypes) });
      const kinds = [...input.serviceKinds, ...input.services.map((s) => s.kind)] as ServiceKind[];
      const outside = kinds.find((k) => !settings.serviceKinds.includes(k));
      if (outside) throw new AppError('VOUCHER_SERVICE_NOT_COVERED', { kind: outside, kindEn: outside });
      const now = clock.now();
      const [black] = await activeBlacklist(db, [org.id], now);
      if (black) throw blacklistedError(black);
      const outbox: Outbox = [];
      try {
        const id = await db.transaction(async (tx) => {
          const p = await programmes.insertProvider(tx, {
            programmeId: programme.id,
            organisationId: org.id,
            status: 'applied',
            serviceKinds: [...new Set(kinds)],
            services: input.services,
            intro: input.intro,
            contactName: input.contactName,
            contactPhone: input.contactPhone,
            appliedBy: actor.userId,
            appliedAt: now,
            updatedAt: now,
          });
          await recordChange(tx, ctx, {
            entityType: 'voucher_provider',
            entityId: p.id,
            from: null,
            to: 'applied',
            action: 'voucher_provider.apply',
            regionCode: programme.regionCode,
            summary: { programmeId: programme.id, organisationId: org.id, serviceKinds: p.serviceKinds },
            at: now,
          });
          await notify(tx, notifications, outbox, {
            userIds: await bureauUserIds(tx, programme.regionCode, ['bureau_officer']),
            title: { zh: `服务机构入库申请：${org.name}`, en: `Provider admission request: ${org.name}` },
            body: {
              zh: `${org.name} 申请成为「${programme.name}」的服务机构，请进行信用核查并审核。`,
              en: `${org.name} applied to be a provider of "${programme.name}"; run the credit check and decide.`,
            },
            link: `/vouchers/providers/${p.id}`,
          });
          return p.id;
        });
        await notifications.flush(outbox);
        return detail(actor, id);
      } catch (err) {
        if (pgConstraint(err) === 'voucher_providers_live_key') throw new AppError('VOUCHER_PROVIDER_DUPLICATE');
        throw err;
      }
    },

    async list(
      actor: Actor,
      q: {
        programmeId?: string;
        status?: ProviderStatus;
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
        conds.push(
          orgs.length ? sql`${voucherProviders.organisationId} = any(${sql.param(orgs)}::uuid[])` : sql`false`,
        );
      } else {
        const prefixes = regionPrefixes(actor, 'voucher.read');
        const bureau = prefixes.length
          ? sql.join(
              prefixes.map((p) => sql`${voucherProgrammes.regionCode} like ${`${p}%`}`),
              sql` or `,
            )
          : sql`false`;
        // Everyone signed in sees admitted providers (where a voucher can be used); the bureau sees all of its region.
        conds.push(sql`(${voucherProviders.status} = 'admitted' or ${bureau})`);
      }
      if (q.programmeId) conds.push(eq(voucherProviders.programmeId, q.programmeId));
      if (q.status) conds.push(eq(voucherProviders.status, q.status));
      if (q.organisationId) conds.push(eq(voucherProviders.organisationId, q.organisationId));
      if (q.q) conds.push(programmes.providerSearch(q.q));
      const { rows, total } = await programmes.providers(and(...conds), q.page, q.pageSize);
      return { items: rows.map(present), total, page: q.page, pageSize: q.pageSize };
    },

    async transition(actor: Actor, ctx: RequestContext, id: string, command: ProviderCommand, reason?: string) {
      const { p, programme } = await load(actor, id);
      if (command === 'withdraw') {
        if (!isMember(actor, p.organisationId) || !can(actor, 'voucher.provide', { organisationId: p.organisationId }))
          throw new AppError('FORBIDDEN');
      } else if (!can(actor, 'voucher.review', { regionCode: programme.regionCode })) throw new AppError('FORBIDDEN');
      const now = clock.now();
      const outbox: Outbox = [];
      await db.transaction(async (tx) => {
        await changeProvider(tx, ctx, p, command, reason, now, programme.regionCode);
        if (command !== 'withdraw') {
          const verb = { approve: '通过入库', reject: '未通过入库审核', suspend: '被暂停', reinstate: '恢复入库' }[
            command
          ];
          const verbEn = { approve: 'admitted', reject: 'not admitted', suspend: 'suspended', reinstate: 'reinstated' }[
            command
          ];
          await notify(tx, notifications, outbox, {
            userIds: await memberUserIds(tx, [p.organisationId]),
            title: { zh: `「${programme.name}」服务机构${verb}`, en: `"${programme.name}" provider: ${verbEn}` },
            body: {
              zh: `贵单位在「${programme.name}」的服务机构资格${verb}。${reason ? `理由：${reason}` : ''}`,
              en: `Your organisation was ${verbEn} as a provider of "${programme.name}".${reason ? ` Reason: ${reason}` : ''}`,
            },
            link: `/vouchers/providers/${p.id}`,
          });
        }
      });
      await notifications.flush(outbox);
      return detail(actor, id);
    },
  };

  /** The status change of an admission, in the caller's transaction (claim voiding suspends with it). */
  async function changeProvider(
    tx: Tx,
    ctx: RequestContext,
    p: ProviderRow,
    command: ProviderCommand,
    reason: string | undefined,
    now: Date,
    regionCode: string,
  ) {
    const t = providerTransitions[command];
    if (!(t.from as readonly string[]).includes(p.status))
      throw new AppError('INVALID_TRANSITION', { from: p.status }, { from: p.status, command });
    requireReason(reason, t.reasonRequired);
    if (command === 'approve' || command === 'reinstate') {
      // The credit check runs inside the transaction: a blacklisting recorded a moment ago counts.
      const [black] = await activeBlacklist(tx, [p.organisationId], now);
      if (black) throw blacklistedError(black);
    }
    const row = await programmes.transitionProvider(tx, p.id, p.status, {
      status: t.to,
      updatedAt: now,
      ...(command === 'approve' || command === 'reject' ? { decidedAt: now, decidedBy: ctx.actorUserId } : {}),
    });
    if (!row) throw new AppError('STALE_STATE');
    await recordChange(tx, ctx, {
      entityType: 'voucher_provider',
      entityId: p.id,
      from: p.status,
      to: t.to,
      reason,
      action: `voucher_provider.${command}`,
      regionCode,
      summary: { organisationId: p.organisationId },
      at: now,
    });
  }
}
export type ProviderService = ReturnType<typeof createProviderService>;
