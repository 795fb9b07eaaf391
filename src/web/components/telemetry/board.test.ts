import { describe, expect, it } from 'vitest';
import type { BoardItem } from '../../api/types';
import { applyEvents, countStates } from './board';

const item = (id: string, state: BoardItem['state'], since: string | null): BoardItem => ({
  instrumentId: id,
  nameZh: `仪器 ${id}`,
  nameEn: null,
  organisationId: '00000000-0000-4000-8000-000000000001',
  organisationName: '单位',
  regionCode: '330602',
  state,
  since,
  lastSeenAt: since,
  powerW: null,
  deviceId: null,
});

describe('live board bookkeeping', () => {
  const board = [
    item('a', 'off', '2026-11-25T01:00:00.000Z'),
    item('b', 'never', null),
    item('c', 'working', '2026-11-25T02:00:00.000Z'),
  ];

  it('lays pushed state changes over the loaded board and recounts', () => {
    const next = applyEvents(board, {
      a: { instrumentId: 'a', state: 'working', since: '2026-11-25T03:00:00.000Z', powerW: 1500 },
      b: { instrumentId: 'b', state: 'idle', since: '2026-11-25T03:01:00.000Z', powerW: 90 },
    });
    expect(next.map((i) => [i.state, i.powerW])).toEqual([
      ['working', 1500],
      ['idle', 90],
      ['working', null],
    ]);
    expect(countStates(next)).toEqual({ working: 2, idle: 1, off: 0, offline: 0, never: 0 });
  });

  it('ignores a replayed event older than what the board shows', () => {
    const next = applyEvents(board, {
      c: { instrumentId: 'c', state: 'offline', since: '2026-11-25T01:30:00.000Z', powerW: null },
    });
    expect(next[2]?.state).toBe('working');
    expect(countStates(next).offline).toBe(0);
  });
});
