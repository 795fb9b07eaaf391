/**
 * The HTTP clients of `npm run bench:catalogue`, run as a child process so they share the CPU with
 * the platform but not its event loop (the platform's latency then holds only its own work, as it
 * would behind a real network). Asked for a run, it sends `total` GETs from `clients` workers over
 * kept-alive sockets and answers with every latency in ms, sorted.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface ClientRun {
  base: string;
  paths: string[];
  clients: number;
}
export type ClientReply = { ok: true; latencies: number[] } | { ok: false; message: string };

// One agent for the child's life: a pass reuses the sockets an earlier pass to the same app opened
// (the warm-up's, for the measured pass), so connection set-up is not timed as search latency.
const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });

async function run({ base, paths, clients }: ClientRun): Promise<number[]> {
  agent.maxSockets = clients;
  // Each worker is one visitor's browser: it keeps the cookies the platform sets (the CSRF cookie on
  // the first answer) and sends them back, so only its first request has a cookie minted for it.
  const get = (url: string, jar: Map<string, string>) =>
    new Promise<void>((resolve, reject) => {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      http
        .get(url, { agent, headers: cookie ? { cookie } : {} }, (res) => {
          for (const c of res.headers['set-cookie'] ?? []) {
            const [pair = ''] = c.split(';');
            const at = pair.indexOf('=');
            if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve()
              : reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString()}`)),
          );
        })
        .on('error', reject);
    });
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const jar = new Map<string, string>();
      while (next < paths.length) {
        const path = paths[next++] as string;
        const t = performance.now();
        await get(`${base}${path}`, jar);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

process.on('message', (m: ClientRun | 'exit') => {
  if (m === 'exit') {
    agent.destroy();
    process.exit(0);
  }
  run(m).then(
    (latencies) => process.send?.({ ok: true, latencies } satisfies ClientReply),
    (err: Error) => process.send?.({ ok: false, message: err.message } satisfies ClientReply),
  );
});
