import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kc-lock-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const pidFile = (dir: string) => join(dir, 'kechuang.pid');

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

describe('lockDataDir', () => {
  it('creates the folder and writes our pid', () => {
    const dir = join(root, 'nested', 'data');
    const release = lockDataDir(dir);
    expect(readFileSync(pidFile(dir), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('refuses a folder locked by another live process, naming its pid', () => {
    // Another running process: our parent (the test runner) is alive for as long as we are.
    // A pid file holding our own pid counts as stale on purpose (a restarted container reuses pid 1).
    const other = process.ppid;
    expect(other).not.toBe(process.pid);
    writeFileSync(pidFile(root), String(other));
    let caught: unknown;
    try {
      lockDataDir(root);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DataDirLockedError);
    const err = caught as DataDirLockedError;
    expect(err.pid).toBe(other);
    expect(err.dataDir).toBe(root);
    expect(err.message).toContain(String(other));
    expect(err.message).toContain('KECHUANG_DATA_DIR');
    // The other process's lock is left alone.
    expect(readFileSync(pidFile(root), 'utf8')).toBe(String(other));
  });

  it('takes over a pid file left by a process that no longer runs', () => {
    expect(isAlive(999999)).toBe(false);
    writeFileSync(pidFile(root), '999999');
    const release = lockDataDir(root);
    expect(readFileSync(pidFile(root), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('takes over an unreadable (garbage) pid file', () => {
    writeFileSync(pidFile(root), 'not a pid');
    const release = lockDataDir(root);
    expect(readFileSync(pidFile(root), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('release removes the pid file, is idempotent, and frees the folder for the next process', () => {
    const release = lockDataDir(root);
    release();
    expect(existsSync(pidFile(root))).toBe(false);
    expect(() => release()).not.toThrow();
    const again = lockDataDir(root);
    expect(existsSync(pidFile(root))).toBe(true);
    again();
  });
});
