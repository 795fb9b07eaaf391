import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * List filters kept in the URL query, so a filtered list can be bookmarked, shared and returned to.
 * Changing any filter other than the page puts the list back on page 1.
 */
export function useUrlQuery<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => {
    const out = {} as Record<K, string | undefined>;
    for (const k of keys) out[k] = params.get(k) ?? undefined;
    return out;
  }, [params, keys]);

  const update = useCallback(
    (patch: Partial<Record<K, string | number | undefined | null>>) => {
      setParams(
        (prev) => {
          // Start from the address bar, not `prev`: react-router renders navigations in a transition,
          // so two quick changes (pick a status, then search) would otherwise see a stale query and
          // the second would drop the first.
          const next = new URLSearchParams(typeof window === 'undefined' ? prev : window.location.search);
          for (const [k, v] of Object.entries(patch) as [string, string | number | undefined | null][]) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  const reset = useCallback(() => setParams(new URLSearchParams()), [setParams]);
  return { values, update, reset };
}

export function toInt(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
