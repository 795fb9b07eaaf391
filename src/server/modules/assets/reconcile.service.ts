import type { z } from 'zod';
import type {
  Dismissal,
  dismissalBody,
  ReconciliationKind,
  ReconciliationResponse,
} from '../../../shared/api/assets.js';
import { isRegionCode, isWithin, scopePrefix } from '../../../shared/regions/regions.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { OrganisationRepository } from '../organisations/organisation.repository.js';
import type { SettingsService } from '../settings/settings.service.js';
import { isDisposedStatus } from './asset.values.js';
import type { ReconcileRepository, ReconcileScope } from './reconcile.repository.js';

/**
 * Days after an asset's purchase within which it should be listed. No national rule fixes the
 * number; a month is the bureau's working expectation and what the late-listing list measures.
 */
export const LATE_LISTING_DAYS = 30;

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

/** The calendar date in Beijing time: listings made at 01:00 Beijing time belong to that day. */
export function shanghaiDate(t: Date): string {
  return new Date(t.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
}

function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * When a listing was due: the card's purchase date plus the allowance. A card without a purchase
 * date is measured from the day the platform first saw it (its first import), since nothing earlier
 * can be known. A listing is late when it was made (Beijing date) after the due date.
 */
export function lateness(card: { purchaseDate: string | null; importedAt: Date }, listedAt: Date) {
  const dueDate = addDays(card.purchaseDate ?? shanghaiDate(card.importedAt), LATE_LISTING_DAYS);
  const listedOn = shanghaiDate(listedAt);
  const daysLate = Math.round((Date.parse(listedOn) - Date.parse(dueDate)) / DAY_MS);
  return { dueDate, listedOn, daysLate };
}

type OrgReport = ReconciliationResponse['organisations'][number];
const zeroCounts = (): Record<ReconciliationKind, number> => ({
  unlisted: 0,
  disposedListed: 0,
  valueMismatch: 0,
  lateListing: 0,
});

export interface ReconcileServiceDeps {
  db: Db;
  clock: Clock;
  reconcile: ReconcileRepository;
  organisations: Pick<OrganisationRepository, 'findById'>;
  settings: SettingsService;
}

/** The reconciliation of listed instruments against the finance asset register (资产账实核对). */
export function createReconcileService(deps: ReconcileServiceDeps) {
  const { db, clock, reconcile, organisations, settings } = deps;

  /**
   * Which organisations the actor sees: the one asked for, the region asked for, or by default
   * every region their bureau roles cover plus the organisations they manage.
   */
  async function scopeFor(actor: Actor, q: { regionCode?: string; organisationId?: string }): Promise<ReconcileScope> {
    if (q.regionCode && !isRegionCode(q.regionCode)) throw new AppError('REGION_UNKNOWN', { code: q.regionCode });
    if (q.organisationId) {
      const org = await organisations.findById(q.organisationId);
      if (!org) throw new AppError('NOT_FOUND');
      if (!can(actor, 'asset.reconcile', { organisationId: org.id, regionCode: org.regionCode }))
        throw new AppError('FORBIDDEN');
      const inRegion = !q.regionCode || isWithin(org.regionCode, q.regionCode);
      return { organisationIds: inRegion ? [org.id] : [], regionPrefixes: [] };
    }
    if (q.regionCode) {
      if (!can(actor, 'asset.reconcile', { regionCode: q.regionCode })) throw new AppError('REGION_OUT_OF_SCOPE');
      return { organisationIds: [], regionPrefixes: [scopePrefix(q.regionCode)] };
    }
    const managed = [
      ...actor.memberships.map((m) => ({ organisationId: m.organisationId, regionCode: m.regionCode })),
      ...actor.roles.flatMap((g) => (g.organisationId ? [{ organisationId: g.organisationId }] : [])),
    ].filter((t) => can(actor, 'asset.reconcile', t));
    const scope = {
      organisationIds: [...new Set(managed.map((t) => t.organisationId))],
      regionPrefixes: regionPrefixes(actor, 'asset.reconcile'),
    };
    if (!scope.organisationIds.length && !scope.regionPrefixes.length) throw new AppError('FORBIDDEN');
    return scope;
  }

  /** The organisation a dismissal is about, checked against `asset.resolve`. */
  async function resolvable(actor: Actor, organisationId: string) {
    const org = await organisations.findById(organisationId);
    if (!org) throw new AppError('NOT_FOUND');
    if (!can(actor, 'asset.resolve', { organisationId: org.id, regionCode: org.regionCode }))
      throw new AppError('FORBIDDEN');
    return org;
  }

  /** Every finding in scope, explained or not. */
  async function findings(scope: ReconcileScope): Promise<ReconciliationResponse> {
    const orgs = await reconcile.organisationsWithCards(scope);
    const thresholds = new Map<string, number>();
    for (const o of orgs)
      if (!thresholds.has(o.regionCode))
        thresholds.set(o.regionCode, await settings.effective(o.regionCode, 'instruments.listingThresholdFen'));
    const reports = new Map<string, OrgReport>(
      orgs.map((o) => [
        o.id,
        {
          organisationId: o.id,
          organisationName: o.name,
          regionCode: o.regionCode,
          thresholdFen: thresholds.get(o.regionCode) as number,
          counts: zeroCounts(),
          unlisted: [],
          disposedListed: [],
          valueMismatch: [],
          lateListing: [],
        },
      ]),
    );
    if (orgs.length) {
      const minFen = Math.min(...thresholds.values());
      for (const { card } of await reconcile.unlistedCards(scope, minFen)) {
        const r = reports.get(card.organisationId);
        // A card with a disposed status but no disposal time (older data) is still not in use.
        if (!r || card.originalValueFen < r.thresholdFen || isDisposedStatus(card.useStatus)) continue;
        r.unlisted.push({
          assetNo: card.assetNo,
          name: card.name,
          originalValueFen: card.originalValueFen,
          purchaseDate: card.purchaseDate,
          useStatus: card.useStatus,
          managingDepartment: card.managingDepartment,
          usingDepartment: card.usingDepartment,
          custodian: card.custodian,
          location: card.location,
          specModel: card.specModel,
          manufacturer: card.manufacturer,
          serialNo: card.serialNo,
          usageDirection: card.usageDirection,
        });
      }
      for (const p of await reconcile.listedWithCards(scope)) {
        const r = reports.get(p.organisationId);
        if (!r) continue;
        const base = { instrumentId: p.instrumentId, assetNo: p.assetNo, nameZh: p.nameZh };
        // A disposed card is one finding: its value or listing date no longer matter.
        if (p.card.disposedAt) {
          r.disposedListed.push({
            ...base,
            cardName: p.card.name,
            useStatus: p.card.useStatus,
            disposedAt: p.card.disposedAt.toISOString(),
          });
          continue;
        }
        if (p.instrumentValueFen !== p.card.originalValueFen)
          r.valueMismatch.push({
            ...base,
            instrumentValueFen: p.instrumentValueFen,
            cardValueFen: p.card.originalValueFen,
            differenceFen: p.instrumentValueFen - p.card.originalValueFen,
          });
        const late = lateness(p.card, p.listedAt);
        if (late.daysLate > 0) r.lateListing.push({ ...base, purchaseDate: p.card.purchaseDate, ...late });
      }
    }
    const dismissed = new Set(
      (await reconcile.dismissals(scope)).map((d) => `${d.row.organisationId}|${d.row.kind}|${d.row.assetNo}`),
    );
    let dismissedCount = 0;
    for (const r of reports.values())
      for (const k of Object.keys(zeroCounts()) as ReconciliationKind[]) {
        const list = r[k] as { assetNo: string }[];
        const open = list.filter((f) => !dismissed.has(`${r.organisationId}|${k}|${f.assetNo}`));
        dismissedCount += list.length - open.length;
        (r as Record<ReconciliationKind, unknown[]>)[k] = open;
      }
    const counts = zeroCounts();
    const list = [...reports.values()].filter((r) => {
      for (const k of Object.keys(counts) as ReconciliationKind[]) {
        r.counts[k] = r[k].length;
        counts[k] += r[k].length;
      }
      return Object.values(r.counts).some((n) => n > 0);
    });
    return { lateListingDays: LATE_LISTING_DAYS, counts, dismissed: dismissedCount, organisations: list };
  }

  function presentDismissal(d: Awaited<ReturnType<ReconcileRepository['dismissals']>>[number]): Dismissal {
    return {
      id: d.row.id,
      organisationId: d.row.organisationId,
      organisationName: d.organisationName,
      kind: d.row.kind as ReconciliationKind,
      assetNo: d.row.assetNo,
      reason: d.row.reason as Dismissal['reason'],
      note: d.row.note,
      detail: d.row.detail,
      dismissedBy: d.row.dismissedBy,
      dismissedByName: d.dismissedByName,
      dismissedAt: d.row.dismissedAt.toISOString(),
    };
  }

  return {
    async report(actor: Actor, q: { regionCode?: string; organisationId?: string }): Promise<ReconciliationResponse> {
      return findings(await scopeFor(actor, q));
    },

    /** Explained findings the actor can see, newest first. */
    async dismissals(actor: Actor, q: { regionCode?: string; organisationId?: string }): Promise<Dismissal[]> {
      return (await reconcile.dismissals(await scopeFor(actor, q))).map(presentDismissal);
    },

    /**
     * Closes an open finding with an explanation. The finding must be on the list now, so a typo
     * in an asset number cannot silence a future one; the explanation and the finding as it stood
     * are kept and audited.
     */
    async dismiss(actor: Actor, ctx: RequestContext, body: z.infer<typeof dismissalBody>): Promise<Dismissal> {
      const org = await resolvable(actor, body.organisationId);
      const report = await findings({ organisationIds: [org.id], regionPrefixes: [] });
      const finding = (report.organisations[0]?.[body.kind] as { assetNo: string }[] | undefined)?.find(
        (f) => f.assetNo === body.assetNo,
      );
      if (!finding) throw new AppError('RECONCILIATION_FINDING_NOT_FOUND', { assetNo: body.assetNo });
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const inserted = await reconcile.insertDismissal(tx, {
          organisationId: org.id,
          kind: body.kind,
          assetNo: body.assetNo,
          reason: body.reason,
          note: body.note || null,
          detail: finding as Record<string, unknown>,
          dismissedBy: actor.userId,
          dismissedAt: now,
        });
        if (!inserted) throw new AppError('RECONCILIATION_FINDING_NOT_FOUND', { assetNo: body.assetNo });
        await appendAudit(
          tx,
          ctx,
          {
            action: 'asset.reconcile_dismiss',
            targetType: 'organisation',
            targetId: org.id,
            regionCode: org.regionCode,
            summary: { kind: body.kind, assetNo: body.assetNo, reason: body.reason, note: body.note ?? null },
          },
          now,
        );
        return inserted;
      });
      return presentDismissal({ row, organisationName: org.name, regionCode: org.regionCode, dismissedByName: null });
    },

    /** Puts an explained finding back on the list (it shows again if it still holds). */
    async reopen(actor: Actor, ctx: RequestContext, id: string) {
      const found = await reconcile.findDismissal(id);
      if (!found) throw new AppError('NOT_FOUND');
      const org = await resolvable(actor, found.organisationId);
      const now = clock.now();
      await db.transaction(async (tx) => {
        const gone = await reconcile.deleteDismissal(tx, id);
        if (!gone) throw new AppError('NOT_FOUND');
        await appendAudit(
          tx,
          ctx,
          {
            action: 'asset.reconcile_reopen',
            targetType: 'organisation',
            targetId: org.id,
            regionCode: org.regionCode,
            summary: { kind: gone.kind, assetNo: gone.assetNo, reason: gone.reason, note: gone.note },
          },
          now,
        );
      });
    },
  };
}
export type ReconcileService = ReturnType<typeof createReconcileService>;
