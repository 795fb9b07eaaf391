import { LRUCache } from 'lru-cache';
import { type BookingRules, bookingRulesSchema, isoWeekdays, minutesOfDay } from '../../../shared/booking-rules.js';
import {
  createCatalogueIndex,
  type IndexRow,
  type IndexSort,
  parseTsvector,
  type Schedule,
} from './catalogue.index.js';
import type { CatalogueFilter, IndexSourceRow, InstrumentRepository, SummaryRow } from './instrument.repository.js';
import { distinctiveTerms, queryTerms, termAlternatives } from './search.js';

type Repository = Pick<InstrumentRepository, 'indexRows' | 'indexChanges' | 'lexemes' | 'busyInstruments'>;

/** The part of the rules "free now" reads; rules stored complete skip the schema parse. */
export function scheduleOf(raw: unknown): Schedule {
  const r = raw as Partial<BookingRules> | null;
  const rules =
    r && typeof r.timezone === 'string' && r.openingHours && Array.isArray(r.blackouts)
      ? (r as BookingRules)
      : // Rules are validated on write, so this only meets rows saved before a field existed.
        (bookingRulesSchema.safeParse(raw ?? {}).data ?? bookingRulesSchema.parse({}));
  return {
    timezone: rules.timezone,
    open: isoWeekdays.map((d) =>
      (rules.openingHours[d] ?? []).flatMap((w) => [minutesOfDay(w.from), minutesOfDay(w.to)]),
    ),
    blackouts: rules.blackouts.flatMap((b) => [Date.parse(b.start), Date.parse(b.end)]),
  };
}

/** Rows to index, sharing one schedule object among instruments with the same rules. */
function toIndexRows(rows: IndexSourceRow[]): IndexRow[] {
  const schedules = new Map<string, Schedule>();
  return rows.map((r) => {
    let schedule = schedules.get(r.bookingRules);
    if (!schedule) {
      schedule = scheduleOf(JSON.parse(r.bookingRules));
      schedules.set(r.bookingRules, schedule);
    }
    return { ...r, valueFen: Number(r.valueFen), schedule };
  });
}

/** A row as the catalogue list shows it. */
function listedRow(r: IndexSourceRow): SummaryRow {
  return {
    instrument: {
      id: r.id,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      classCode: r.classCode,
      organisationId: r.organisationId,
      regionCode: r.regionCode,
      originalValueFen: Number(r.valueFen),
      manufacturer: r.manufacturer,
      model: r.model,
      feePerHourFen: r.feePerHourFen,
      feePerSampleFen: r.feePerSampleFen,
      status: r.status,
      shareMode: r.shareMode,
      purpose: r.purpose,
    },
    ownerName: r.ownerName,
    ownerType: r.ownerType,
    coverId: r.coverId,
  };
}

// A word of letters and digits is its own lexeme; anything else goes through PostgreSQL's parser,
// so the index and the database never disagree about what a word is.
const PLAIN = /^[\p{L}\p{N}]+$/u;

/**
 * Catalogue search over the in-memory index and the list rows kept beside it, in step with the
 * database: a check asks which rows were written by transactions the index may not have seen (every
 * transaction below the last snapshot's xmin had finished, so its writes were loaded then) and
 * reloads those. An instrument's write_xid moves with anything its row shows, its owner's name and
 * type and its cover photo included (migrations 0014, 0021), so a write anywhere, by any process or
 * by hand in SQL, is seen by the next check.
 *
 * `maxLagMs` 0 (the default): every search waits for a check that started after it arrived, shared
 * by the searches that arrive together. Above 0: a search may answer from a check that started at
 * most that long ago, and one runs behind the searches before the allowance is used up. Under load
 * each check waited for the busy event loop twice, so every search that missed the answer cache
 * stood 20–40 ms in line for it; the answer cache already serves answers up to its TTL old.
 * `changed()` (the service calls it after each of its writes) makes the next search wait for a new
 * check whatever the allowance, so a write through this process is in the very next answer.
 */
export function createCatalogueSearch(deps: { repository: Repository; maxLagMs?: number; now?: () => number }) {
  const { repository } = deps;
  const maxLag = deps.maxLagMs ?? 0;
  const now = deps.now ?? (() => performance.now());
  const index = createCatalogueIndex();
  const listed = new Map<string, SummaryRow>();
  let xmin: string | null = null;
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  // Bumped by changed(); a check only vouches for the writes made before it started.
  let generation = 0;
  let checked: { startedAt: number; generation: number } | null = null;
  const lexemeCache = new LRUCache<string, string[]>({ max: 2000 });

  async function refresh() {
    if (xmin === null || index.needsCompaction()) {
      const { xmin: next, rows } = await repository.indexRows();
      index.load(toIndexRows(rows));
      listed.clear();
      for (const r of rows) listed.set(r.id, listedRow(r));
      xmin = next;
      return;
    }
    const { xmin: next, changed } = await repository.indexChanges(xmin);
    const stale = changed.filter((c) => index.writeXidOf(c.id) !== c.writeXid).map((c) => c.id);
    if (stale.length > 0) {
      const { rows } = await repository.indexRows(stale);
      index.upsert(toIndexRows(rows));
      for (const r of rows) listed.set(r.id, listedRow(r));
    }
    xmin = next;
  }

  /**
   * A check that starts after the call: searches arriving while one runs wait for the next one, so a
   * page asked for right after a write always sees it.
   */
  function check(): Promise<void> {
    if (!running) {
      const startedAt = now();
      const startGeneration = generation;
      running = refresh()
        .then(() => {
          checked = { startedAt, generation: startGeneration };
        })
        .finally(() => {
          running = null;
        });
      return running;
    }
    queued ??= running
      .catch(() => {})
      .then(() => {
        queued = null;
        return check();
      });
    return queued;
  }

  function fresh(): Promise<void> {
    const last = checked;
    if (maxLag > 0 && last && last.generation === generation) {
      const age = now() - last.startedAt;
      if (age <= maxLag) {
        // A failed check behind the searches is not lost: the next one that must wait runs it again
        // and its caller meets the error.
        if (age > maxLag / 2 && !running) check().catch(() => {});
        return Promise.resolve();
      }
    }
    return check();
  }

  async function lexemesOf(word: string): Promise<string[]> {
    if (PLAIN.test(word)) return [word];
    let found = lexemeCache.get(word);
    if (!found) {
      found = [...parseTsvector(await repository.lexemes(word)).keys()];
      lexemeCache.set(word, found);
    }
    return found;
  }

  /** A query word's alternatives as lexemes; alternatives with no lexeme at all are dropped. */
  async function asTerm(word: string): Promise<string[][]> {
    const alternatives = await Promise.all(
      termAlternatives(word).map(async (alt) => (await Promise.all(alt.map(lexemesOf))).flat()),
    );
    return alternatives.filter((a) => a.length > 0);
  }

  return {
    /**
     * Loads the index and the segmentation dictionary now (at start-up): either would otherwise hold
     * the first searches up for a second.
     */
    warm: () => {
      queryTerms('预热');
      return check();
    },

    size: () => index.size(),

    /** A write was made: the next search waits for a check that started after this call. */
    changed: () => {
      generation++;
    },

    /** One page of the catalogue: its ids and rows in order, and how many match in all. */
    async search(f: CatalogueFilter, page: number, pageSize: number) {
      const words = f.q ? queryTerms(f.q) : null;
      const [terms, fallback, busy] = await Promise.all([
        words ? Promise.all(words.map(asTerm)) : null,
        words ? Promise.all(distinctiveTerms(words).map(asTerm)) : [],
        f.freeFrom && f.freeTo ? repository.busyInstruments(f.freeFrom, f.freeTo) : null,
        fresh(),
      ]);
      const usable = terms?.filter((t) => t.length > 0) ?? [];
      const found = index.search({
        terms: usable.length > 0 ? usable : null,
        fallback: fallback.filter((t) => t.length > 0),
        filter: {
          classCode: f.classCode,
          regionPrefix: f.regionPrefix,
          ownerType: f.ownerType,
          organisationId: f.organisationId,
          minValueFen: f.minValueFen,
          maxValueFen: f.maxValueFen,
          shareMode: f.shareMode,
          status: f.status,
          purpose: f.purpose,
          free: busy && f.freeFrom ? { at: f.freeFrom.getTime(), busy } : undefined,
        },
        sort: f.sort as IndexSort,
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      // The index and the rows changed together, and nothing awaited since: they agree.
      return { ...found, rows: found.ids.map((id) => listed.get(id) as SummaryRow) };
    },
  };
}
export type CatalogueSearch = ReturnType<typeof createCatalogueSearch>;
