import { describe, expect, it } from 'vitest';
import { retryOnDeadlock } from './deadlock.js';

const deadlock = () => Object.assign(new Error('Failed query'), { cause: { code: '40P01' } });

describe('retryOnDeadlock', () => {
  it('runs a deadlock victim again until it succeeds', async () => {
    let calls = 0;
    const result = await retryOnDeadlock(async () => {
      calls++;
      if (calls < 3) throw deadlock();
      return 'ok';
    });
    expect({ result, calls }).toEqual({ result: 'ok', calls: 3 });
  });

  it('gives up after the last attempt with the deadlock itself', async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(async () => {
        calls++;
        throw deadlock();
      }, 2),
    ).rejects.toMatchObject({ cause: { code: '40P01' } });
    expect(calls).toBe(2);
  });

  it('never runs again for any other error', async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(async () => {
        calls++;
        throw Object.assign(new Error('overlap'), { code: '23P01' });
      }),
    ).rejects.toThrow('overlap');
    expect(calls).toBe(1);
  });
});
