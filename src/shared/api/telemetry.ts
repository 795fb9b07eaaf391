import { z } from 'zod';
import { isoDate } from './common.js';
import { regionCode } from './organisations.js';

/**
 * API shapes of the sensor telemetry module (issue 5): power levels and calibration, power traces,
 * the live board, power-on hours and usage verification. Web forms reuse `powerLevelsBody`.
 */

export const powerStates = ['off', 'idle', 'working'] as const;
export const boardStates = ['off', 'idle', 'working', 'offline', 'never'] as const;
export const segmentStates = ['off', 'idle', 'working', 'unknown'] as const;

const watts = z.number().finite().min(0).max(10_000_000);

/** Thresholds and timings of one instrument's power states; watts and seconds. */
export const powerLevels = z.object({
  idleW: watts.describe('at or above: idle (powered on)'),
  workingW: watts.describe('at or above: working'),
  hysteresisW: watts.describe('how far below a threshold the power must fall to leave that level'),
  onDelayS: z.number().int().min(0).max(3600),
  offDelayS: z.number().int().min(0).max(3600),
  offlineAfterS: z.number().int().min(60).max(86_400),
});
export type PowerLevelsView = z.infer<typeof powerLevels>;

export const powerLevelsBody = powerLevels
  .extend({
    note: z.string().trim().max(500).optional(),
    /** 'calibration' when the manager approves a proposal from the calibration helper. */
    source: z.enum(['manual', 'calibration']).default('manual'),
    /** Rebuild intervals and roll-ups from this date (local) with the new levels; omitted: only new readings use them. */
    reprocessFrom: z.iso.date().optional(),
  })
  .refine((b) => b.workingW > b.idleW, {
    path: ['workingW'],
    message: '工作阈值须高于待机阈值 / working must be above idle',
  })
  .refine((b) => b.hysteresisW < b.idleW || b.idleW === 0, {
    path: ['hysteresisW'],
    message: '回差须小于待机阈值 / hysteresis must be below the idle threshold',
  });

export const levelsVersionView = powerLevels.extend({
  version: z.number().int(),
  source: z.string(),
  note: z.string().nullable(),
  createdAt: isoDate,
  createdBy: z.string().nullable(),
});

export const levelsResponse = z.object({
  instrumentId: z.uuid(),
  /** The levels in force: the newest version, or the platform defaults (version 0). */
  current: powerLevels.extend({ version: z.number().int() }),
  defaults: powerLevels,
  history: z.array(levelsVersionView),
});

export const reprocessBody = z.object({ from: z.iso.date() });
export const reprocessResult = z.object({
  instrumentId: z.uuid(),
  from: isoDate,
  readings: z.number().int(),
  segments: z.number().int(),
});

export const levelsUpdateResult = levelsResponse.extend({ reprocessed: reprocessResult.nullable() });

export const calibrationQuery = z.object({
  days: z.coerce.number().int().min(1).max(30).default(7),
  bins: z.coerce.number().int().min(10).max(200).default(60),
});
export const calibrationResponse = z.object({
  instrumentId: z.uuid(),
  from: isoDate,
  to: isoDate,
  readings: z.number().int(),
  /** Log-spaced power bins; `valley` marks local minima between the modes (candidate thresholds). */
  histogram: z.array(z.object({ fromW: z.number(), toW: z.number(), count: z.number().int(), valley: z.boolean() })),
  /** Proposed levels, or null when the week does not show distinct modes (e.g. never switched on). */
  proposed: powerLevels.nullable(),
  current: powerLevels.extend({ version: z.number().int() }),
  /** Hours the proposal would give over the same readings, next to the current levels. */
  preview: z
    .object({
      current: z.object({ onHours: z.number(), workingHours: z.number() }),
      proposed: z.object({ onHours: z.number(), workingHours: z.number() }),
    })
    .nullable(),
});

export const traceQuery = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  /** Most points returned; readings are averaged into buckets beyond that (min and max kept). */
  points: z.coerce.number().int().min(50).max(5000).default(1000),
});
export const traceResponse = z.object({
  instrumentId: z.uuid(),
  from: isoDate,
  to: isoDate,
  /** Seconds per bucket; 0 when raw readings are returned. */
  bucketSeconds: z.number().int(),
  readings: z.array(z.object({ ts: isoDate, p: z.number(), pMin: z.number(), pMax: z.number() })),
  intervals: z.array(z.object({ state: z.enum(segmentStates), start: isoDate, end: isoDate, open: z.boolean() })),
  bookings: z.array(
    z.object({ id: z.uuid(), start: isoDate, end: isoDate, status: z.string(), organisationName: z.string() }),
  ),
  levels: powerLevels.extend({ version: z.number().int() }),
  /** Raw readings are kept for this many days; older periods show intervals only. */
  retentionDays: z.number().int(),
});

export const boardQuery = z.object({
  regionCode: regionCode.optional(),
  organisationId: z.uuid().optional(),
  state: z.enum(boardStates).optional(),
});
export const boardItem = z.object({
  instrumentId: z.uuid(),
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  regionCode: z.string(),
  state: z.enum(boardStates),
  since: isoDate.nullable(),
  lastSeenAt: isoDate.nullable(),
  powerW: z.number().nullable(),
  deviceId: z.string().nullable(),
});
export const boardResponse = z.object({
  at: isoDate,
  items: z.array(boardItem),
  counts: z.object({
    working: z.number().int(),
    idle: z.number().int(),
    off: z.number().int(),
    offline: z.number().int(),
    never: z.number().int(),
  }),
});
/** One server-sent event on /api/telemetry/board/stream (event name `state`). */
export const boardEvent = z.object({
  instrumentId: z.uuid(),
  state: z.enum(boardStates),
  since: isoDate,
  powerW: z.number().nullable(),
});

export const hoursQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  regionCode: regionCode.optional(),
  organisationId: z.uuid().optional(),
  instrumentId: z.uuid().optional(),
});
const hourFigures = {
  onHours: z.number(),
  workingHours: z.number(),
  unknownHours: z.number(),
};
export const monthlyHoursResponse = z.object({
  year: z.number().int(),
  regionCode: z.string().nullable(),
  items: z.array(z.object({ month: z.string().describe('YYYY-MM'), instruments: z.number().int(), ...hourFigures })),
  total: z.object({ instruments: z.number().int(), ...hourFigures }),
});
export const organisationHoursResponse = z.object({
  year: z.number().int(),
  regionCode: z.string().nullable(),
  items: z.array(
    z.object({
      organisationId: z.uuid(),
      organisationName: z.string(),
      regionCode: z.string(),
      instruments: z.number().int(),
      ...hourFigures,
    }),
  ),
  total: z.object({ instruments: z.number().int(), ...hourFigures }),
});
export const headlineQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  regionCode: regionCode.optional(),
});
export const headlineResponse = z.object({
  year: z.number().int(),
  regionCode: z.string().nullable(),
  /** Instruments in the region with sensor data this year. */
  connectedInstruments: z.number().int(),
  powerOnHours: z.number(),
  workingHours: z.number(),
  /** Up to when the figures count (now for the current year). */
  asOf: isoDate,
});

export const usageQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    instrumentId: z.uuid().optional(),
    organisationId: z.uuid().optional(),
    /** Sensor working time shorter than this is not listed as "ran without a booking". */
    minMinutes: z.coerce.number().int().min(0).max(1440).default(10),
  })
  .refine((q) => q.instrumentId || q.organisationId, {
    path: ['instrumentId'],
    message: '请指定仪器或单位 / give an instrument or an organisation',
  });
export const usageItem = z.object({
  kind: z.enum(['booking', 'service_record']),
  id: z.uuid(),
  instrumentId: z.uuid(),
  instrumentName: z.string(),
  start: isoDate,
  end: isoDate,
  status: z.string().nullable(),
  minutes: z.number(),
  /** Sensor-confirmed working minutes inside the booking / service record. */
  workingMinutes: z.number(),
  /** Power-on (idle + working) minutes inside it. */
  onMinutes: z.number(),
  unknownMinutes: z.number(),
  /** workingMinutes / minutes, 0–1. */
  overlapShare: z.number(),
});
export const usageResponse = z.object({
  from: isoDate,
  to: isoDate,
  items: z.array(usageItem),
  /** Past bookings/records with no sensor-confirmed working time (and not covered by unknown time). */
  bookedNotRun: z.array(usageItem),
  ranWithoutBooking: z.array(
    z.object({ instrumentId: z.uuid(), instrumentName: z.string(), start: isoDate, end: isoDate, minutes: z.number() }),
  ),
});
export const usageOneResponse = usageItem;

export const deadLetterQuery = z.object({
  instrumentId: z.uuid().optional(),
  deviceId: z.string().max(128).optional(),
  reason: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const deadLetterItem = z.object({
  id: z.number().int(),
  deviceId: z.string().nullable(),
  instrumentId: z.string().nullable(),
  topic: z.string(),
  reason: z.string(),
  detail: z.string().nullable(),
  /** The payload as text (replacement characters where it was not UTF-8), at most 2 KB. */
  payload: z.string(),
  receivedAt: isoDate,
});
