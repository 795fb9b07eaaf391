/**
 * The load generator of `npm run bench:ingest`, run as child processes so it shares the CPU with
 * the platform (as the targets assume) but not its event loop. Each child owns a slice of
 * the simulated sensors, one MQTT connection each, and publishes QoS 1 messages of `perMessage`
 * readings. The first reading of every message carries the publish time in `seq` (µs since the
 * epoch; `seq` is the protocol's free-running counter, so the message shape is the real one).
 *
 * Modes: `max` publishes as fast as the end-to-end credit allows (the parent grants readings as
 * they are stored, so the broker's queue stays bounded and the rate measured is what is stored);
 * `rate` publishes at a fixed total rate, for latency at a given load.
 */
import mqtt, { type MqttClient } from 'mqtt';

export type LoadCommand =
  | { cmd: 'connect'; url: string; devices: string[]; password: string }
  | { cmd: 'max'; perMessage: number; window: number }
  | { cmd: 'rate'; perMessage: number; readingsPerSecond: number; seconds: number }
  | { cmd: 'credit'; allowed: number }
  | { cmd: 'stop' }
  | { cmd: 'exit' };

export type LoadReply =
  | { kind: 'connected' }
  | { kind: 'done'; published: number; acked: number; seconds: number }
  | { kind: 'error'; message: string };

const send = (m: LoadReply) => process.send?.(m);
let clients: MqttClient[] = [];
let ids: string[] = [];
const counters = new Map<string, number>();
let stopped = false;
let allowed = 0;
let published = 0;
let acked = 0;
let waiters: (() => void)[] = [];
const wakeAll = () => {
  const w = waiters;
  waiters = [];
  for (const f of w) f();
};

const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
// Readings step one second per reading from 20 days ago, inside the 30-day window for any run.
const base = Date.now() - 20 * 86_400_000;

function body(id: string, perMessage: number): string {
  const n = counters.get(id) ?? 0;
  counters.set(id, n + perMessage);
  const parts: string[] = [];
  for (let k = 0; k < perMessage; k++) {
    const ts = base + (n + k) * 1000;
    const p = 500 + ((n + k) % 7);
    parts.push(k === 0 ? `{"ts":${ts},"p":${p},"win":1,"seq":${nowMicros()}}` : `{"ts":${ts},"p":${p},"win":1}`);
  }
  return `[${parts.join(',')}]`;
}

async function runMax(perMessage: number, window: number) {
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c, i) => {
      const id = ids[i] as string;
      const topic = `kc/v1/d/${id}/up`;
      const inflight = new Set<Promise<unknown>>();
      while (!stopped) {
        if (published + perMessage > allowed) {
          await new Promise<void>((r) => {
            waiters.push(r);
            setTimeout(r, 50);
          });
          continue;
        }
        published += perMessage;
        const p: Promise<void> = c.publishAsync(topic, body(id, perMessage), { qos: 1 }).then(
          () => {
            acked += perMessage;
            inflight.delete(p);
          },
          () => {
            inflight.delete(p);
          },
        );
        inflight.add(p);
        if (inflight.size >= window) await Promise.race(inflight);
      }
      await Promise.all(inflight);
    }),
  );
  return (performance.now() - t0) / 1000;
}

async function runRate(perMessage: number, readingsPerSecond: number, seconds: number) {
  const t0 = performance.now();
  const sends: Promise<unknown>[] = [];
  let next = 0;
  let sent = 0;
  while (!stopped) {
    const elapsed = (performance.now() - t0) / 1000;
    if (elapsed >= seconds) break;
    const due = Math.floor((elapsed * readingsPerSecond) / perMessage);
    for (; sent < due; sent++) {
      const i = next++ % clients.length;
      const id = ids[i] as string;
      published += perMessage;
      sends.push(
        (clients[i] as MqttClient).publishAsync(`kc/v1/d/${id}/up`, body(id, perMessage), { qos: 1 }).then(() => {
          acked += perMessage;
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.allSettled(sends);
  return (performance.now() - t0) / 1000;
}

process.on('message', async (m: LoadCommand) => {
  try {
    if (m.cmd === 'connect') {
      await Promise.all(clients.map((c) => c.endAsync(true).catch(() => {})));
      ids = m.devices;
      clients = [];
      for (let i = 0; i < ids.length; i += 50)
        clients.push(
          ...(await Promise.all(
            ids
              .slice(i, i + 50)
              .map((id) =>
                mqtt.connectAsync(m.url, { clientId: id, username: id, password: m.password, reconnectPeriod: 0 }),
              ),
          )),
        );
      send({ kind: 'connected' });
    } else if (m.cmd === 'credit') {
      allowed = m.allowed;
      wakeAll();
    } else if (m.cmd === 'stop') {
      stopped = true;
      wakeAll();
    } else if (m.cmd === 'max' || m.cmd === 'rate') {
      stopped = false;
      published = 0;
      acked = 0;
      allowed = 0;
      const seconds =
        m.cmd === 'max'
          ? await runMax(m.perMessage, m.window)
          : await runRate(m.perMessage, m.readingsPerSecond, m.seconds);
      send({ kind: 'done', published, acked, seconds });
    } else if (m.cmd === 'exit') {
      await Promise.all(clients.map((c) => c.endAsync().catch(() => {})));
      process.exit(0);
    }
  } catch (err) {
    send({ kind: 'error', message: (err as Error).message });
  }
});
