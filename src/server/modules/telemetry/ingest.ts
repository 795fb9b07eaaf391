import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { advance, type DerivedChange, lastSeen, lockDerivations, rowsOf, writeResults } from './derivation.js';
import { MAX_AGE_MS, parsePayload, type ValidReading } from './payload.js';
import type { PowerLevels } from './power.machine.js';
import { insertFresh, insertMaybeKnown, type MessageReadings } from './readings.store.js';
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

/**
 * A reading that looked new was already stored (a device that moved resent old readings, or a
 * concurrent batch stored the same reading first): the batch must be redone the careful way.
 */
class AlreadyStored extends Error {}

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
    try {
      return await ingestOnce(batch, false);
    } catch (err) {
      // Redo the whole batch (its transaction rolled back), checking every reading against the table.
      if (err instanceof AlreadyStored) return ingestOnce(batch, true);
      throw err;
    }
  }

  async function ingestOnce(batch: IncomingMessage[], careful: boolean): Promise<IngestOutcome[]> {
    const now = clock.now().getTime();
    const window = { now, maxAgeMs: Math.min(MAX_AGE_MS, deps.retentionDays * DAY_MS) };
    const outcomes: IngestOutcome[] = batch.map(() => ({ stored: 0, duplicates: 0, rejected: 0, reasons: [] }));
    const dead: DeadLetterEntry[] = [];
    // Per device, the readings' ts already taken by an earlier message of this batch.
    const seen = new Map<string, Set<number>>();
    const accepted: ValidReading[][] = batch.map(() => []);
    const days = new Set<string>();
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
      let mine = seen.get(m.deviceId);
      if (!mine) seen.set(m.deviceId, (mine = new Set()));
      for (const r of parsed.readings) {
        if (mine.has(r.ts)) out.duplicates++;
        else {
          mine.add(r.ts);
          (accepted[i] as ValidReading[]).push(r);
          days.add(utcDay(r.ts));
        }
      }
    });
    const instrumentIds = [...new Set(batch.filter((_, i) => accepted[i]?.length).map((m) => m.instrumentId))];
    const before = new Map<string, string | null>();

    const created = await db.transaction(async (tx) => {
      if (dead.length) await insertDeadLetters(tx, dead);
      if (instrumentIds.length === 0) return [];
      const made = await ensurePartitions(tx, [...days]);
      // Readings go in before the instruments are locked, so concurrent batches (a second commit in
      // flight, another ingester) insert in parallel and wait for each other only to derive. What
      // the derivation has seen so far tells which readings cannot be stored yet.
      const last = careful ? new Map<string, number | null>() : await lastSeen(tx, instrumentIds);
      const fresh: MessageReadings[] = [];
      const late: MessageReadings[] = [];
      const lateOf: number[] = [];
      batch.forEach((m, i) => {
        const list = accepted[i] as ValidReading[];
        if (!list.length) return;
        const lastTs = careful ? Number.POSITIVE_INFINITY : (last.get(m.instrumentId) ?? null);
        const base = { deviceId: m.deviceId, instrumentId: m.instrumentId, receivedAt: m.receivedAt.getTime() };
        const newer = lastTs === null ? list : list.filter((r) => r.ts > lastTs);
        if (newer.length) fresh.push({ ...base, readings: newer });
        if (newer.length < list.length) {
          late.push({ ...base, readings: lastTs === null ? [] : list.filter((r) => r.ts <= lastTs) });
          lateOf.push(i);
        }
        (outcomes[i] as IngestOutcome).stored += newer.length;
      });
      if (!(await insertFresh(tx, fresh))) throw new AlreadyStored();
      const storedLate = await insertMaybeKnown(tx, late);
      // Now the machines: locked, so two transactions never derive one instrument at once; a
      // reading another batch derived meanwhile makes ours late, and `advance` re-derives.
      const derivations = await lockDerivations(tx, instrumentIds, new Date(now), deps.defaults);
      for (const [id, d] of derivations) before.set(id, d.machine.state);
      // Per instrument, the readings this batch really added, for derivation.
      const added = new Map<string, { ts: number; p: number }[]>();
      const deviceOf = new Map<string, string>();
      const add = (m: MessageReadings, r: ValidReading) => {
        let list = added.get(m.instrumentId);
        if (!list) added.set(m.instrumentId, (list = []));
        list.push({ ts: r.ts, p: r.p });
        deviceOf.set(m.instrumentId, m.deviceId);
      };
      for (const m of fresh) for (const r of m.readings) add(m, r);
      late.forEach((m, j) => {
        const out = outcomes[lateOf[j] as number] as IngestOutcome;
        for (const r of m.readings) {
          if (storedLate.has(`${m.deviceId}\u0000${r.ts}`)) {
            out.stored++;
            add(m, r);
          } else out.duplicates++;
        }
      });
      const results: DerivedChange[] = [];
      for (const [id, readings] of added) {
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
