import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'kc-start-'));
const children: ChildProcess[] = [];

/** Runs `npm start`'s script as a person would, on the embedded database, and collects its output. */
function start() {
  // MQTT_PORT 0: the embedded broker must not collide with a broker already on 1883.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    MQTT_PORT: '0',
    KECHUANG_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  // As package.json's start script runs it: node itself, with tsx as a loader. Under tsx's CLI a
  // signal went through a relay that SIGKILLs the platform when it has not answered within 30 ms,
  // which a loaded machine missed (exit 143 instead of a clean shutdown).
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env,
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /is running: (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`exited before listening:\n${output}`));
    });
  });
  // The refused second process never listens; its rejected promise is expected, not unhandled.
  url.catch(() => undefined);
  return { child, url, exited, output: () => output };
}

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves the web app and the API with demo logins, and refuses a second process on the same data folder', async () => {
    const first = start();
    const url = await first.url;
    expect(first.output()).toContain('admin@demo.kechuang.cn');
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', demo: true, database: { kind: 'pglite' } });
    const page = await fetch(`${url}/organisations/anything`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<div id="root">');

    const second = start();
    expect(await second.exited).toBe(2);
    expect(second.output()).toContain('KECHUANG_DATA_DIR');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  }, 120_000);
});
