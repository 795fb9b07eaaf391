import { useCallback, useMemo, useState } from 'react';

/**
 * A long form's draft in this browser: read once when the form opens, written on every change,
 * dropped after a successful submit or when the user discards it. Storage that is full, disabled or
 * holding a broken draft simply means no draft.
 */
export function useDraft<T extends object>(key: string) {
  const initial = useMemo((): Partial<T> | undefined => {
    try {
      const raw = globalThis.localStorage?.getItem(key);
      return raw ? (JSON.parse(raw) as Partial<T>) : undefined;
    } catch {
      return undefined;
    }
  }, [key]);
  const [restored, setRestored] = useState(!!initial);
  const save = useCallback(
    (values: T) => {
      try {
        globalThis.localStorage?.setItem(key, JSON.stringify(values));
      } catch {
        // No draft this time.
      }
    },
    [key],
  );
  const discard = useCallback(() => {
    try {
      globalThis.localStorage?.removeItem(key);
    } catch {
      // Nothing to remove.
    }
    setRestored(false);
  }, [key]);
  return { initial, restored, save, discard };
}
