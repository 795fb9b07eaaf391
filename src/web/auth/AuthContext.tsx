import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, http, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';

interface AuthValue {
  /** undefined while the first "who am I" is in flight; null when signed out. */
  me: Me | null | undefined;
  setMe: (me: Me | null) => void;
  refresh: () => Promise<Me | null>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null | undefined>(undefined);

  const setMe = useCallback((next: Me | null) => {
    if (next) setCsrfToken(next.csrfToken);
    setMeState(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const next = await http.get<Me>('/api/auth/me', undefined, { allowUnauthenticated: true });
      setMe(next);
      return next;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setMe(null);
        return null;
      }
      // Server unreachable: treat as signed out, pages show their own error states.
      setMeState(null);
      return null;
    }
  }, [setMe]);

  const signOut = useCallback(async () => {
    try {
      await http.post('/api/auth/logout');
    } finally {
      setCsrfToken(null);
      setMeState(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(() => ({ me, setMe, refresh, signOut }), [me, setMe, refresh, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** For pages inside the signed-in layout, where `me` is known to be present. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe outside the signed-in workspace');
  return me;
}
