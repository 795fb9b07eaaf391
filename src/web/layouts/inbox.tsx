import { createContext, useContext } from 'react';

export interface InboxCount {
  unread: number | null;
  refresh: () => void;
}

export const InboxContext = createContext<InboxCount>({ unread: null, refresh: () => {} });

/** Unread count shown on the bell; the inbox page calls refresh after marking things read. */
export function useInboxCount(): InboxCount {
  return useContext(InboxContext);
}
