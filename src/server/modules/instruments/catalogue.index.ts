/**
 * The catalogue's search index, held in memory by each process. A ranked full-text query over
 * 50,000 instruments costs PostgreSQL 25–90 ms, because ordering the matches of a broad word means
 * visiting every matching row (EXPLAIN: 5,000+ heap pages for 光谱); here the same answer is a
 * posting-list intersection and a top-k pass, well under a millisecond. The database stays the
 * source of truth: rows are loaded from the stored `search_vector` (so the lexemes are exactly the
 * ones PostgreSQL indexed) and reloaded as they change (catalogue.search.ts); pages are then read by
 * id. Pure: no I/O here.
 *
 * Ranking, the same as the SQL baseline in instrument.repository.ts: every query word must match;
 * instruments whose name holds every word come first (tier 0), then those with every word in
 * name, class or model (tier 1), then the rest; within a tier the more valuable instrument first.
 * When all words together match nothing, any distinctive word may, and matching more words ranks
 * higher.
 */
import { Postings, parseTsvector, smallest, wallClock } from './catalogue.postings.js';

export { parseTsvector } from './catalogue.postings.js';

/** When an instrument takes bookings, in its own time zone (from its booking rules). */
export interface Schedule {
  timezone: string;
  /** Index 0 = Monday … 6 = Sunday; each a flat list of [from, to) minute pairs. */
  open: number[][];
  /** Flat list of [start, end) epoch-millisecond pairs. */
  blackouts: number[];
}

/** One instrument as the index needs it; `vector` is `search_vector::text`. */
export interface IndexRow {
  id: string;
  writeXid: string;
  valueFen: number;
  nameZh: string;
  classCode: string;
  regionCode: string;
  organisationId: string;
  ownerType: string;
  shareMode: string;
  status: string;
  purpose: string;
  schedule: Schedule;
  vector: string | null;
}

export type IndexSort = 'relevance' | 'value' | '-value' | 'name';

export interface IndexFilter {
  classCode?: string;
  regionPrefix?: string;
  ownerType?: string;
  organisationId?: string;
  minValueFen?: number;
  maxValueFen?: number;
  shareMode?: string;
  status?: string;
  purpose?: string;
  /**
   * "Free now": in normal service, shared, inside an opening window and outside any blackout at
   * `at`, and not among `busy` (instruments a live booking holds in the window, from the database).
   */
  free?: { at: number; busy: ReadonlySet<string> };
}

/** Doc numbers in ascending order with the tier each matched at; the first `n` are used. */
interface Matches {
  docs: Int32Array;
  tiers: Uint8Array;
  n: number;
}
const NONE: Matches = { docs: new Int32Array(0), tiers: new Uint8Array(0), n: 0 };

export interface IndexQuery {
  /**
   * Query words; each word is a list of alternatives, each alternative the lexemes that must all be
   * present (see termAlternatives in search.ts). Null lists everything.
   */
  terms: string[][][] | null;
  /** The distinctive words, for the any-word fallback; empty disables it. */
  fallback: string[][][];
  filter: IndexFilter;
  sort: IndexSort;
  offset: number;
  limit: number;
}

/** An order of the live documents: each one's rank, and the document at each rank. */
interface Order {
  rank: Int32Array;
  docAt: Int32Array;
}

export function createCatalogueIndex() {
  const ids: string[] = [];
  const xids: string[] = [];
  const alive: boolean[] = [];
  const value: number[] = [];
  const name: string[] = [];
  const cls: string[] = [];
  const region: string[] = [];
  const org: string[] = [];
  const ownerType: string[] = [];
  const share: string[] = [];
  const status: string[] = [];
  const purpose: string[] = [];
  const schedule: Schedule[] = [];
  const byId = new Map<string, number>();
  let postings = new Map<string, Postings>();
  let dead = 0;
  // Orders by value and by name, kept up to date on every change, so sorting a page is a lookup.
  let orders: Record<'valueDesc' | 'valueAsc' | 'name', Order> | null = null;

  function reset() {
    for (const a of [ids, xids, alive, value, name, cls, region, org, ownerType, share, status, purpose, schedule])
      a.length = 0;
    byId.clear();
    postings = new Map();
    dead = 0;
    orders = null;
  }

  function add(row: IndexRow): { removed?: number; added: number } {
    const old = byId.get(row.id);
    if (old !== undefined) {
      // Replaced rows stay in the posting lists as tombstones until the next full load.
      alive[old] = false;
      dead++;
    }
    const doc = ids.length;
    ids.push(row.id);
    xids.push(row.writeXid);
    alive.push(true);
    value.push(row.valueFen);
    name.push(row.nameZh);
    cls.push(row.classCode);
    region.push(row.regionCode);
    org.push(row.organisationId);
    ownerType.push(row.ownerType);
    share.push(row.shareMode);
    status.push(row.status);
    purpose.push(row.purpose);
    schedule.push(row.schedule);
    byId.set(row.id, doc);
    if (row.vector)
      for (const [lexeme, mask] of parseTsvector(row.vector)) {
        let p = postings.get(lexeme);
        if (!p) {
          p = new Postings();
          postings.set(lexeme, p);
        }
        p.push(doc, mask);
      }
    return { removed: old, added: doc };
  }

  const idOrder = (a: number, b: number) => ((ids[a] as string) < (ids[b] as string) ? -1 : 1);
  const comparators = {
    valueDesc: (a: number, b: number) => (value[b] as number) - (value[a] as number) || idOrder(a, b),
    valueAsc: (a: number, b: number) => (value[a] as number) - (value[b] as number) || idOrder(a, b),
    // Code-point order, as the database's C collation sorts.
    name: (a: number, b: number) =>
      (name[a] as string) < (name[b] as string) ? -1 : (name[a] as string) > (name[b] as string) ? 1 : idOrder(a, b),
  };
  type Orders = Record<keyof typeof comparators, Order>;

  function ranked(docAt: Int32Array): Order {
    const rank = new Int32Array(ids.length);
    for (let i = 0; i < docAt.length; i++) rank[docAt[i] as number] = i;
    return { rank, docAt };
  }

  /** Sorts every order from scratch: on a full load, or after a large batch of changes. */
  function rebuild(): Orders {
    const live: number[] = [];
    for (let d = 0; d < ids.length; d++) if (alive[d]) live.push(d);
    const make = (cmp: (a: number, b: number) => number) => ranked(Int32Array.from([...live].sort(cmp)));
    return {
      valueDesc: make(comparators.valueDesc),
      valueAsc: make(comparators.valueAsc),
      name: make(comparators.name),
    };
  }

  /**
   * Moves a few changed documents within the existing orders (out of their old place, into their
   * new one by binary search): linear work, where re-sorting 50,000 rows after one edit would hold
   * the event loop for most of a second.
   */
  function patch(current: Orders, changes: { removed?: number; added: number }[]): Orders {
    const next = {} as Orders;
    const removed = new Set(changes.flatMap((c) => (c.removed === undefined ? [] : [c.removed])));
    for (const key of Object.keys(comparators) as (keyof typeof comparators)[]) {
      const cmp = comparators[key];
      const docs = Array.from(current[key].docAt).filter((d) => !removed.has(d));
      for (const { added } of changes) {
        let lo = 0;
        let hi = docs.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cmp(docs[mid] as number, added) < 0) lo = mid + 1;
          else hi = mid;
        }
        docs.splice(lo, 0, added);
      }
      next[key] = ranked(Int32Array.from(docs));
    }
    return next;
  }

  function ordered(): Orders {
    orders ??= rebuild();
    return orders;
  }

  /**
   * The filter as a predicate made of only the conditions it sets. It runs once per matching document
   * (thousands for a broad word), and most searches set no filter or one, so testing every field of
   * the filter each time was the largest part of a search.
   */
  function predicate(f: IndexFilter): (d: number) => boolean {
    const checks: ((d: number) => boolean)[] = [];
    const { classCode, regionPrefix, ownerType: owner, organisationId, minValueFen, maxValueFen, free } = f;
    if (classCode) checks.push((d) => (cls[d] as string).startsWith(classCode));
    if (regionPrefix) checks.push((d) => (region[d] as string).startsWith(regionPrefix));
    if (owner) checks.push((d) => ownerType[d] === owner);
    if (organisationId) checks.push((d) => org[d] === organisationId);
    if (minValueFen !== undefined) checks.push((d) => (value[d] as number) >= minValueFen);
    if (maxValueFen !== undefined) checks.push((d) => (value[d] as number) <= maxValueFen);
    for (const [wanted, column] of [
      [f.shareMode, share],
      [f.status, status],
      [f.purpose, purpose],
    ] as const)
      if (wanted) checks.push((d) => column[d] === wanted);
    if (free) checks.push(freeAt(free));
    return (d) => {
      if (!alive[d]) return false;
      for (const check of checks) if (!check(d)) return false;
      return true;
    };
  }

  /** "Free now": in normal service, shared, inside an opening window and outside any blackout. */
  function freeAt(free: NonNullable<IndexFilter['free']>): (d: number) => boolean {
    const local = new Map<string, { day: number; minute: number }>();
    return (d) => {
      if (status[d] !== 'normal' || share[d] === 'none' || free.busy.has(ids[d] as string)) return false;
      const s = schedule[d] as Schedule;
      let now = local.get(s.timezone);
      if (!now) {
        now = wallClock(free.at, s.timezone);
        local.set(s.timezone, now);
      }
      const windows = s.open[now.day] ?? [];
      let open = false;
      for (let i = 0; i < windows.length; i += 2)
        if ((windows[i] as number) <= now.minute && now.minute < (windows[i + 1] as number)) open = true;
      if (!open) return false;
      for (let i = 0; i < s.blackouts.length; i += 2)
        if ((s.blackouts[i] as number) <= free.at && free.at < (s.blackouts[i + 1] as number)) return false;
      return true;
    };
  }

  /** Documents holding every lexeme of one alternative, with the worst of their best tiers. */
  function matchAlternative(lexemes: string[]): Matches {
    const lists: { p: Postings; at: number }[] = [];
    for (const lexeme of lexemes) {
      const p = postings.get(lexeme);
      if (!p) return NONE;
      lists.push({ p, at: 0 });
    }
    lists.sort((a, b) => a.p.n - b.p.n);
    const driver = lists[0];
    if (!driver) return NONE;
    // One lexeme (most words): its posting list is the answer, read in place.
    if (lists.length === 1) return { docs: driver.p.docs, tiers: driver.p.tiers, n: driver.p.n };
    const out: Matches = { docs: new Int32Array(driver.p.n), tiers: new Uint8Array(driver.p.n), n: 0 };
    outer: for (let i = 0; i < driver.p.n; i++) {
      const doc = driver.p.docs[i] as number;
      let tier = driver.p.tiers[i] as number;
      for (let k = 1; k < lists.length; k++) {
        const l = lists[k] as { p: Postings; at: number };
        l.at = l.p.seek(doc, l.at);
        if (l.at >= l.p.n || l.p.docs[l.at] !== doc) continue outer;
        const t = l.p.tiers[l.at] as number;
        if (t > tier) tier = t;
      }
      out.docs[out.n] = doc;
      out.tiers[out.n] = tier;
      out.n++;
    }
    return out;
  }

  /** Documents matching any alternative of a word, with the best tier among those matched. */
  function matchTerm(term: string[][]): Matches {
    let acc = NONE;
    for (const alternative of term) {
      const m = matchAlternative(alternative);
      if (acc.n === 0) {
        acc = m;
        continue;
      }
      const merged: Matches = { docs: new Int32Array(acc.n + m.n), tiers: new Uint8Array(acc.n + m.n), n: 0 };
      let i = 0;
      let j = 0;
      while (i < acc.n || j < m.n) {
        const a = i < acc.n ? (acc.docs[i] as number) : Number.MAX_SAFE_INTEGER;
        const b = j < m.n ? (m.docs[j] as number) : Number.MAX_SAFE_INTEGER;
        if (a === b) {
          merged.docs[merged.n] = a;
          merged.tiers[merged.n] = Math.min(acc.tiers[i++] as number, m.tiers[j++] as number);
        } else if (a < b) {
          merged.docs[merged.n] = a;
          merged.tiers[merged.n] = acc.tiers[i++] as number;
        } else {
          merged.docs[merged.n] = b;
          merged.tiers[merged.n] = m.tiers[j++] as number;
        }
        merged.n++;
      }
      acc = merged;
    }
    return acc;
  }

  /** Documents matching every word, with the worst of the words' tiers. */
  function matchAll(terms: string[][][]): Matches {
    const each = terms.map(matchTerm).sort((a, b) => a.n - b.n);
    const driver = each[0];
    if (!driver || each.length === 1 || driver.n === 0) return driver ?? NONE;
    const at = new Int32Array(each.length);
    const out: Matches = { docs: new Int32Array(driver.n), tiers: new Uint8Array(driver.n), n: 0 };
    outer: for (let i = 0; i < driver.n; i++) {
      const doc = driver.docs[i] as number;
      let tier = driver.tiers[i] as number;
      for (let k = 1; k < each.length; k++) {
        const m = each[k] as Matches;
        let pos = at[k] as number;
        while (pos < m.n && (m.docs[pos] as number) < doc) pos++;
        at[k] = pos;
        if (pos >= m.n || m.docs[pos] !== doc) continue outer;
        const t = m.tiers[pos] as number;
        if (t > tier) tier = t;
      }
      out.docs[out.n] = doc;
      out.tiers[out.n] = tier;
      out.n++;
    }
    return out;
  }

  return {
    /** Replaces everything with these rows (a full load). */
    load(rows: Iterable<IndexRow>) {
      reset();
      for (const r of rows) add(r);
      orders = rebuild();
    },

    /** Adds or replaces rows. */
    upsert(rows: Iterable<IndexRow>) {
      const changes = [...rows].map(add);
      orders = orders && changes.length <= 100 ? patch(orders, changes) : rebuild();
    },

    /** Tombstones outnumber a quarter of the rows: a full reload is due. */
    needsCompaction: () => dead > 1000 && dead > byId.size / 4,

    /** The transaction id each row was last loaded with, to tell a changed row from a seen one. */
    writeXidOf: (id: string) => {
      const d = byId.get(id);
      return d === undefined ? undefined : xids[d];
    },

    size: () => byId.size,

    /** Ids of one page, in order, and how many instruments match in all. */
    search(q: IndexQuery): { ids: string[]; total: number } {
      const o = ordered();
      const passes = predicate(q.filter);
      const n = ids.length;
      const byRelevance = q.sort === 'relevance' && q.terms !== null;
      const order =
        q.sort === 'value'
          ? o.valueAsc
          : q.sort === '-value'
            ? o.valueDesc
            : q.sort === 'name' || q.terms === null
              ? o.name
              : o.valueDesc;
      const { rank } = order;
      // Keys sort ascending: (matched words, tier) above a rank that is unique per document.
      let keys = new Float64Array(64);
      let total = 0;
      const note = (d: number, prefix: number) => {
        if (total === keys.length) {
          const grown = new Float64Array(keys.length * 2);
          grown.set(keys);
          keys = grown;
        }
        keys[total++] = prefix * n + (rank[d] as number);
      };
      if (q.terms === null) {
        for (let d = 0; d < n; d++) if (passes(d)) note(d, 0);
      } else {
        const all = matchAll(q.terms);
        for (let i = 0; i < all.n; i++) {
          const d = all.docs[i] as number;
          if (passes(d)) note(d, byRelevance ? (all.tiers[i] as number) : 0);
        }
        if (total === 0 && q.terms.length > 1 && q.fallback.length > 0) {
          const matched = new Uint8Array(n);
          const worst = new Uint8Array(n);
          for (const term of q.fallback) {
            const hit = matchTerm(term);
            for (let i = 0; i < hit.n; i++) {
              const d = hit.docs[i] as number;
              matched[d] = (matched[d] as number) + 1;
              if ((hit.tiers[i] as number) > (worst[d] as number)) worst[d] = hit.tiers[i] as number;
            }
          }
          const most = q.fallback.length;
          for (let d = 0; d < n; d++)
            if ((matched[d] as number) > 0 && passes(d))
              note(d, byRelevance ? (most - (matched[d] as number)) * 3 + (worst[d] as number) : 0);
        }
      }
      const page = smallest(keys, total, q.offset + q.limit).slice(q.offset);
      return { ids: page.map((k) => ids[order.docAt[k % n] as number] as string), total };
    },
  };
}
export type CatalogueIndex = ReturnType<typeof createCatalogueIndex>;
