import { LRUCache } from 'lru-cache';

/**
 * Public catalogue searches follow a steep curve: a few hundred queries make most of the traffic,
 * and 50 people typing "扫描电镜" at once should cost one database query, not 50. Answers are kept
 * for a short while and identical searches in flight share one query (lru-cache's fetch). Writes
 * in this process clear it at once; other instances see a change within the TTL.
 */
export interface CatalogueCache<Q, V> {
  get(query: Q): Promise<V>;
  clear(): void;
  stats(): { hits: number; misses: number; size: number };
}

type Loader = { run: () => Promise<object> };

export function createCatalogueCache<Q extends object, V extends object>(
  opts: { ttlSeconds: number; max?: number; cacheable?: (query: Q) => boolean },
  load: (query: Q) => Promise<V>,
): CatalogueCache<Q, V> {
  let hits = 0;
  let misses = 0;
  if (opts.ttlSeconds <= 0) {
    return {
      get: (q) => {
        misses++;
        return load(q);
      },
      clear: () => {},
      stats: () => ({ hits, misses, size: 0 }),
    };
  }
  // The context is a concrete loader type: lru-cache's option types cannot resolve a generic one.
  const cache = new LRUCache<string, object, Loader>({
    max: opts.max ?? 2000,
    ttl: opts.ttlSeconds * 1000,
    fetchMethod: (_key, _stale, { context }) => context.run(),
  });
  return {
    async get(query) {
      if (opts.cacheable && !opts.cacheable(query)) {
        misses++;
        return load(query);
      }
      const status: LRUCache.Status<string, object, Loader> = {};
      const value = (await cache.fetch(cacheKey(query), { context: { run: () => load(query) }, status })) as
        | V
        | undefined;
      // Joining a search already in flight costs no query either, so it counts as a hit.
      if (status.fetch === 'hit' || status.fetch === 'inflight') hits++;
      else misses++;
      return value ?? load(query);
    },
    clear: () => cache.clear(),
    stats: () => ({ hits, misses, size: cache.size }),
  };
}

/** The same search written two ways ("液相色谱  质谱 ", fields in another order) is one key. */
export function cacheKey(query: object): string {
  const entries: [string, unknown][] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === '') continue;
    entries.push([k, typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : v instanceof Date ? v.toISOString() : v]);
  }
  // Field names are ASCII: a plain comparison orders them, where localeCompare cost every hit an ICU call.
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}
