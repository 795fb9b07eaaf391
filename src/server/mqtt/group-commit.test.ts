import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeTelemetry } from '../../../test/fake-telemetry.js';
import { createGroupCommit } from './group-commit.js';
import type { IncomingMessage } from './ingest.contract.js';

let n = 0;
const message = (deviceId = 'kcd-gcgcgcgcgcgc'): IncomingMessage => ({
  deviceId,
  instrumentId: 'instrument',
  topic: `kc/v1/d/${deviceId}/up`,
  payload: Buffer.from(JSON.stringify({ ts: 1_000_000 + n++, p: 1 })),
  receivedAt: new Date(),
});

/** Pushes a message and returns a flag that turns true when it is acked. */
function push(commit: ReturnType<typeof createGroupCommit>) {
  const state = { acked: false };
  commit.push({ msg: message(), ack: () => (state.acked = true) });
  return state;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('group commit', () => {
  it('batches a window of messages into one commit and acks them only after it', async () => {
    const telemetry = createFakeTelemetry();
    const commit = createGroupCommit({ telemetry, windowMs: 20 });
    const release = telemetry.hold();
    const sent = Array.from({ length: 5 }, () => push(commit));
    await expect.poll(() => telemetry.calls).toBe(1);
    expect(sent.some((s) => s.acked)).toBe(false);
    release();
    await commit.drain();
    expect(sent.every((s) => s.acked)).toBe(true);
    expect(telemetry.batches).toEqual([5]);
    commit.close();
  });

  it('sends what gathered during a commit right after it, without waiting another window', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const telemetry = createFakeTelemetry();
    const commit = createGroupCommit({ telemetry, windowMs: 30 });
    const release = telemetry.hold();
    push(commit);
    await vi.advanceTimersByTimeAsync(30);
    expect(telemetry.calls).toBe(1);
    const later = Array.from({ length: 3 }, () => push(commit));
    // The first batch stays in the database for longer than a window.
    await vi.advanceTimersByTimeAsync(60);
    expect(telemetry.calls).toBe(1);
    release();
    // No time passes: the second batch goes the moment the first one is done.
    await vi.advanceTimersByTimeAsync(0);
    expect(later.every((s) => s.acked)).toBe(true);
    expect(telemetry.batches).toEqual([1, 3]);
    commit.close();
  });

  it('with concurrency 2, commits the next batch while the previous one is still in the database', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const telemetry = createFakeTelemetry();
    const commit = createGroupCommit({ telemetry, windowMs: 10, concurrency: 2 });
    const release = telemetry.hold();
    const first = push(commit);
    await vi.advanceTimersByTimeAsync(10);
    const second = push(commit);
    await vi.advanceTimersByTimeAsync(10);
    expect(telemetry.calls).toBe(2);
    // Both are in flight; neither is acked before its own commit.
    expect([first.acked, second.acked]).toEqual([false, false]);
    const third = push(commit);
    await vi.advanceTimersByTimeAsync(30);
    expect(telemetry.calls).toBe(2);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect([first.acked, second.acked, third.acked]).toEqual([true, true, true]);
    expect(commit.pending).toBe(0);
    commit.close();
  });

  it('keeps a failed batch unacked and retries it until the database takes it', async () => {
    const telemetry = createFakeTelemetry();
    const commit = createGroupCommit({ telemetry, windowMs: 5 });
    telemetry.failNext(2);
    const s = push(commit);
    await commit.drain();
    expect(s.acked).toBe(true);
    expect(telemetry.calls).toBe(3);
    expect(telemetry.readings.size).toBe(1);
    commit.close();
  });
});
