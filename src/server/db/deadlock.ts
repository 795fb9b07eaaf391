import { pgErrorCode } from '../lib/errors.js';

/**
 * Runs a transaction again when PostgreSQL chose it as a deadlock victim (40P01). Concurrent inserts
 * of overlapping rows under an exclusion constraint can each wait for the other's uncommitted row
 * (PostgreSQL checks exclusion after inserting, unlike a unique index); the detector then aborts one.
 * Run again, it meets the other's committed row as a plain exclusion violation (23P01), or succeeds
 * if that one rolled back. Nothing was written by the aborted attempt, so running it again is safe.
 */
export async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || pgErrorCode(err) !== '40P01') throw err;
    }
  }
}
