import { describe, expect, it } from 'vitest';
import {
  classify,
  DEFAULT_LEVELS,
  derive,
  deriveAll,
  EMPTY_STATE,
  type PowerLevels,
  type Reading,
  restartAt,
} from './power.machine.js';

const L: PowerLevels = { idleW: 10, workingW: 100, hysteresisW: 5, onDelayS: 60, offDelayS: 180, offlineAfterS: 600 };
const T0 = Date.UTC(2026, 10, 25, 0, 0, 0);
/** Readings every `stepS` seconds from `fromS` with the given powers. */
const run = (fromS: number, stepS: number, powers: number[]): Reading[] =>
  powers.map((p, i) => ({ ts: T0 + (fromS + i * stepS) * 1000, p }));
const secs = (ms: number) => (ms - T0) / 1000;

describe('power state machine', () => {
  it('classifies with hysteresis: leaving a level needs the power to fall below its threshold minus the margin', () => {
    expect(classify(100, 'idle', L)).toBe('working');
    expect(classify(99, 'idle', L)).toBe('idle');
    expect(classify(96, 'working', L)).toBe('working');
    expect(classify(94.9, 'working', L)).toBe('idle');
    expect(classify(6, 'idle', L)).toBe('idle');
    expect(classify(4, 'idle', L)).toBe('off');
    expect(classify(9, 'off', L)).toBe('off');
    expect(classify(3, null, L)).toBe('off');
  });

  it('does not flap when the power wobbles around a threshold', () => {
    // working at 100–98 W, around the working threshold: with 5 W of hysteresis it stays working.
    const readings = run(0, 30, [150, 150, 150, 98, 101, 97, 99, 102, 96, 100]);
    const segs = deriveAll(L, readings);
    expect(segs).toEqual([{ state: 'working', start: T0, end: T0 + 270_000 }]);
    // Without hysteresis or delays the same trace flaps on every wobble.
    const bare = deriveAll({ ...L, hysteresisW: 0, offDelayS: 0, onDelayS: 0 }, readings);
    expect(bare.map((s) => s.state)).toEqual(['working', 'idle', 'working', 'idle', 'working', 'idle']);
  });

  it('applies the on-delay and dates a confirmed change back to the first reading that showed it', () => {
    // off, then a 30 s spike (shorter than the 60 s on-delay), then idle held for 2 min.
    const readings = run(0, 30, [0, 0, 50, 0, 0, 50, 50, 50, 50, 50]);
    const segs = deriveAll(L, readings);
    expect(segs.map((s) => [s.state, secs(s.start), secs(s.end)])).toEqual([
      ['off', 0, 150],
      ['idle', 150, 270],
    ]);
  });

  it('applies the longer off-delay before calling an instrument off', () => {
    const idleThenOff = run(0, 60, [50, 50, 0, 0, 50, 0, 0, 0, 0, 0]);
    const segs = deriveAll(L, idleThenOff);
    // The 2-minute dip at 120 s is under the 180 s off-delay; the one from 300 s is confirmed at 480 s.
    expect(segs.map((s) => [s.state, secs(s.start), secs(s.end)])).toEqual([
      ['idle', 0, 300],
      ['off', 300, 540],
    ]);
  });

  it('counts silence beyond the offline timeout as unknown, never on or off, and restarts after it', () => {
    const before = run(0, 60, [200, 200, 200]);
    const after = run(120 + 1200, 60, [0, 0]);
    const segs = deriveAll(L, [...before, ...after]);
    expect(segs.map((s) => [s.state, secs(s.start), secs(s.end)])).toEqual([
      ['working', 0, 120],
      ['unknown', 120, 1320],
      ['off', 1320, 1380],
    ]);
    // A gap just under the timeout is not offline.
    const short = deriveAll(L, [...before, ...run(120 + 600, 60, [200])]);
    expect(short).toEqual([{ state: 'working', start: T0, end: T0 + 720_000 }]);
  });

  it('gives the same segments for out-of-order input as for in-order input', () => {
    const readings = run(0, 20, [0, 0, 40, 40, 40, 40, 40, 300, 300, 300, 300, 300, 20, 20, 20, 20, 20, 20, 20, 20, 0]);
    const shuffled = [...readings].reverse();
    shuffled.push(shuffled.shift() as Reading);
    expect(deriveAll(L, shuffled)).toEqual(deriveAll(L, readings));
  });

  it('gives the same result fed in chunks as in one go, and when restarted from any committed segment start', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const readings: Reading[] = [];
    let ts = T0;
    let level = 0;
    for (let i = 0; i < 2000; i++) {
      if (rnd() < 0.03) level = Math.floor(rnd() * 3);
      ts += rnd() < 0.005 ? 900_000 : 30_000; // now and then an outage
      readings.push({ ts, p: ([2, 40, 500][level] as number) + rnd() * 8 });
    }
    const whole = deriveAll(L, readings);
    let state = EMPTY_STATE;
    const chunked = [];
    for (let i = 0; i < readings.length; i += 37) {
      const r = derive(L, state, readings.slice(i, i + 37));
      chunked.push(...r.closed);
      state = r.state;
    }
    if (state.state && state.lastTs && state.since !== null && state.lastTs > state.since)
      chunked.push({ state: state.state, start: state.since, end: state.lastTs });
    expect(chunked).toEqual(whole);
    expect(whole.length).toBeGreaterThan(20);

    for (const seg of whole.filter((s) => s.state !== 'unknown').slice(3, 12)) {
      const rest = deriveAll(
        L,
        readings.filter((r) => r.ts >= seg.start),
      );
      const restarted = derive(
        L,
        restartAt(seg.state as 'off', seg.start),
        readings.filter((r) => r.ts >= seg.start),
      );
      const tail = [...restarted.closed];
      const st = restarted.state;
      if (st.state && st.lastTs && st.since !== null && st.lastTs > st.since)
        tail.push({ state: st.state, start: st.since, end: st.lastTs });
      expect(tail).toEqual(whole.filter((s) => s.start >= seg.start));
      expect(rest.length).toBeGreaterThan(0);
    }
  });

  it('has the research note defaults: on-delay 60 s, off-delay 180 s, offline after 10 min', () => {
    expect(DEFAULT_LEVELS).toMatchObject({ onDelayS: 60, offDelayS: 180, offlineAfterS: 600 });
  });
});
