import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { createBoardService } from './board.service.js';
import { defaultLevels } from './derivation.js';
import { createHoursService } from './hours.service.js';
import { createIngest } from './ingest.js';
import { createLevelsService } from './levels.service.js';
import { telemetryRoutes } from './telemetry.routes.js';
import { createUsageService } from './usage.service.js';
import { sensorMinutes } from './usage.window.js';

export type { DeadLetterEntry, IncomingMessage, IngestOutcome, StateEvent } from './ingest.js';
export type { SensorWindow } from './usage.window.js';

export interface TelemetryConfig {
  /** Days of raw readings kept (default 30). */
  retentionDays?: number;
  /** Default offline timeout in seconds (default 600); per-instrument levels may override it. */
  offlineAfterS?: number;
  /** Local time zone of days and months in roll-ups (default Asia/Shanghai). */
  timezone?: string;
}

/** Sensor telemetry: validation, raw storage, power states, intervals, roll-ups and their queries. */
export function createTelemetryModule(deps: { db: Db; clock: Clock; config?: TelemetryConfig }) {
  const { db, clock } = deps;
  const events = new EventEmitter();
  // The SSE board subscribes one listener per open browser; many tabs are normal.
  events.setMaxListeners(0);
  const defaults = defaultLevels(deps.config?.offlineAfterS);
  const timezone = deps.config?.timezone ?? 'Asia/Shanghai';
  const retentionDays = deps.config?.retentionDays ?? 30;
  const common = { db, clock, defaults, retentionDays, timezone, events };
  const pipe = createIngest(common);
  const levels = createLevelsService(common);
  const board = createBoardService(common);
  const hours = createHoursService(common);
  const usage = createUsageService(common);
  const service = {
    ...pipe,
    events,
    defaults,
    timezone,
    retentionDays,
    levels,
    board,
    hours,
    usage,
    /** Sensor minutes of an instrument in a time range, for other modules' evidence (system-level: no actor). */
    sensorMinutes: (instrumentId: string, from: Date, to: Date) => sensorMinutes(db, instrumentId, from, to),
    /** Announces instruments that fell silent (run every ~30 s per web instance, see startTimers). */
    sweepOffline: board.sweepOffline,
  };
  return {
    service,
    routes: (app: FastifyInstance) => telemetryRoutes(app, { db, levels, board, hours, usage, events }),
    /** Starts the offline sweep for this process's live board; stopped when the app closes. */
    startTimers(app: FastifyInstance, everyMs = 30_000) {
      const timer = setInterval(() => {
        board.sweepOffline().catch((err: Error) => app.log.warn(`telemetry offline sweep: ${err.message}`));
      }, everyMs);
      timer.unref();
      app.addHook('onClose', async () => clearInterval(timer));
    },
  };
}
export type TelemetryModule = ReturnType<typeof createTelemetryModule>;
export type TelemetryService = TelemetryModule['service'];
