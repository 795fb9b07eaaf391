/**
 * The power-state machine: from a device's readings to state segments. Pure (no database, no clock)
 * so live ingestion, out-of-order re-derivation and reprocessing all run this one function.
 *
 * Rules (defaults in DEFAULT_LEVELS, after section 3 of the instrument research note):
 * - levels: off < idleW ≤ idle < workingW ≤ working. Hysteresis: leaving a level downwards needs the
 *   power to fall `hysteresisW` below that level's threshold, so noise on a threshold does not flap.
 * - delays: a higher level must hold for `onDelayS`, a lower one for `offDelayS`, before it counts;
 *   once it counts it is dated back to the first reading that showed it (hours are not lost to the
 *   debounce).
 * - silence: a gap longer than `offlineAfterS` between readings is `unknown` time, never on and
 *   never off; after it the first reading sets the state at once.
 * Segments start at reading timestamps, so re-deriving from any committed segment start with that
 * segment's state gives the same result as deriving from the beginning.
 */
export type PowerState = 'off' | 'idle' | 'working';
export type SegmentState = PowerState | 'unknown';

export interface PowerLevels {
  idleW: number;
  workingW: number;
  hysteresisW: number;
  onDelayS: number;
  offDelayS: number;
  offlineAfterS: number;
}

export const DEFAULT_LEVELS: PowerLevels = {
  idleW: 10,
  workingW: 100,
  hysteresisW: 5,
  onDelayS: 60,
  offDelayS: 180,
  offlineAfterS: 600,
};

export interface MachineState {
  /** Committed state, null before the first reading. */
  state: PowerState | null;
  /** Start of the committed (open) segment, epoch ms. */
  since: number | null;
  pending: PowerState | null;
  pendingSince: number | null;
  /** Last reading seen, epoch ms; null right after a restart from a segment start. */
  lastTs: number | null;
  lastP: number | null;
}

export interface Reading {
  ts: number;
  p: number;
}

export interface Segment {
  state: SegmentState;
  start: number;
  end: number;
}

export const EMPTY_STATE: MachineState = {
  state: null,
  since: null,
  pending: null,
  pendingSince: null,
  lastTs: null,
  lastP: null,
};

const RANK: Record<PowerState, number> = { off: 0, idle: 1, working: 2 };
const BY_RANK: PowerState[] = ['off', 'idle', 'working'];

/** The level a power value means, given the committed state (hysteresis lowers the thresholds at or below it). */
export function classify(p: number, current: PowerState | null, levels: PowerLevels): PowerState {
  const rank = current === null ? -1 : RANK[current];
  const threshold = (k: 1 | 2) => {
    const t = k === 1 ? levels.idleW : levels.workingW;
    return k <= rank ? t - levels.hysteresisW : t;
  };
  if (p >= threshold(2)) return 'working';
  if (p >= threshold(1)) return 'idle';
  return 'off';
}

/** The state to restart from at the start of a committed segment (see the file comment). */
export function restartAt(state: PowerState, start: number): MachineState {
  return { state, since: start, pending: null, pendingSince: null, lastTs: null, lastP: null };
}

/**
 * Feeds readings (any order; they are sorted here) into a machine state. Returns the segments
 * closed on the way and the new state, whose open segment is [state.since, state.lastTs].
 */
export function derive(
  levels: PowerLevels,
  from: MachineState,
  readings: readonly Reading[],
): { closed: Segment[]; state: MachineState } {
  const sorted = [...readings].sort((a, b) => a.ts - b.ts);
  const s: MachineState = { ...from };
  const closed: Segment[] = [];
  const close = (state: SegmentState, start: number, end: number) => {
    if (end > start) closed.push({ state, start, end });
  };
  const gapMs = levels.offlineAfterS * 1000;
  for (const r of sorted) {
    if (s.lastTs !== null && r.ts <= s.lastTs) continue; // duplicates are removed upstream; never go back
    if (s.state === null || (s.lastTs !== null && r.ts - s.lastTs > gapMs)) {
      if (s.state !== null && s.lastTs !== null) {
        close(s.state, s.since as number, s.lastTs);
        close('unknown', s.lastTs, r.ts);
      }
      s.state = classify(r.p, null, levels);
      s.since = r.ts;
      s.pending = null;
      s.pendingSince = null;
    } else {
      const level = classify(r.p, s.state, levels);
      if (level === s.state) {
        s.pending = null;
        s.pendingSince = null;
      } else {
        if (s.pending !== level) {
          s.pending = level;
          s.pendingSince = r.ts;
        }
        const delayS = RANK[level] > RANK[s.state] ? levels.onDelayS : levels.offDelayS;
        const pendingSince = s.pendingSince as number;
        if (r.ts - pendingSince >= delayS * 1000) {
          close(s.state, s.since as number, pendingSince);
          s.state = level;
          s.since = pendingSince;
          s.pending = null;
          s.pendingSince = null;
        }
      }
    }
    s.lastTs = r.ts;
    s.lastP = r.p;
  }
  return { closed, state: s };
}

/** All segments of a run from scratch, the open one included (for tests and calibration previews). */
export function deriveAll(levels: PowerLevels, readings: readonly Reading[]): Segment[] {
  const { closed, state } = derive(levels, EMPTY_STATE, readings);
  if (state.state !== null && state.since !== null && state.lastTs !== null && state.lastTs > state.since)
    closed.push({ state: state.state, start: state.since, end: state.lastTs });
  return closed;
}

export const powerStates = BY_RANK;
