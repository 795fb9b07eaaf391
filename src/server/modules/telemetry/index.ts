import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { defaultLevels } from './derivation.js';
import { createIngest } from './ingest.js';

export type { DeadLetterEntry, IncomingMessage, IngestOutcome, StateEvent } from './ingest.js';

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
  const events = new EventEmitter();
  // The SSE board subscribes one listener per open browser; many tabs are normal.
  events.setMaxListeners(0);
  const defaults = defaultLevels(deps.config?.offlineAfterS);
  const timezone = deps.config?.timezone ?? 'Asia/Shanghai';
  const retentionDays = deps.config?.retentionDays ?? 30;
  const pipe = createIngest({ db: deps.db, clock: deps.clock, defaults, retentionDays, timezone, events });
  const service = { ...pipe, events, defaults, timezone, retentionDays };
  return { service, routes: (_app: FastifyInstance) => {} };
}
export type TelemetryModule = ReturnType<typeof createTelemetryModule>;
export type TelemetryService = TelemetryModule['service'];
