import type { EventEmitter } from 'node:events';
import { desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  calibrationResponse,
  levelsResponse,
  powerLevelsBody,
  reprocessResult,
} from '../../../shared/api/telemetry.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { RequestContext } from '../audit/audit.writer.js';
import { appendAudit } from '../audit/audit.writer.js';
import type { Actor } from '../identity/actor.js';
import { proposeLevels } from './calibration.js';
import { lockDerivations, rederive, rowsOf, tsToMs, writeResults } from './derivation.js';
import type { StateEvent } from './ingest.js';
import { deriveAll, type PowerLevels, type Segment } from './power.machine.js';
import { instrumentFor } from './scope.js';
import { notifyStates } from './state-feed.js';
import { instrumentPowerLevels } from './telemetry.table.js';

const DAY_MS = 86_400_000;

export interface LevelsDeps {
  db: Db;
  clock: Clock;
  defaults: PowerLevels;
  timezone: string;
  retentionDays: number;
  events: EventEmitter;
}

const pick = (l: PowerLevels): PowerLevels => ({
  idleW: l.idleW,
  workingW: l.workingW,
  hysteresisW: l.hysteresisW,
  onDelayS: l.onDelayS,
  offDelayS: l.offDelayS,
  offlineAfterS: l.offlineAfterS,
});

export function createLevelsService(deps: LevelsDeps) {
  const { db, clock } = deps;

  async function levelsOf(q: Db | Tx, instrumentId: string): Promise<z.infer<typeof levelsResponse>> {
    const history = await q
      .select()
      .from(instrumentPowerLevels)
      .where(eq(instrumentPowerLevels.instrumentId, instrumentId))
      .orderBy(desc(instrumentPowerLevels.version));
    const newest = history[0];
    return {
      instrumentId,
      current: newest ? { ...pick(newest), version: newest.version } : { ...deps.defaults, version: 0 },
      defaults: deps.defaults,
      history: history.map((h) => ({
        ...pick(h),
        version: h.version,
        source: h.source,
        note: h.note,
        createdAt: h.createdAt.toISOString(),
        createdBy: h.createdBy,
      })),
    };
  }

  /** Local midnight of a date (TIMEZONE), epoch ms. */
  async function localMidnight(q: Db | Tx, date: string): Promise<number> {
    const [r] = rowsOf<{ ms: number }>(
      await q.execute(sql`select ${tsToMs(sql`(${date}::date::timestamp at time zone ${deps.timezone})`)} as ms`),
    );
    return Number(r?.ms);
  }

  /**
   * Rebuilds an instrument's intervals and roll-ups from stored readings from `from` (a local date),
   * with the levels now in force: the derivation starts afresh at the first reading of that day.
   */
  async function reprocessIn(tx: Tx, instrumentId: string, from: string): Promise<z.infer<typeof reprocessResult>> {
    const now = clock.now();
    const fromMs = await localMidnight(tx, from);
    const earliest = now.getTime() - deps.retentionDays * DAY_MS;
    if (fromMs < earliest) {
      throw new AppError('TELEMETRY_REPROCESS_TOO_OLD', {
        days: deps.retentionDays,
        from,
        earliest: new Date(earliest + DAY_MS).toISOString().slice(0, 10),
      });
    }
    const d = (await lockDerivations(tx, [instrumentId], now, deps.defaults)).get(instrumentId);
    if (!d) throw new AppError('NOT_FOUND');
    const result = await rederive(tx, d, fromMs, true);
    if (result.rewrittenFrom !== null) await writeResults(tx, [{ ...result, deviceId: null }], now, deps.timezone);
    const [n] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from telemetry_readings
        where instrument_id = ${instrumentId} and ts >= ${new Date(fromMs)}`),
    );
    return {
      instrumentId,
      from: new Date(fromMs).toISOString(),
      readings: Number(n?.n ?? 0),
      segments: result.closed.length + (result.machine.state ? 1 : 0),
    };
  }

  /** Tells every live board the instrument's (re-derived) state, with the commit. */
  async function announce(tx: Tx, instrumentId: string) {
    const [r] = rowsOf<{ state: string | null; since: number | null; last_p: number | null }>(
      await tx.execute(
        sql`select state, ${tsToMs(sql`since`)} as since, last_p from power_derivation where instrument_id = ${instrumentId}`,
      ),
    );
    if (r?.state && r.since !== null)
      await notifyStates(tx, [
        {
          instrumentId,
          state: r.state as StateEvent['state'],
          since: new Date(Number(r.since)),
          powerW: r.last_p === null ? undefined : Number(r.last_p),
        },
      ]);
  }

  return {
    async get(actor: Actor, instrumentId: string) {
      await instrumentFor(db, actor, instrumentId, 'telemetry.read');
      return levelsOf(db, instrumentId);
    },

    /** Saves a new levels version (audited) and, when asked, reprocesses from a date, in one transaction. */
    async set(actor: Actor, ctx: RequestContext, instrumentId: string, body: z.infer<typeof powerLevelsBody>) {
      const inst = await instrumentFor(db, actor, instrumentId, 'telemetry.manage');
      const now = clock.now();
      const out = await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`power_levels:${instrumentId}`}, 0))`);
        const [last] = await tx
          .select({ version: instrumentPowerLevels.version })
          .from(instrumentPowerLevels)
          .where(eq(instrumentPowerLevels.instrumentId, instrumentId))
          .orderBy(desc(instrumentPowerLevels.version))
          .limit(1);
        const version = (last?.version ?? 0) + 1;
        const levels = pick(body);
        await tx.insert(instrumentPowerLevels).values({
          instrumentId,
          version,
          ...levels,
          source: body.source,
          note: body.note ?? null,
          createdBy: actor.userId,
          createdAt: now,
        });
        const reprocessed = body.reprocessFrom ? await reprocessIn(tx, instrumentId, body.reprocessFrom) : null;
        if (reprocessed) await announce(tx, instrumentId);
        await appendAudit(
          tx,
          ctx,
          {
            action: 'telemetry.levels.update',
            targetType: 'instrument',
            targetId: instrumentId,
            regionCode: inst.regionCode,
            summary: { version, ...levels, source: body.source, reprocessFrom: body.reprocessFrom ?? null },
          },
          now,
        );
        return { ...(await levelsOf(tx, instrumentId)), reprocessed };
      });
      return out;
    },

    async reprocess(actor: Actor, ctx: RequestContext, instrumentId: string, from: string) {
      const inst = await instrumentFor(db, actor, instrumentId, 'telemetry.manage');
      const now = clock.now();
      const out = await db.transaction(async (tx) => {
        const r = await reprocessIn(tx, instrumentId, from);
        await announce(tx, instrumentId);
        await appendAudit(
          tx,
          ctx,
          {
            action: 'telemetry.reprocess',
            targetType: 'instrument',
            targetId: instrumentId,
            regionCode: inst.regionCode,
            summary: { from, readings: r.readings },
          },
          now,
        );
        return r;
      });
      return out;
    },

    /** A power histogram of recent readings with the valleys marked, and levels proposed from it. */
    async calibration(
      actor: Actor,
      instrumentId: string,
      q: { days: number; bins: number },
    ): Promise<z.infer<typeof calibrationResponse>> {
      await instrumentFor(db, actor, instrumentId, 'telemetry.read');
      const to = clock.now();
      const from = new Date(to.getTime() - q.days * DAY_MS);
      const readings = rowsOf<{ ts: number; p: number }>(
        await db.execute(sql`select ${tsToMs(sql`ts`)} as ts, p from telemetry_readings
          where instrument_id = ${instrumentId} and ts >= ${from} and ts <= ${to} order by ts`),
      ).map((r) => ({ ts: Number(r.ts), p: Number(r.p) }));
      const { current } = await levelsOf(db, instrumentId);
      const { histogram, proposed } = proposeLevels(
        readings.map((r) => r.p),
        q.bins,
        current,
      );
      const hours = (l: PowerLevels) => {
        const segs: Segment[] = deriveAll(l, readings);
        const sum = (f: (s: Segment) => boolean) =>
          Math.round((segs.filter(f).reduce((a, s) => a + (s.end - s.start), 0) / 3_600_000) * 10) / 10;
        return {
          onHours: sum((s) => s.state === 'idle' || s.state === 'working'),
          workingHours: sum((s) => s.state === 'working'),
        };
      };
      return {
        instrumentId,
        from: from.toISOString(),
        to: to.toISOString(),
        readings: readings.length,
        histogram,
        proposed,
        current,
        preview: proposed ? { current: hours(current), proposed: hours(proposed) } : null,
      };
    },
  };
}
export type LevelsService = ReturnType<typeof createLevelsService>;
