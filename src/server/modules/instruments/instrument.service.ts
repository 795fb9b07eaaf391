import type { z } from 'zod';
import {
  CATALOGUE_EXPORT_MAX_ROWS,
  type instrumentInput,
  instrumentSummary,
  type instrumentUpdate,
} from '../../../shared/api/instruments.js';
import { bookingRulesSchema } from '../../../shared/booking-rules.js';
import { classPath, isInstrumentClassCode } from '../../../shared/instrument-classes.js';
import { maskPhone } from '../../../shared/mask.js';
import { fullName, isRegionCode, scopePrefix } from '../../../shared/regions/regions.js';
import type { OrganisationType } from '../../../shared/roles.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, pgConstraint, pgErrorCode } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { OrganisationRepository } from '../organisations/organisation.repository.js';
import type { SettingsService } from '../settings/settings.service.js';
import { createCatalogueCache } from './catalogue.cache.js';
import type { CatalogueSearch } from './catalogue.search.js';
import type {
  CatalogueFilter,
  InstrumentRepository,
  InstrumentRow,
  InstrumentSummaryRow,
  SummaryRow,
} from './instrument.repository.js';
import { searchVectorSql } from './instrument.repository.js';
import type { PhotoRepository } from './photo.repository.js';
import { photoUrl } from './photo.service.js';

type InstrumentInput = z.infer<typeof instrumentInput>;
type InstrumentUpdate = z.infer<typeof instrumentUpdate>;

export function className(code: string): string {
  return classPath(code).join(' / ') || code;
}

/** Parses booking rules with their defaults; a bad rule set is refused with the fields named. */
export function parseBookingRules(raw: unknown) {
  const parsed = bookingRulesSchema.safeParse(raw ?? {});
  if (!parsed.success)
    throw new AppError(
      'BOOKING_RULES_INVALID',
      {},
      parsed.error.issues.map((i) => ({ path: `bookingRules.${i.path.join('.')}`, message: i.message })),
    );
  return parsed.data;
}

export function presentSummary(
  i: InstrumentSummaryRow,
  ownerName: string,
  ownerType: string,
  coverId: string | undefined,
) {
  return {
    id: i.id,
    nameZh: i.nameZh,
    nameEn: i.nameEn,
    classCode: i.classCode,
    className: className(i.classCode),
    organisationId: i.organisationId,
    ownerName,
    ownerType: ownerType as OrganisationType,
    regionCode: i.regionCode,
    regionName: fullName(i.regionCode) ?? i.regionCode,
    originalValueFen: i.originalValueFen,
    manufacturer: i.manufacturer,
    model: i.model,
    feePerHourFen: i.feePerHourFen,
    feePerSampleFen: i.feePerSampleFen,
    status: i.status as 'normal',
    shareMode: i.shareMode as 'external',
    purpose: i.purpose as 'general',
    photoUrl: coverId ? photoUrl(i.id, coverId) : null,
  };
}

export interface InstrumentServiceDeps {
  db: Db;
  instruments: InstrumentRepository;
  search: CatalogueSearch;
  photos: Pick<PhotoRepository, 'list'>;
  organisations: OrganisationRepository;
  settings: SettingsService;
  clock: Clock;
  /** Seconds a public search answer is reused; 0 turns the cache off. */
  cacheSeconds: number;
}

type CatalogueQuery = Omit<CatalogueFilter, 'regionPrefix'> & { regionCode?: string; page: number; pageSize: number };

/** The catalogue (归集): listing, editing, public search and the instrument page. */
export function createInstrumentService(deps: InstrumentServiceDeps) {
  const { db, instruments, search, photos, organisations, settings, clock } = deps;
  // Each listed row's JSON, made (and checked against the response schema) the first time a page shows
  // it. Keyed by the search's row object, which is replaced whenever the row changes, so an entry
  // lives exactly as long as the row it was made from. A page is then these fragments joined: a
  // search that misses the cache costs the index lookup, not 20 objects built and serialised.
  const fragments = new WeakMap<SummaryRow, string>();
  const fragmentOf = (r: SummaryRow) => {
    let json = fragments.get(r);
    if (json === undefined) {
      json = JSON.stringify(instrumentSummary.parse(present(r)));
      fragments.set(r, json);
    }
    return json;
  };
  const present = (r: SummaryRow) => presentSummary(r.instrument, r.ownerName, r.ownerType, r.coverId ?? undefined);

  // The cache keeps the answer as bytes, so a repeated search is sent as it is: no search, no
  // database, no serialisation and no encoding.
  const cache = createCatalogueCache<CatalogueQuery, { json: Buffer }>(
    // "Free now" depends on bookings made a second ago, so those searches always go to the database.
    { ttlSeconds: deps.cacheSeconds, cacheable: (q) => !q.freeFrom && !q.freeTo },
    async (q) => {
      const { rows, total } = await find(q);
      // The fields in cataloguePage's order; the route test checks the page against the schema.
      return {
        json: Buffer.from(
          `{"items":[${rows.map(fragmentOf).join(',')}],"total":${total},"page":${q.page},"pageSize":${q.pageSize},"totalCapped":false}`,
        ),
      };
    },
  );

  /** After a write here: cached answers go, and the next search waits for the index to see it. */
  const changed = () => {
    cache.clear();
    search.changed();
  };

  const find = (q: CatalogueQuery) =>
    search.search({ ...q, regionPrefix: q.regionCode ? scopePrefix(q.regionCode) : undefined }, q.page, q.pageSize);

  async function validate(
    input: Partial<Pick<InstrumentInput, 'classCode' | 'regionCode' | 'originalValueFen'>>,
    regionCode: string,
  ) {
    if (input.classCode !== undefined && !isInstrumentClassCode(input.classCode))
      throw new AppError('INSTRUMENT_CLASS_UNKNOWN', { code: input.classCode }, { field: 'classCode' });
    if (input.regionCode !== undefined && !isRegionCode(input.regionCode))
      throw new AppError('REGION_UNKNOWN', { code: input.regionCode }, { field: 'regionCode' });
    if (input.originalValueFen !== undefined) {
      const threshold = await settings.effective(regionCode, 'instruments.listingThresholdFen');
      if (input.originalValueFen < threshold)
        throw new AppError('INSTRUMENT_BELOW_THRESHOLD', { threshold: (threshold / 100).toLocaleString('en-US') });
    }
  }

  async function detail(actor: Actor | null, id: string) {
    const [found, pictures] = await Promise.all([instruments.findById(id), photos.list(id)]);
    if (!found) throw new AppError('NOT_FOUND');
    const { instrument: i, ownerName, ownerType } = found;
    return {
      ...presentSummary(i, ownerName, ownerType, pictures[0]?.id),
      photos: pictures.map((p) => ({ id: p.id, url: photoUrl(i.id, p.id), byteSize: p.byteSize })),
      assetNo: i.assetNo,
      country: i.country,
      specs: i.specs,
      functions: i.functions,
      serviceContent: i.serviceContent,
      feeNotes: i.feeNotes,
      openRules: i.openRules,
      bookingRules: i.bookingRules,
      location: i.location,
      contactName: i.contactName,
      contactPhoneMasked: maskPhone(i.contactPhone),
      contactEmail: i.contactEmail,
      purchaseDate: i.purchaseDate,
      createdAt: i.createdAt.toISOString(),
      updatedAt: i.updatedAt.toISOString(),
      canManage: can(actor, 'instrument.manage', { organisationId: i.organisationId, regionCode: i.regionCode }),
    };
  }

  return {
    detail,

    /** A catalogue page as response JSON in UTF-8 (already checked against the response schema). */
    async catalogueJson(q: CatalogueQuery): Promise<Buffer> {
      if (q.regionCode && !isRegionCode(q.regionCode)) throw new AppError('REGION_UNKNOWN', { code: q.regionCode });
      return (await cache.get(q)).json;
    },

    /** The whole filtered list (up to the export cap), in the list's order, never from the cache. */
    async catalogueExport(q: Omit<CatalogueQuery, 'page' | 'pageSize'>) {
      if (q.regionCode && !isRegionCode(q.regionCode)) throw new AppError('REGION_UNKNOWN', { code: q.regionCode });
      return (await find({ ...q, page: 1, pageSize: CATALOGUE_EXPORT_MAX_ROWS })).rows.map(present);
    },

    catalogueCacheStats: () => cache.stats(),

    /** A write elsewhere in this process (a photo: the cover a row shows) must show in the next search. */
    catalogueChanged: changed,

    async create(actor: Actor, ctx: RequestContext, input: InstrumentInput) {
      const org = await organisations.findById(input.organisationId);
      if (!org || !can(actor, 'instrument.manage', { organisationId: org.id, regionCode: org.regionCode }))
        throw new AppError('FORBIDDEN');
      const regionCode = input.regionCode ?? org.regionCode;
      await validate(input, regionCode);
      const rules = parseBookingRules(input.bookingRules);
      const now = clock.now();
      try {
        const row = await db.transaction(async (tx) => {
          const created = await instruments.insert(
            tx,
            { ...input, regionCode, bookingRules: rules, createdAt: now, updatedAt: now },
            searchVectorSql({ ...input, className: className(input.classCode) }),
          );
          await appendAudit(
            tx,
            ctx,
            {
              action: 'instrument.create',
              targetType: 'instrument',
              targetId: created.id,
              regionCode,
              summary: {
                after: { nameZh: input.nameZh, assetNo: input.assetNo, originalValueFen: input.originalValueFen },
              },
            },
            now,
          );
          return created;
        });
        changed();
        return detail(actor, row.id);
      } catch (err) {
        if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'instruments_org_asset_key')
          throw new AppError('INSTRUMENT_DUPLICATE_ASSET', { assetNo: input.assetNo });
        throw err;
      }
    },

    async update(actor: Actor, ctx: RequestContext, id: string, patch: InstrumentUpdate) {
      const found = await instruments.findById(id);
      if (!found) throw new AppError('NOT_FOUND');
      const current = found.instrument;
      if (!can(actor, 'instrument.manage', { organisationId: current.organisationId, regionCode: current.regionCode }))
        throw new AppError('FORBIDDEN');
      const regionCode = patch.regionCode ?? current.regionCode;
      await validate(patch, regionCode);
      const bookingRules = patch.bookingRules === undefined ? undefined : parseBookingRules(patch.bookingRules);
      const merged = { ...current, ...patch };
      const now = clock.now();
      await db.transaction(async (tx) => {
        await instruments.update(
          tx,
          id,
          { ...patch, bookingRules, updatedAt: now },
          searchVectorSql({ ...merged, className: className(merged.classCode) }),
        );
        const before = Object.fromEntries(Object.keys(patch).map((k) => [k, current[k as keyof InstrumentRow]]));
        await appendAudit(
          tx,
          ctx,
          {
            action: 'instrument.update',
            targetType: 'instrument',
            targetId: id,
            regionCode,
            summary: { before, after: patch },
          },
          now,
        );
      });
      changed();
      return detail(actor, id);
    },

    /** Busy slots in a window, without who booked them (only "mine" is marked). */
    async calendar(actor: Actor | null, id: string, from: Date, to: Date) {
      if (!(await instruments.findById(id))) throw new AppError('NOT_FOUND');
      if (to <= from || to.getTime() - from.getTime() > 93 * 86_400_000)
        throw new AppError('VALIDATION_FAILED', {}, [
          { path: 'to', message: 'window must be positive and at most 93 days' },
        ]);
      const rows = await instruments.busy(id, from, to);
      return {
        items: rows.map((r) => ({
          start: r.start.toISOString(),
          end: r.end.toISOString(),
          status: r.status,
          mine: r.userId === actor?.userId,
        })),
      };
    },
  };
}
export type InstrumentService = ReturnType<typeof createInstrumentService>;
