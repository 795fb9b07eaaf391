import { and, asc, count, desc, eq, gte, lte, notExists, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { bookings } from '../bookings/booking.table.js';
import { organisations } from '../organisations/organisation.table.js';
import { instruments } from './instrument.table.js';
import { distinctiveTerms, queryTerms, segmentForIndex } from './search.js';

export type InstrumentRow = typeof instruments.$inferSelect;
type Exec = Db | Tx;

export interface CatalogueFilter {
  q?: string;
  classCode?: string;
  regionPrefix?: string;
  ownerType?: string;
  organisationId?: string;
  minValueFen?: number;
  maxValueFen?: number;
  shareMode?: string;
  status?: string;
  freeFrom?: Date;
  freeTo?: Date;
  sort: 'relevance' | 'value' | '-value' | 'name';
}

/** Weighted vector: name A, class and model B, maker C, descriptive text D. */
export function searchVectorSql(row: {
  nameZh: string;
  nameEn?: string | null;
  className: string;
  model?: string | null;
  manufacturer?: string | null;
  specs?: string | null;
  functions?: string | null;
  serviceContent?: string | null;
}): SQL {
  const a = segmentForIndex(`${row.nameZh} ${row.nameEn ?? ''}`);
  const b = segmentForIndex(`${row.className} ${row.model ?? ''}`);
  const c = segmentForIndex(row.manufacturer);
  const d = segmentForIndex(`${row.specs ?? ''} ${row.functions ?? ''} ${row.serviceContent ?? ''}`);
  return sql`setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B') || setweight(to_tsvector('simple', ${c}), 'C') || setweight(to_tsvector('simple', ${d}), 'D')`;
}

const ACTIVE = sql`('requested', 'approved', 'confirmed', 'in_use')`;

/** The catalogue counts matches up to this many. */
export const COUNT_CAP = 1000;

export function createInstrumentRepository(db: Db, opts: { countCap?: number } = {}) {
  const countCap = opts.countCap ?? COUNT_CAP;
  function tsquery(terms: string[], op: '&' | '|') {
    return sql`to_tsquery('simple', ${terms.map((t) => `'${t}'`).join(` ${op} `)})`;
  }

  function where(f: CatalogueFilter, query: SQL | null): SQL | undefined {
    const conds: (SQL | undefined)[] = [];
    if (query) conds.push(sql`${instruments.searchVector} @@ ${query}`);
    if (f.classCode) conds.push(sql`${instruments.classCode} like ${`${f.classCode}%`}`);
    if (f.regionPrefix) conds.push(sql`${instruments.regionCode} like ${`${f.regionPrefix}%`}`);
    if (f.ownerType) conds.push(eq(organisations.type, f.ownerType));
    if (f.organisationId) conds.push(eq(instruments.organisationId, f.organisationId));
    if (f.minValueFen !== undefined) conds.push(gte(instruments.originalValueFen, f.minValueFen));
    if (f.maxValueFen !== undefined) conds.push(lte(instruments.originalValueFen, f.maxValueFen));
    if (f.shareMode) conds.push(eq(instruments.shareMode, f.shareMode));
    if (f.status) conds.push(eq(instruments.status, f.status));
    if (f.freeFrom && f.freeTo) {
      const range = `[${f.freeFrom.toISOString()},${f.freeTo.toISOString()})`;
      conds.push(
        notExists(
          db
            .select({ x: sql`1` })
            .from(bookings)
            .where(
              and(
                eq(bookings.instrumentId, instruments.id),
                sql`${bookings.status} in ${ACTIVE}`,
                sql`${bookings.slot} && ${range}::tstzrange`,
              ),
            ),
        ),
      );
    }
    return and(...conds);
  }

  async function search(f: CatalogueFilter, page: number, pageSize: number, query: SQL | null) {
    const w = where(f, query);
    const rank = query ? sql<number>`ts_rank_cd(${instruments.rankVector}, ${query})` : sql<number>`0`;
    const order =
      f.sort === 'value'
        ? [asc(instruments.originalValueFen)]
        : f.sort === '-value'
          ? [desc(instruments.originalValueFen)]
          : f.sort === 'name' || !query
            ? [asc(instruments.nameZh)]
            : [desc(rank), desc(instruments.originalValueFen)];
    const rowsQuery = db
      .select({ instrument: instruments, ownerName: organisations.name, ownerType: organisations.type, rank })
      .from(instruments)
      .innerJoin(organisations, eq(organisations.id, instruments.organisationId))
      .where(w)
      .orderBy(...order, asc(instruments.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    // Counting every match of a broad word costs more than finding the page; past the cap the
    // exact figure helps nobody, so the count stops there and the page says "1,000+".
    const capped = db
      .select({ one: sql`1` })
      .from(instruments)
      .innerJoin(organisations, eq(organisations.id, instruments.organisationId))
      .where(w)
      .limit(countCap + 1)
      .as('capped');
    const [rows, [counted]] = await Promise.all([rowsQuery, db.select({ n: count() }).from(capped)]);
    const n = counted?.n ?? 0;
    return { rows, total: Math.min(n, countCap), totalCapped: n > countCap };
  }

  return {
    /**
     * Catalogue search: every query word must match; when that finds nothing, any word may, so a
     * query with one unusual word still returns the close matches, ranked.
     */
    async catalogue(f: CatalogueFilter, page: number, pageSize: number) {
      const terms = f.q ? queryTerms(f.q) : null;
      if (!terms) return search(f, page, pageSize, null);
      const strict = await search(f, page, pageSize, tsquery(terms, '&'));
      const loose = distinctiveTerms(terms);
      if (strict.total > 0 || terms.length === 1 || loose.length === 0) return strict;
      return search(f, page, pageSize, tsquery(loose, '|'));
    },

    findById: async (id: string, exec: Exec = db) =>
      (
        await exec
          .select({ instrument: instruments, ownerName: organisations.name, ownerType: organisations.type })
          .from(instruments)
          .innerJoin(organisations, eq(organisations.id, instruments.organisationId))
          .where(eq(instruments.id, id))
          .limit(1)
      )[0],

    insert: async (tx: Tx, values: typeof instruments.$inferInsert, vector: SQL) =>
      (
        await tx
          .insert(instruments)
          .values({ ...values, searchVector: vector as unknown as string })
          .returning()
      )[0] as InstrumentRow,

    update: async (tx: Tx, id: string, values: Partial<typeof instruments.$inferInsert>, vector: SQL) =>
      (
        await tx
          .update(instruments)
          .set({ ...values, searchVector: vector as unknown as string })
          .where(eq(instruments.id, id))
          .returning()
      )[0] as InstrumentRow,

    busy: (instrumentId: string, from: Date, to: Date) =>
      db
        .select({ start: bookings.startAt, end: bookings.endAt, status: bookings.status, userId: bookings.userId })
        .from(bookings)
        .where(
          and(
            eq(bookings.instrumentId, instrumentId),
            sql`${bookings.status} in ${ACTIVE}`,
            sql`${bookings.slot} && ${`[${from.toISOString()},${to.toISOString()})`}::tstzrange`,
          ),
        )
        .orderBy(asc(bookings.startAt)),
  };
}
export type InstrumentRepository = ReturnType<typeof createInstrumentRepository>;
