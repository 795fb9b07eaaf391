import type { BoardEvent, BoardItem, BoardState } from '../../api/types';

/**
 * The live board's bookkeeping, kept free of React so it can be tested: pushed state changes laid
 * over the loaded board, and the counts per state. An event older than what the board already shows
 * (a reconnect can replay it) does not roll a tile back.
 */
export function applyEvents(items: BoardItem[], pushed: Record<string, BoardEvent>): BoardItem[] {
  return items.map((i) => {
    const e = pushed[i.instrumentId];
    if (!e) return i;
    if (i.since && Date.parse(e.since) < Date.parse(i.since)) return i;
    return { ...i, state: e.state, since: e.since, powerW: e.powerW, lastSeenAt: e.since };
  });
}

export function countStates(items: BoardItem[]): Record<BoardState, number> {
  const counts: Record<BoardState, number> = { working: 0, idle: 0, off: 0, offline: 0, never: 0 };
  for (const i of items) counts[i.state] += 1;
  return counts;
}
