import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { advance, type DerivedChange, lockDerivations, msToTs, rowsOf, writeResults } from './derivation.js';
import { MAX_AGE_MS, parsePayload, type ValidReading } from './payload.js';
import type { PowerLevels } from './power.machine.js';
import { notifyStates } from './state-feed.js';
import { telemetryDeadLetters } from './telemetry.table.js';

/** One MQTT message as the transport hands it over (contract: telemetry-contract.md). */
export interface IncomingMessage {
  deviceId: string;
  instrumentId: string;
  topic: string;
  payload: Buffer;
  receivedAt: Date;
}

export interface IngestOutcome {
  stored: number;
  duplicates: number;
  rejected: number;
  reasons: string[];
}

export interface DeadLetterEntry {
  deviceId: string | null;
  instrumentId?: string | null;
  topic: string;
  payload: Buffer;
  reason: string;
  detail?: string;
  receivedAt: Date;
}

export interface StateEvent {
  instrumentId: string;
  state: 'off' | 'idle' | 'working' | 'offline';
  since: Date;
  powerW?: number;
}

export interface IngestDeps {
  db: Db;
  clock: Clock;
  defaults: PowerLevels;
  retentionDays: number;
  timezone: string;
  events: EventEmitter;
}

const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The board events of a derivation round: instruments whose state changed (or was re-derived). */
function stateChanges(changes: DerivedChange[], before: Map<string, string | null>): StateEvent[] {
  const out: StateEvent[] = [];
  for (const c of changes) {
    const s = c.machine.state;
    if (s && (before.get(c.instrumentId) !== s || c.rewrittenFrom !== null))
      out.push({
        instrumentId: c.instrumentId,
        state: s,
        since: new Date(c.machine.since as number),
        powerW: c.machine.lastP ?? undefined,
      });
  }
  return out;
}

export function createIngest(deps: IngestDeps) {
  const { db, clock } = deps;
  /** UTC days whose partition is known to exist (added only after a commit, so a rollback cannot lie). */
  const partitions = new Set<string>();

  async function ensurePartitions(tx: Tx, days: string[]): Promise<string[]> {
    const missing = days.filter((d) => !partitions.has(d)).sort();
    if (missing.length === 0) return [];
    await tx.execute(
      sql`select telemetry_ensure_partitions(${missing[0]}::date, ${missing[missing.length - 1]}::date)`,
    );
    return missing;
  }

  async function insertDeadLetters(tx: Tx, entries: DeadLetterEntry[]) {
    for (let i = 0; i < entries.length; i += 1000) {
      await tx.insert(telemetryDeadLetters).values(
        entries.slice(i, i + 1000).map((e) => ({
          deviceId: e.deviceId,
          instrumentId: e.instrumentId ?? null,
          topic: e.topic,
          payload: e.payload,
          reason: e.reason,
          detail: e.detail ?? null,
          receivedAt: e.receivedAt,
        })),
      );
    }
  }

  /**
   * Validates, stores and derives a group of messages in one transaction; resolves after COMMIT,
   * so the caller may acknowledge every message of the group. Throws only on database failure.
   */
  async function ingest(batch: IncomingMessage[]): Promise<IngestOutcome[]> {
    const now = clock.now().getTime();
    const window = { now, maxAgeMs: Math.min(MAX_AGE_MS, deps.retentionDays * DAY_MS) };
    const outcomes: IngestOutcome[] = batch.map(() => ({ stored: 0, duplicates: 0, rejected: 0, reasons: [] }));
    const dead: DeadLetterEntry[] = [];
    // (device, ts) → index of the message that brought it first; later copies are duplicates.
    const firstOf = new Map<string, number>();
    const accepted: { msg: number; r: ValidReading }[] = [];
    batch.forEach((m, i) => {
      const parsed = parsePayload(m.payload, window);
      const out = outcomes[i] as IngestOutcome;
      for (const rej of parsed.rejections) {
        out.rejected++;
        if (!out.reasons.includes(rej.reason)) out.reasons.push(rej.reason);
        dead.push({
          deviceId: m.deviceId,
          instrumentId: m.instrumentId,
          topic: m.topic,
          payload: rej.reading === undefined ? m.payload : Buffer.from(rej.reading),
          reason: rej.reason,
          detail: rej.detail,
          receivedAt: m.receivedAt,
        });
      }
      for (const r of parsed.readings) {
        const key = `${m.deviceId}\u0000${r.ts}`;
        if (firstOf.has(key)) out.duplicates++;
        else {
          firstOf.set(key, i);
          accepted.push({ msg: i, r });
        }
      }
    });

    // Sorted so concurrent transactions take row locks in one order.
    accepted.sort((a, b) => {
      const da = batch[a.msg]?.deviceId as string;
      const dbb = batch[b.msg]?.deviceId as string;
      return da < dbb ? -1 : da > dbb ? 1 : a.r.ts - b.r.ts;
    });
    const days = [...new Set(accepted.map((a) => utcDay(a.r.ts)))];
    const instrumentIds = [...new Set(accepted.map((a) => batch[a.msg]?.instrumentId as string))];
    const before = new Map<string, string | null>();

    const created = await db.transaction(async (tx) => {
      if (dead.length) await insertDeadLetters(tx, dead);
      if (accepted.length === 0) return [];
      const made = await ensurePartitions(tx, days);
      const derivations = await lockDerivations(tx, instrumentIds, new Date(now), deps.defaults);
      for (const [id, d] of derivations) before.set(id, d.machine.state);
      const col = <T>(f: (a: { msg: number; r: ValidReading }) => T) => sql.param(accepted.map(f));
      const msgOf = (a: { msg: number }) => batch[a.msg] as IncomingMessage;
      const res = await tx.execute(sql`
        insert into telemetry_readings (device_id, instrument_id, ts, p, p_min, p_max, win, seq, on_sec, received_at)
        select d, i, ${msToTs(sql`t`)}, p, pmin, pmax, w, s, o, ${msToTs(sql`rcv`)}
        from unnest(${col((a) => msgOf(a).deviceId)}::text[], ${col((a) => msgOf(a).instrumentId)}::uuid[],
                    ${col((a) => a.r.ts)}::float8[], ${col((a) => a.r.p)}::float8[], ${col((a) => a.r.pMin ?? null)}::float8[],
                    ${col((a) => a.r.pMax ?? null)}::float8[], ${col((a) => a.r.win)}::int2[], ${col((a) => a.r.seq ?? null)}::int8[],
                    ${col((a) => a.r.onSec ?? null)}::int8[], ${col((a) => msgOf(a).receivedAt.getTime())}::float8[])
          as u(d, i, t, p, pmin, pmax, w, s, o, rcv)
        on conflict (device_id, ts) do nothing
        returning device_id, (extract(epoch from ts) * 1000)::float8 as ts`);
      const stored = new Set(
        rowsOf<{ device_id: string; ts: number }>(res).map((r) => `${r.device_id}\u0000${Number(r.ts)}`),
      );
      const fresh = new Map<string, { ts: number; p: number }[]>();
      const deviceOf = new Map<string, string>();
      for (const a of accepted) {
        const m = msgOf(a);
        const out = outcomes[a.msg] as IngestOutcome;
        if (!stored.has(`${m.deviceId}\u0000${a.r.ts}`)) {
          out.duplicates++;
          continue;
        }
        out.stored++;
        const list = fresh.get(m.instrumentId) ?? [];
        list.push({ ts: a.r.ts, p: a.r.p });
        fresh.set(m.instrumentId, list);
        deviceOf.set(m.instrumentId, m.deviceId);
      }
      const results: DerivedChange[] = [];
      for (const [id, readings] of fresh) {
        const d = derivations.get(id);
        if (!d) continue;
        results.push({ ...(await advance(tx, d, readings)), deviceId: deviceOf.get(id) ?? null });
      }
      await writeResults(tx, results, new Date(now), deps.timezone);
      // The live board hears of state changes with this commit (and only if it commits).
      await notifyStates(tx, stateChanges(results, before));
      return made;
    });
    for (const d of created) partitions.add(d);
    return outcomes;
  }

  async function deadLetter(entries: DeadLetterEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await db.transaction((tx) => insertDeadLetters(tx, entries));
  }

  /** Creates partitions ahead (today−1 … today+days) and drops those past retention. For a daily job. */
  async function maintainPartitions(aheadDays = 3): Promise<{ created: number; dropped: number }> {
    const now = clock.now().getTime();
    return db.transaction(async (tx) => {
      const made = await tx.execute(
        sql`select telemetry_ensure_partitions(${utcDay(now - DAY_MS)}::date, ${utcDay(now + aheadDays * DAY_MS)}::date) as n`,
      );
      const dropped = await tx.execute(
        sql`select telemetry_drop_partitions(${utcDay(now - deps.retentionDays * DAY_MS)}::date) as n`,
      );
      partitions.clear();
      return {
        created: Number(rowsOf<{ n: number }>(made)[0]?.n),
        dropped: Number(rowsOf<{ n: number }>(dropped)[0]?.n),
      };
    });
  }

  return { ingest, deadLetter, maintainPartitions };
}
