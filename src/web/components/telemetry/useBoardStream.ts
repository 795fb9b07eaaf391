import { useEffect, useRef, useState } from 'react';
import type { BoardEvent } from '../../api/types';
import { telemetryApi } from './endpoints';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

/**
 * Follows the board's server-sent events. EventSource reconnects by itself; after a drop we also
 * ask the caller to reload the board, since changes made while disconnected were not pushed.
 */
export function useBoardStream(onEvent: (e: BoardEvent) => void, onReconnected: () => void): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const handlers = useRef({ onEvent, onReconnected });
  handlers.current = { onEvent, onReconnected };
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let dropped = false;
    const source = new EventSource(telemetryApi.boardStream, { withCredentials: true });
    source.onopen = () => {
      setStatus('live');
      if (dropped) handlers.current.onReconnected();
      dropped = false;
    };
    source.onerror = () => {
      dropped = true;
      setStatus('reconnecting');
    };
    source.addEventListener('state', (msg) => {
      try {
        handlers.current.onEvent(JSON.parse((msg as MessageEvent<string>).data) as BoardEvent);
      } catch {
        // A malformed event is skipped; the next reload corrects the board.
      }
    });
    return () => source.close();
  }, []);
  return status;
}
