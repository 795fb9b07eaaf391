import mqtt, { type MqttClient } from 'mqtt';
import { topicsOf } from '../modules/devices/topics.js';

/**
 * A sensor-fleet simulator: realistic power traces per instrument, published over MQTT with each
 * device's real credentials, and the ground truth of what happened (true on/working hours).
 *
 * A day of one instrument: off at night (standby 1–3 W); switched on in the morning with a warm-up
 * ramp; idle (40–80 W) between 1–4 working sessions (300–1500 W, 20–180 min); off in the evening;
 * mostly off at weekends. Each 30 s window carries ±4 % noise. Faults a real fleet shows:
 * - sensor power loss (a silent gap of 15–60 min, nothing buffered: unknown time, not on or off);
 * - network loss (readings buffered and uploaded late as one array when the link returns);
 * - clock skew (a fixed offset of up to ±3 s per device);
 * - duplicates (about 1 % of messages sent twice).
 */
export interface SimDevice {
  id: string;
  password: string;
  instrumentId?: string;
}

export interface SimOptions {
  brokerUrl: string;
  devices: SimDevice[];
  /** Simulated span, ending now (or at `end`). */
  days: number;
  /** Simulated seconds per real second; Infinity publishes as fast as the broker acks. */
  speed: number;
  end?: Date;
  /** Pacing starts here: earlier messages (a device's recent past) go out at once. Default: the start. */
  liveFrom?: Date;
  seed?: number;
  windowS?: number;
  /** Called as devices finish; for progress output. */
  onProgress?: (sent: number, total: number) => void;
  /** Problems that leave one device out (it could not connect) rather than stop the run. */
  onError?: (message: string) => void;
  /** Stop early (fault tests): resolve when this returns true. */
  shouldStop?: () => boolean;
}

export interface Reading {
  ts: number;
  p: number;
  win: number;
}

export interface DeviceTruth {
  deviceId: string;
  instrumentId?: string;
  onHours: number;
  workingHours: number;
  unknownHours: number;
  readings: number;
  messages: number;
  duplicatesSent: number;
  lateMessages: number;
}

/** mulberry32: a tiny seeded PRNG, so a run (and its ground truth) can be repeated. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Phase = 'off' | 'idle' | 'working';
/** A message as the device sends it: one reading, or a late-uploaded buffer (array). */
export interface SimMessage {
  /** Real-time order key: when the device sends it (simulated ms). */
  sendAt: number;
  body: Reading | Reading[];
  duplicate?: boolean;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * The trace of one device over [from, to): a lazy stream of its messages in send order, and its
 * ground truth, complete once the stream has been read to the end. Lazy so a fleet of thousands
 * over weeks does not sit in memory; deterministic per seed, so a second call replays the same trace.
 */
export function traceDevice(deviceId: string, from: number, to: number, seed: number, windowS = 30) {
  const r = rng(seed);
  const win = windowS * 1000;
  const skew = Math.round((r() * 2 - 1) * 3000);
  const idleW = 40 + r() * 40;
  const workW = 300 + r() * 1200;
  const totals = { onMs: 0, workingMs: 0, unknownMs: 0, readings: 0, messages: 0, duplicatesSent: 0, lateMessages: 0 };
  // Day plans, in local (Asia/Shanghai) time; only the current day's is kept.
  let planDay = Number.NaN;
  let plan: { on: number; off: number; sessions: [number, number][] } = { on: 0, off: 0, sessions: [] };
  function planFor(dayStart: number) {
    if (dayStart === planDay) return plan;
    const weekday = new Date(dayStart + SHANGHAI_OFFSET_MS).getUTCDay();
    const used = weekday === 0 || weekday === 6 ? r() < 0.15 : r() < 0.9;
    const on = dayStart + (8 * 60 + r() * 90) * 60_000;
    const off = dayStart + (17 * 60 + r() * 150) * 60_000;
    const sessions: [number, number][] = [];
    if (used) {
      let t = on + (15 + r() * 45) * 60_000;
      const n = 1 + Math.floor(r() * 4);
      for (let i = 0; i < n && t < off - 30 * 60_000; i++) {
        const len = (20 + r() * 160) * 60_000;
        const end = Math.min(t + len, off - 10 * 60_000);
        sessions.push([t, end]);
        t = end + (10 + r() * 90) * 60_000;
      }
    }
    planDay = dayStart;
    plan = used ? { on, off, sessions } : { on: 0, off: 0, sessions };
    return plan;
  }
  const dayOf = (t: number) => {
    const local = t + SHANGHAI_OFFSET_MS;
    return local - (local % 86_400_000) - SHANGHAI_OFFSET_MS;
  };
  function phase(t: number): { phase: Phase; p: number } {
    const today = planFor(dayOf(t));
    if (!today.on || t < today.on || t >= today.off) return { phase: 'off', p: 1 + r() * 2 };
    for (const [s, e] of today.sessions) {
      if (t >= s && t < e) {
        // Warm-up: the first 10 minutes of a session climb from idle to full power.
        const ramp = Math.min(1, (t - s) / 600_000);
        return { phase: 'working', p: Math.max(150, idleW + (workW - idleW) * ramp) };
      }
    }
    return { phase: 'idle', p: idleW };
  }

  function* messages(): Generator<SimMessage> {
    let gapUntil = 0;
    let netDownUntil = 0;
    let buffer: Reading[] = [];
    function* flush(sendAt: number): Generator<SimMessage> {
      for (let i = 0; i < buffer.length; i += 500) {
        totals.messages++;
        yield { sendAt, body: buffer.slice(i, i + 500) };
      }
      totals.lateMessages++;
      buffer = [];
    }
    for (let t = from + win; t <= to; t += win) {
      const ph = phase(t - win / 2);
      if (t < gapUntil) {
        totals.unknownMs += win;
        continue;
      }
      // Faults start rarely: ~1 power loss and ~1 network loss per instrument-week.
      if (r() < win / (7 * 86_400_000)) {
        gapUntil = t + (15 + r() * 45) * 60_000;
        totals.unknownMs += win;
        continue;
      }
      if (t >= netDownUntil && r() < win / (7 * 86_400_000)) netDownUntil = t + (5 + r() * 40) * 60_000;
      if (ph.phase !== 'off') totals.onMs += win;
      if (ph.phase === 'working') totals.workingMs += win;
      const reading = { ts: t + skew, p: Math.round(ph.p * (1 + (r() * 2 - 1) * 0.04) * 10) / 10, win: windowS };
      totals.readings++;
      if (t < netDownUntil) {
        buffer.push(reading);
        continue;
      }
      if (buffer.length) yield* flush(t);
      totals.messages++;
      yield { sendAt: t, body: reading };
      if (r() < 0.01) {
        totals.messages++;
        totals.duplicatesSent++;
        yield { sendAt: t + 1, body: reading, duplicate: true };
      }
    }
    if (buffer.length) yield* flush(to);
  }

  const h = (ms: number) => ms / 3_600_000;
  return {
    messages: messages(),
    /** The ground truth so far; complete after `messages` is exhausted. */
    truth: (): DeviceTruth => ({
      deviceId,
      onHours: h(totals.onMs),
      workingHours: h(totals.workingMs),
      unknownHours: h(totals.unknownMs),
      readings: totals.readings,
      messages: totals.messages,
      duplicatesSent: totals.duplicatesSent,
      lateMessages: totals.lateMessages,
    }),
  };
}

/** Connects one sensor, retrying a few times (a fleet connecting at once can time out on a busy host). */
async function connectDevice(url: string, d: SimDevice): Promise<MqttClient> {
  let client: MqttClient | null = null;
  for (let attempt = 1; !client; attempt++) {
    try {
      client = await mqtt.connectAsync(url, {
        clientId: d.id,
        username: d.id,
        password: d.password,
        reconnectPeriod: 1000,
        connectTimeout: 10_000,
        will: { topic: topicsOf(d.id).state, payload: Buffer.from('{"online":false}'), qos: 1, retain: true },
      });
    } catch (err) {
      // Refused credentials will not get better; a timeout or reset may.
      if (attempt >= 5 || /not authori[sz]ed|bad user ?name or password/i.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
  await client.publishAsync(topicsOf(d.id).state, JSON.stringify({ online: true, fw: 'sim-1.0.0' }), {
    qos: 1,
    retain: true,
  });
  return client;
}

/**
 * Runs the fleet: every device connects with its own credentials and sends its trace in simulated
 * time order, paced by `speed`. Resolves with the ground truth when all messages are acked.
 */
export async function simulate(opts: SimOptions): Promise<{ truth: DeviceTruth[]; sent: number }> {
  const end = (opts.end ?? new Date()).getTime();
  const from = end - opts.days * 86_400_000;
  const seed = opts.seed ?? 1;
  const traces = opts.devices.map((d, i) => traceDevice(d.id, from, end, seed * 100_003 + i, opts.windowS));
  // At most 16 connects at a time; a device that cannot connect is left out, not the whole fleet.
  const clients: (MqttClient | null)[] = new Array(opts.devices.length).fill(null);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(16, opts.devices.length) }, async () => {
      for (let i = next++; i < opts.devices.length; i = next++) {
        const d = opts.devices[i] as SimDevice;
        clients[i] = await connectDevice(opts.brokerUrl, d).catch((err: Error) => {
          opts.onError?.(`sensor ${d.id} could not connect: ${err.message}`);
          return null;
        });
      }
    }),
  );
  const startedReal = Date.now();
  const paceFrom = Math.max(from, opts.liveFrom?.getTime() ?? from);
  let sent = 0;
  // Expected total, for progress only: one message per window per device, near enough.
  const total = Math.round((opts.days * 86_400) / (opts.windowS ?? 30)) * opts.devices.length;
  try {
    await Promise.all(
      traces.map(async (tr, i) => {
        const client = clients[i];
        if (!client) return;
        const topic = topicsOf(opts.devices[i]?.id as string).up;
        // Up to 20 unacked messages per device, like a sensor's small send window.
        const inflight = new Set<Promise<unknown>>();
        for (const m of tr.messages) {
          if (opts.shouldStop?.()) break;
          if (Number.isFinite(opts.speed)) {
            const due = startedReal + (m.sendAt - paceFrom) / opts.speed;
            const wait = due - Date.now();
            if (wait > 5) await new Promise((r) => setTimeout(r, wait));
            if (opts.shouldStop?.()) break;
          }
          const p = client.publishAsync(topic, JSON.stringify(m.body), { qos: 1 }).then(() => {
            sent++;
            inflight.delete(p);
            if (sent % 1000 === 0) opts.onProgress?.(sent, total);
          });
          inflight.add(p);
          if (inflight.size >= 20) await Promise.race(inflight);
        }
        await Promise.all(inflight);
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c?.endAsync().catch(() => {})));
  }
  opts.onProgress?.(sent, total);
  return {
    truth: traces.map((t, i) => ({ ...t.truth(), instrumentId: opts.devices[i]?.instrumentId })),
    sent,
  };
}
