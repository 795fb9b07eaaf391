/**
 * The per-process cache of device rows that every incoming message consults. Two things keep a
 * steady stream from waiting on the database (on PGlite a lookup queues behind the ingest commits):
 * one query per device at a time however many of its messages arrive meanwhile (single flight), and
 * a row close to its age limit is refreshed in the background while the cached one is still served,
 * so a device sending steadily never meets an expired entry. A row is never served older than
 * `maxAgeMs`; `forget` drops a device at once, and a lookup already under way for it is not cached.
 * (lru-cache's fetch, used for catalogue answers, does not fit here: a delete during its fetch either
 * fails the messages waiting on it or, with ignoreFetchAbort, stores the row read before the change.)
 */
export function createRowCache<T>(load: (id: string) => Promise<T>, opts: { maxAgeMs: number; maxEntries?: number }) {
  const refreshAfter = opts.maxAgeMs * 0.8;
  const maxEntries = opts.maxEntries ?? 100_000;
  const rows = new Map<string, { row: T; at: number }>();
  const loading = new Map<string, Promise<T>>();

  function fetch(id: string): Promise<T> {
    const running = loading.get(id);
    if (running) return running;
    const p = load(id).then(
      (row) => {
        // Forgotten (or replaced) while the query ran: the answer may predate the change.
        if (loading.get(id) === p) {
          loading.delete(id);
          if (rows.size >= maxEntries) rows.clear();
          rows.set(id, { row, at: Date.now() });
        }
        return row;
      },
      (err) => {
        if (loading.get(id) === p) loading.delete(id);
        throw err;
      },
    );
    loading.set(id, p);
    return p;
  }

  return {
    get(id: string): Promise<T> {
      const hit = rows.get(id);
      const age = hit ? Date.now() - hit.at : Number.POSITIVE_INFINITY;
      if (hit && age < opts.maxAgeMs) {
        // Ahead of expiry: refresh quietly; a failure leaves the entry to expire and be awaited then.
        if (age >= refreshAfter && !loading.has(id)) fetch(id).catch(() => {});
        return Promise.resolve(hit.row);
      }
      return fetch(id);
    },
    forget(id: string) {
      rows.delete(id);
      loading.delete(id);
    },
  };
}
