import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRowCache } from './device.cache.js';

/** A loader whose queries the test answers by hand, counting them. */
function manualLoader() {
  const calls: { id: string; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const load = (id: string) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ id, resolve, reject });
    });
  return { calls, load };
}

describe('device row cache', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends one query for many concurrent lookups of the same device', async () => {
    const { calls, load } = manualLoader();
    const cache = createRowCache(load, { maxAgeMs: 10_000 });
    const waiting = Array.from({ length: 50 }, () => cache.get('d1'));
    expect(calls).toHaveLength(1);
    calls[0]?.resolve('row-1');
    expect(await Promise.all(waiting)).toEqual(Array(50).fill('row-1'));
    expect(await cache.get('d1')).toBe('row-1');
    expect(calls).toHaveLength(1);
  });

  it('refreshes ahead of expiry while serving the cached row, and never serves one past its age', async () => {
    vi.useFakeTimers({ now: 0 });
    const { calls, load } = manualLoader();
    const cache = createRowCache(load, { maxAgeMs: 10_000 });
    const first = cache.get('d1');
    calls[0]?.resolve('old');
    await first;
    vi.setSystemTime(8_500);
    expect(await cache.get('d1')).toBe('old');
    expect(calls).toHaveLength(2);
    // The refresh is still running at the limit: the next lookup waits for it instead of the old row.
    vi.setSystemTime(10_001);
    const late = cache.get('d1');
    expect(calls).toHaveLength(2);
    calls[1]?.resolve('new');
    expect(await late).toBe('new');
  });

  it('does not cache an answer that was under way when the device was forgotten', async () => {
    const { calls, load } = manualLoader();
    const cache = createRowCache(load, { maxAgeMs: 10_000 });
    const before = cache.get('d1');
    cache.forget('d1');
    calls[0]?.resolve('before-rotation');
    expect(await before).toBe('before-rotation');
    const after = cache.get('d1');
    expect(calls).toHaveLength(2);
    calls[1]?.resolve('after-rotation');
    expect(await after).toBe('after-rotation');
  });

  it('lets a failed query be retried by the next lookup', async () => {
    const { calls, load } = manualLoader();
    const cache = createRowCache(load, { maxAgeMs: 10_000 });
    const failing = cache.get('d1');
    calls[0]?.reject(new Error('database away'));
    await expect(failing).rejects.toThrow('database away');
    const retry = cache.get('d1');
    expect(calls).toHaveLength(2);
    calls[1]?.resolve('row');
    expect(await retry).toBe('row');
  });
});
