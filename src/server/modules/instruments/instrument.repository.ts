import { and, asc, count, desc, eq, gte, lte, notExists, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { bookings } from '../bookings/booking.table.js';
import { organisations } from '../organisations/organisation.table.js';
import { instruments } from './instrument.table.js';
import { distinctiveTerms, queryTerms, segmentForIndex, termAlternatives } from './search.js';

export type InstrumentRow = typeof instruments.$inferSelect;

/** What a catalogue row shows: no search vectors, rules or long texts. */
export type InstrumentSummaryRow = Pick<
  InstrumentRow,
  | 'id'
  | 'nameZh'
  | 'nameEn'
  | 'classCode'
  | 'organisationId'
  | 'regionCode'
  | 'originalValueFen'
  | 'manufacturer'
  | 'model'
  | 'feePerHourFen'
  | 'feePerSampleFen'
  | 'status'
  | 'shareMode'
  | 'purpose'
>;
/** A catalogue row as the list shows it. */
export interface SummaryRow {
  instrument: InstrumentSummaryRow;
  ownerName: string;
  ownerType: string;
  coverId: string | null;
}
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
  purpose?: string;
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

/** A query word as its alternatives, each a list of lexemes that must all be present. */
type Term = string[][];

/** `('扫描电镜' | ('扫描' & '电镜'))` for to_tsquery, optionally restricted to weights. */
function termTsquery(term: Term, weights?: string): string {
  const lit = (lexeme: string) => `'${lexeme}'${weights ? `:${weights}` : ''}`;
  return `(${term.map((alt) => `(${alt.map(lit).join(' & ')})`).join(' | ')})`;
}

/**
 * What the in-memory catalogue keeps of a row: its filters, its schedule and its lexemes (as
 * stored) for the index, and what the list shows of it.
 */
export interface IndexSourceRow {
  id: string;
  writeXid: string;
  valueFen: string | number;
  nameZh: string;
  classCode: string;
  regionCode: string;
  organisationId: string;
  ownerType: string;
  shareMode: string;
  status: string;
  purpose: string;
  /** As JSON text: most instruments share one rule set, which is then parsed once. */
  bookingRules: string;
  vector: string | null;
  nameEn: string | null;
  manufacturer: string | null;
  model: string | null;
  feePerHourFen: number | null;
  feePerSampleFen: number | null;
  ownerName: string;
  coverId: string | null;
}

const snapshotXmin = sql`(select pg_snapshot_xmin(pg_current_snapshot())::text as xmin)`;
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Rows written from an xmin on, and the xmin of the snapshot that saw them. */
export interface Changes {
  xmin: string;
  changed: { id: string; writeXid: string }[];
}

export function createInstrumentRepository(db: Db, opts: { countCap?: number } = {}) {
  // Every catalogue search that misses the answer cache runs this (shared by the searches waiting at
  // the time); prepared, PostgreSQL plans it once per connection instead of each time.
  const changesStatement = db
    .select({
      xmin: sql<string>`s.xmin`,
      id: sql<string | null>`i.id`,
      writeXid: sql<string | null>`i.write_xid::text`,
    })
    .from(sql`${snapshotXmin} s`)
    .leftJoin(sql`instruments i`, sql`i.write_xid >= ${sql.placeholder('xmin')}::xid8`)
    .prepare('catalogue_changes_since');
  const countCap = opts.countCap ?? COUNT_CAP;

  async function changesSince(xmin: string): Promise<Changes> {
    const result = await changesStatement.execute({ xmin });
    return {
      xmin: result[0]?.xmin ?? xmin,
      changed: result.flatMap((r) => (r.id && r.writeXid ? [{ id: r.id, writeXid: r.writeXid }] : [])),
    };
  }
  const tsq = (text: string) => sql`to_tsquery('simple', ${text})`;

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
    if (f.purpose) conds.push(eq(instruments.purpose, f.purpose));
    if (f.freeFrom && f.freeTo) {
      const range = `[${f.freeFrom.toISOString()},${f.freeTo.toISOString()})`;
      // Opening hours and blackouts live in the rules' JSON; only the in-memory index checks them.
      conds.push(eq(instruments.status, 'normal'), sql`${instruments.shareMode} <> 'none'`);
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

  /** The order keys of the ranking described in catalogue.index.ts, as SQL. */
  function relevance(terms: Term[], any: boolean): SQL {
    const v = instruments.searchVector;
    const has = (t: Term, w?: string) => sql`(${v} @@ ${tsq(termTsquery(t, w))})`;
    if (!any)
      return sql`case when ${v} @@ ${tsq(terms.map((t) => termTsquery(t, 'A')).join(' & '))} then 0
        when ${v} @@ ${tsq(terms.map((t) => termTsquery(t, 'AB')).join(' & '))} then 1 else 2 end`;
    const every = (w: string) =>
      sql.join(
        terms.map((t) => sql`(not ${has(t)} or ${has(t, w)})`),
        sql` and `,
      );
    const matched = sql.join(
      terms.map((t) => sql`${has(t)}::int`),
      sql` + `,
    );
    return sql`(${terms.length} - (${matched})) * 3 + case when ${every('A')} then 0 when ${every('AB')} then 1 else 2 end`;
  }

  async function search(f: CatalogueFilter, page: number, pageSize: number, terms: Term[] | null, any = false) {
    const query = terms ? tsq(terms.map((t) => termTsquery(t)).join(any ? ' | ' : ' & ')) : null;
    const w = where(f, query);
    const order =
      f.sort === 'value'
        ? [asc(instruments.originalValueFen)]
        : f.sort === '-value'
          ? [desc(instruments.originalValueFen)]
          : f.sort === 'name' || !terms
            ? [asc(instruments.nameZh)]
            : [asc(relevance(terms, any)), desc(instruments.originalValueFen)];
    const rowsQuery = db
      .select({ id: instruments.id })
      .from(instruments)
      .innerJoin(organisations, eq(organisations.id, instruments.organisationId))
      .where(w)
      .orderBy(...order, asc(instruments.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    // Counting every match of a broad word costs more than finding the page; past the cap the
    // exact figure helps nobody, so the count stops there.
    const capped = db
      .select({ one: sql`1` })
      .from(instruments)
      .innerJoin(organisations, eq(organisations.id, instruments.organisationId))
      .where(w)
      .limit(countCap + 1)
      .as('capped');
    const [rows, [counted]] = await Promise.all([rowsQuery, db.select({ n: count() }).from(capped)]);
    const n = counted?.n ?? 0;
    return { ids: rows.map((r) => r.id), total: Math.min(n, countCap), totalCapped: n > countCap };
  }

  return {
    /**
     * The catalogue search done entirely by the database, with the same matching and ranking as the
     * in-memory index (catalogue.index.ts) except opening hours for "free now": the benchmark's
     * baseline, and the oracle the index is tested against.
     */
    async catalogueSql(f: CatalogueFilter, page: number, pageSize: number) {
      const words = f.q ? queryTerms(f.q) : null;
      if (!words) return search(f, page, pageSize, null);
      const terms = words.map(termAlternatives);
      const strict = await search(f, page, pageSize, terms);
      const loose = distinctiveTerms(words).map(termAlternatives);
      if (strict.total > 0 || terms.length === 1 || loose.length === 0) return strict;
      return search(f, page, pageSize, loose, true);
    },

    /**
     * Every instrument (or those given) for the in-memory index, with the xmin of the same
     * snapshot: every transaction below it had finished, so its writes are all in these rows.
     */
    async indexRows(ids?: string[]): Promise<{ xmin: string; rows: IndexSourceRow[] }> {
      if (ids && ids.length === 0) return { xmin: '', rows: [] };
      const only = ids
        ? sql`i.id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql`true`;
      const result = rowsOf<IndexSourceRow & { xmin: string }>(
        await db.execute(sql`
          select s.xmin, i.id, i.write_xid::text as "writeXid", i.original_value_fen as "valueFen",
                 i.name_zh as "nameZh", i.class_code as "classCode", i.region_code as "regionCode",
                 i.organisation_id as "organisationId", o.type as "ownerType", i.share_mode as "shareMode",
                 i.status, i.purpose, i.booking_rules::text as "bookingRules", i.search_vector::text as vector,
                 i.name_en as "nameEn", i.manufacturer, i.model, i.fee_per_hour_fen as "feePerHourFen",
                 i.fee_per_sample_fen as "feePerSampleFen", o.name as "ownerName",
                 (select p.id from instrument_photos p where p.instrument_id = i.id
                  order by p.position, p.id limit 1) as "coverId"
          from ${snapshotXmin} s
          left join (instruments i join organisations o on o.id = i.organisation_id) on ${only}`),
      );
      return { xmin: result[0]?.xmin ?? '', rows: result.filter((r) => r.id !== null) };
    },

    /** Rows written by transactions from `xmin` on (id and writer only), and the current xmin. */
    indexChanges: changesSince,

    /** The lexemes PostgreSQL makes of a text, for query words with punctuation inside. */
    async lexemes(text: string): Promise<string> {
      const [row] = rowsOf<{ v: string }>(await db.execute(sql`select to_tsvector('simple', ${text})::text as v`));
      return row?.v ?? '';
    },

    /** Instruments a live booking holds at some point of [from, to). */
    async busyInstruments(from: Date, to: Date): Promise<Set<string>> {
      const rows = await db
        .selectDistinct({ id: bookings.instrumentId })
        .from(bookings)
        .where(
          and(
            sql`${bookings.status} in ${ACTIVE}`,
            sql`${bookings.slot} && ${`[${from.toISOString()},${to.toISOString()})`}::tstzrange`,
          ),
        );
      return new Set(rows.map((r) => r.id));
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
