import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether something accepts TCP connections at host:port (a broker the tests may use). */
export function reachable(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('error', () => done(false));
    s.connect(port, host, () => done(true));
  });
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const address = srv.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** The mosquitto binary: on PATH, or where Debian puts it (/usr/sbin is not on a normal user's PATH). */
function mosquittoBinary(): string | null {
  for (const bin of ['mosquitto', '/usr/sbin/mosquitto'])
    if (spawnSync(bin, ['-h'], { stdio: 'ignore' }).error === undefined) return bin;
  return null;
}

export const mosquittoInstalled = () => mosquittoBinary() !== null;

/**
 * A private Mosquitto on a free loopback port, configured as docs/deploy.md says for ingesters:
 * unlimited queue for offline persistent sessions (a restarting ingester must not lose messages).
 */
export async function startMosquitto(): Promise<{ url: string; port: number; pid?: number; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kc-mosq-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      'max_queued_messages 0',
      'max_inflight_messages 0',
      'max_packet_size 1048576',
      '',
    ].join('\n'),
  );
  const bin = mosquittoBinary();
  if (!bin) throw new Error('mosquitto is not installed');
  const child: ChildProcess = spawn(bin, ['-c', conf], { stdio: 'ignore' });
  for (let i = 0; i < 50 && !(await reachable(port)); i++) await new Promise((r) => setTimeout(r, 100));
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
