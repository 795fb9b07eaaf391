import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { createProgrammeBody, ProgrammeSettings, ProgrammeStatus } from '../../../shared/api/vouchers.js';
import { formatErrorMessage, type Lang } from '../../../shared/errors.js';
import { fullName, isRegionCode, isWithin, scopePrefix } from '../../../shared/regions/regions.js';
import { AppError, pgConstraint } from '../../lib/errors.js';
import type { RequestContext } from '../audit/audit.writer.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { eligibilityOf } from './eligibility.js';
import type { ProgrammeRepository, ProgrammeRow } from './programme.repository.js';
import { voucherProgrammes } from './programme.table.js';
import {
  actingOrganisation,
  eventsOf,
  orgById,
  recordChange,
  requireCan,
  requireReason,
  type VoucherDeps,
} from './voucher.common.js';
import { commandsFrom, programmeTransitions } from './voucher.status.js';

type ProgrammeCommand = keyof typeof programmeTransitions;

/** Settings that the schema cannot check alone: region codes exist and sit where they should. */
export function validateSettings(regionCode: string, s: ProgrammeSettings) {
  const bad = (reason: string) => new AppError('VOUCHER_SETTINGS_INVALID', { reason });
  for (const r of [...s.eligibleRegionCodes, ...s.partnerRegionCodes])
    if (!isRegionCode(r)) throw new AppError('REGION_UNKNOWN', { code: r });
  for (const r of s.eligibleRegionCodes)
    if (!isWithin(r, regionCode))
      throw bad(`申领地区 ${r} 不在本项目地区内 / eligible region ${r} is outside the programme's region`);
  for (const r of s.partnerRegionCodes)
    if (isWithin(r, regionCode) || isWithin(regionCode, r))
      throw bad(`互认地区 ${r} 不能包含或属于本地区 / partner region ${r} overlaps the programme's own region`);
}

export function presentProgramme(
  p: ProgrammeRow,
  version: number,
  s: ProgrammeSettings,
  st: { admitted: number; issuedFen: number },
) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    regionCode: p.regionCode,
    regionName: fullName(p.regionCode) ?? p.regionCode,
    status: p.status as ProgrammeStatus,
    version,
    coverageBp: s.coverageBp,
    perClaimCapFen: s.perClaimCapFen,
    annualCapFen: s.annualCapFen,
    validFrom: s.validFrom,
    validUntil: s.validUntil,
    partnerRegionCodes: s.partnerRegionCodes,
    serviceKinds: s.serviceKinds,
    admittedProviders: st.admitted,
    issuedFen: st.issuedFen,
  };
}

export function createProgrammeService(deps: VoucherDeps & { programmes: ProgrammeRepository }) {
  const { db, clock, programmes } = deps;

  async function summaries(rows: ProgrammeRow[]) {
    const stats = await programmes.stats(rows.map((r) => r.id));
    return Promise.all(
      rows.map(async (p) => {
        const v = await programmes.latest(db, p.id);
        if (!v) throw new AppError('NOT_FOUND');
        return presentProgramme(p, v.version, v.settings, stats.get(p.id) ?? { admitted: 0, issuedFen: 0 });
      }),
    );
  }

  function readable(actor: Actor | null, p: ProgrammeRow) {
    return p.status !== 'draft' || (actor !== null && can(actor, 'voucher.read', { regionCode: p.regionCode }));
  }

  async function detail(actor: Actor | null, id: string) {
    const p = await programmes.find(db, id);
    if (!p || !readable(actor, p)) throw new AppError('NOT_FOUND');
    const [[s], versions, events] = await Promise.all([
      summaries([p]),
      programmes.versions(id),
      eventsOf(db, 'voucher_programme', id),
    ]);
    const manage = actor !== null && can(actor, 'voucher.configure', { regionCode: p.regionCode });
    const current = versions[0];
    if (!s || !current) throw new AppError('NOT_FOUND');
    return {
      ...s,
      description: p.description,
      settings: current.v.settings,
      versions: versions.map((v) => ({
        version: v.v.version,
        settings: v.v.settings,
        note: v.v.note,
        createdByName: v.createdByName,
        createdAt: v.v.createdAt.toISOString(),
      })),
      events,
      allowedCommands: manage ? [...commandsFrom(programmeTransitions, p.status), 'new_version'] : [],
      canManage: manage,
    };
  }

  return {
    detail,

    /** Active and closed programmes for everyone; drafts too for the bureau of their region. */
    async list(
      actor: Actor | null,
      q: { regionCode?: string; status?: ProgrammeStatus; page: number; pageSize: number },
    ) {
      const conds: SQL[] = [];
      const prefixes = actor ? regionPrefixes(actor, 'voucher.read') : [];
      const drafts = prefixes.length
        ? sql`(${sql.join(
            prefixes.map((p) => sql`${voucherProgrammes.regionCode} like ${`${p}%`}`),
            sql` or `,
          )})`
        : sql`false`;
      conds.push(sql`(${voucherProgrammes.status} <> 'draft' or ${drafts})`);
      if (q.status) conds.push(sql`${voucherProgrammes.status} = ${q.status}`);
      if (q.regionCode) {
        if (!isRegionCode(q.regionCode)) throw new AppError('REGION_UNKNOWN', { code: q.regionCode });
        conds.push(sql`${voucherProgrammes.regionCode} like ${`${scopePrefix(q.regionCode)}%`}`);
      }
      const { rows, total } = await programmes.list(sql.join(conds, sql` and `), q.page, q.pageSize);
      return { items: await summaries(rows), total, page: q.page, pageSize: q.pageSize };
    },

    async create(actor: Actor, ctx: RequestContext, input: z.infer<typeof createProgrammeBody>) {
      if (!isRegionCode(input.regionCode)) throw new AppError('REGION_UNKNOWN', { code: input.regionCode });
      requireCan(actor, 'voucher.configure', input.regionCode);
      validateSettings(input.regionCode, input.settings);
      const now = clock.now();
      try {
        const id = await db.transaction(async (tx) => {
          const p = await programmes.insert(tx, {
            code: input.code,
            name: input.name,
            regionCode: input.regionCode,
            description: input.description ?? null,
            status: 'draft',
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          });
          await programmes.insertVersion(tx, {
            programmeId: p.id,
            version: 1,
            settings: input.settings,
            createdBy: actor.userId,
            createdAt: now,
          });
          await recordChange(tx, ctx, {
            entityType: 'voucher_programme',
            entityId: p.id,
            from: null,
            to: 'draft',
            action: 'voucher_programme.create',
            regionCode: p.regionCode,
            summary: { code: p.code, settings: input.settings },
            at: now,
          });
          return p.id;
        });
        return detail(actor, id);
      } catch (err) {
        if (pgConstraint(err) === 'voucher_programmes_code_key')
          throw new AppError('VOUCHER_PROGRAMME_CODE_TAKEN', { code: input.code });
        throw err;
      }
    },

    /** A new settings version; decisions already made keep the version they were made under. */
    async addVersion(actor: Actor, ctx: RequestContext, id: string, settings: ProgrammeSettings, note?: string) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const p = await programmes.lock(tx, id);
        if (!p) throw new AppError('NOT_FOUND');
        requireCan(actor, 'voucher.configure', p.regionCode);
        if (p.status === 'closed') throw new AppError('INVALID_TRANSITION', { from: '已结束' });
        validateSettings(p.regionCode, settings);
        const last = await programmes.latest(tx, id);
        const version = (last?.version ?? 0) + 1;
        await programmes.insertVersion(tx, {
          programmeId: id,
          version,
          settings,
          note: note ?? null,
          createdBy: actor.userId,
          createdAt: now,
        });
        await recordChange(tx, ctx, {
          entityType: 'voucher_programme',
          entityId: id,
          from: p.status,
          to: p.status,
          reason: note ?? `设置第 ${version} 版 / settings version ${version}`,
          action: 'voucher_programme.version',
          regionCode: p.regionCode,
          summary: { version, settings },
          at: now,
        });
      });
      return detail(actor, id);
    },

    async transition(actor: Actor, ctx: RequestContext, id: string, command: ProgrammeCommand, reason?: string) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const p = await programmes.lock(tx, id);
        if (!p) throw new AppError('NOT_FOUND');
        requireCan(actor, 'voucher.configure', p.regionCode);
        const t = programmeTransitions[command];
        if (!(t.from as readonly string[]).includes(p.status))
          throw new AppError('INVALID_TRANSITION', { from: p.status }, { from: p.status, command });
        requireReason(reason, t.reasonRequired);
        const row = await programmes.transition(tx, id, p.status, t.to, now);
        if (!row) throw new AppError('STALE_STATE');
        await recordChange(tx, ctx, {
          entityType: 'voucher_programme',
          entityId: id,
          from: p.status,
          to: t.to,
          reason,
          action: `voucher_programme.${command}`,
          regionCode: p.regionCode,
          at: now,
        });
      });
      return detail(actor, id);
    },

    /** May this organisation apply for quota now, and for how much? Reasons in the request's language. */
    async eligibility(actor: Actor, id: string, lang: Lang, organisationId?: string) {
      const found = await programmes.withSettings(db, id);
      if (!found || !readable(actor, found.programme)) throw new AppError('NOT_FOUND');
      const orgId =
        organisationId && can(actor, 'voucher.read', { regionCode: found.programme.regionCode })
          ? organisationId
          : actingOrganisation(actor, 'voucher.apply', organisationId, false).organisationId;
      const org = await orgById(db, orgId);
      const e = await eligibilityOf(db, found.programme, found.settings, org, clock.now());
      return {
        eligible: e.reasons.length === 0 && e.remainingAnnualFen > 0,
        reasons: e.reasons.map((r) => ({ code: r.code, message: formatErrorMessage(r.code, lang, r.params) })),
        remainingAnnualFen: e.remainingAnnualFen,
      };
    },
  };
}
export type ProgrammeService = ReturnType<typeof createProgrammeService>;
