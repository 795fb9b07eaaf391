import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { QuotaStatus } from '../../../shared/api/vouchers.js';
import { AppError } from '../../lib/errors.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { acceptedRegions } from './acceptance.js';
import { eligibilityOf } from './eligibility.js';
import type { ProgrammeRepository, ProgrammeWithSettings } from './programme.repository.js';
import { presentProgramme } from './programme.service.js';
import { voucherProgrammes } from './programme.table.js';
import type { QuotaRepository, QuotaRow } from './quota.repository.js';
import type { QuotaService } from './quota.service.js';
import { voucherQuotas } from './quota.table.js';
import { actingOrganisation, isMember, orgById, type VoucherDeps } from './voucher.common.js';

const emptyBalances = { issuedFen: 0, availableFen: 0, reservedFen: 0, redeemedFen: 0, expiredFen: 0, voidedFen: 0 };

/** The enterprise's wallet, vouchers with their balances (sums of postings) and every movement. */
export function createWalletService(
  deps: VoucherDeps & {
    programmes: ProgrammeRepository;
    quotas: QuotaRepository;
    applications: QuotaService['applications'];
  },
) {
  const { db, clock, programmes, quotas, ledger } = deps;

  async function quotaViews(rows: Awaited<ReturnType<QuotaRepository['quotas']>>['rows']) {
    const figures = await ledger.quotaFigures(
      db,
      rows.map((r) => r.quota.id),
    );
    const cache = new Map<string, { s: ProgrammeWithSettings; regions: string[] }>();
    return Promise.all(
      rows.map(async (r) => {
        const q = r.quota;
        const key = `${q.programmeId}:${q.programmeVersion}`;
        let c = cache.get(key);
        if (!c) {
          const s = await programmes.withSettings(db, q.programmeId, q.programmeVersion);
          const current = await programmes.withSettings(db, q.programmeId);
          if (!s || !current) throw new AppError('NOT_FOUND');
          c = { s: current, regions: await acceptedRegions(db, programmes, current) };
          cache.set(key, c);
        }
        const b = figures.get(q.id) ?? emptyBalances;
        return {
          id: q.id,
          programmeId: q.programmeId,
          programmeName: r.programmeName,
          programmeRegionCode: r.programmeRegionCode,
          programmeVersion: q.programmeVersion,
          organisationId: q.organisationId,
          organisationName: r.organisationName,
          status: q.status as QuotaStatus,
          issuedAt: q.issuedAt.toISOString(),
          validFrom: q.validFrom,
          expiresAt: q.expiresAt.toISOString(),
          coverageBp: c.s.settings.coverageBp,
          perClaimCapFen: c.s.settings.perClaimCapFen,
          balances: { ...emptyBalances, ...b },
          acceptedInRegions: c.regions,
        };
      }),
    );
  }

  async function quotaView(actor: Actor, id: string) {
    const q = await quotas.findQuota(db, id);
    if (!q) throw new AppError('NOT_FOUND');
    await requireQuotaReader(actor, q);
    const { rows } = await quotas.quotas(eq(voucherQuotas.id, id), 1, 1);
    const [view] = await quotaViews(rows);
    if (!view) throw new AppError('NOT_FOUND');
    return view;
  }

  async function requireQuotaReader(actor: Actor, q: QuotaRow) {
    if (isMember(actor, q.organisationId)) return;
    const p = await programmes.find(db, q.programmeId);
    if (!p || !can(actor, 'voucher.read', { regionCode: p.regionCode })) throw new AppError('NOT_FOUND');
  }

  async function programmeSummaries(ids: string[]) {
    const stats = await programmes.stats(ids);
    const out = [];
    for (const id of ids) {
      const f = await programmes.withSettings(db, id);
      if (f)
        out.push(presentProgramme(f.programme, f.version, f.settings, stats.get(id) ?? { admitted: 0, issuedFen: 0 }));
    }
    return out;
  }

  return {
    quotaView,
    quotaViews,
    /** The enterprise's wallet: its vouchers with balances, open programmes and applications under review. */
    async wallet(actor: Actor, organisationId: string | undefined) {
      const m = actingOrganisation(actor, 'voucher.apply', organisationId, false);
      const org = await orgById(db, m.organisationId);
      const { rows } = await quotas.quotas(eq(voucherQuotas.organisationId, org.id), 1, 200);
      const views = await quotaViews(rows);
      const totals = { ...emptyBalances };
      for (const v of views) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += v.balances[k];
      const { rows: active } = await programmes.list(eq(voucherProgrammes.status, 'active'), 1, 100);
      const open = [];
      for (const p of active) {
        const found = await programmes.withSettings(db, p.id);
        if (!found) continue;
        const e = await eligibilityOf(db, p, found.settings, org, clock.now());
        if (e.reasons.length === 0 && e.remainingAnnualFen > 0) open.push(p);
      }
      const pending = await deps.applications(actor, {
        mine: 'true',
        status: 'submitted',
        organisationId: org.id,
        page: 1,
        pageSize: 50,
      });
      return {
        organisationId: org.id,
        organisationName: org.name,
        quotas: views,
        totals,
        openProgrammes: await programmeSummaries(open.map((p) => p.id)),
        pendingApplications: pending.items,
      };
    },

    async list(
      actor: Actor,
      q: { programmeId?: string; organisationId?: string; status?: QuotaStatus; page: number; pageSize: number },
    ) {
      const prefixes = regionPrefixes(actor, 'voucher.read');
      const orgs = actor.memberships.map((m) => m.organisationId);
      const scope: SQL[] = prefixes.map((p) => sql`${voucherProgrammes.regionCode} like ${`${p}%`}`);
      if (orgs.length) scope.push(inArray(voucherQuotas.organisationId, orgs));
      if (!scope.length) throw new AppError('FORBIDDEN');
      const { rows, total } = await quotas.quotas(
        and(
          sql`(${sql.join(scope, sql` or `)})`,
          q.programmeId ? eq(voucherQuotas.programmeId, q.programmeId) : undefined,
          q.organisationId ? eq(voucherQuotas.organisationId, q.organisationId) : undefined,
          q.status ? eq(voucherQuotas.status, q.status) : undefined,
        ),
        q.page,
        q.pageSize,
      );
      return { items: await quotaViews(rows), total, page: q.page, pageSize: q.pageSize };
    },

    async movements(actor: Actor, id: string, page: number, pageSize: number) {
      const q = await quotas.findQuota(db, id);
      if (!q) throw new AppError('NOT_FOUND');
      await requireQuotaReader(actor, q);
      const { items, total } = await ledger.movements(id, page, pageSize);
      return { items, total, page, pageSize };
    },
  };
}
export type WalletService = ReturnType<typeof createWalletService>;
