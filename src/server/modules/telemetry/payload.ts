import { z } from 'zod';

/**
 * Validation of one telemetry message (device-protocol.md, "Telemetry payload"). A message that
 * cannot be read at all is rejected whole; in an array, each bad reading is rejected on its own
 * and the good ones are kept (a device's buffered upload is not lost to one bad sample).
 */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
export const MAX_READINGS = 500;
export const MAX_AHEAD_MS = 5 * 60_000;
export const MAX_AGE_MS = 30 * 86_400_000;

/** Stable rejection codes, stored in the dead-letter table and counted by reason in metrics. */
export const rejectReasons = [
  'TELEMETRY_TOO_LARGE',
  'TELEMETRY_BAD_JSON',
  'TELEMETRY_BAD_SHAPE',
  'TELEMETRY_TOO_MANY',
  'TELEMETRY_BAD_READING',
  'TELEMETRY_NEGATIVE_POWER',
  'TELEMETRY_TS_FUTURE',
  'TELEMETRY_TS_TOO_OLD',
  'TELEMETRY_TOPIC_MISMATCH',
  'TELEMETRY_UNKNOWN_DEVICE',
  'TELEMETRY_RETIRED_DEVICE',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

const watts = z.number().finite().nonnegative();
export const readingSchema = z.object({
  ts: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  p: watts,
  win: z.number().int().min(1).max(300).default(30),
  pMax: watts.optional(),
  pMin: watts.optional(),
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  onSec: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type ValidReading = z.infer<typeof readingSchema>;

export interface Rejection {
  reason: RejectReason;
  detail?: string;
  /** The offending reading as JSON, or undefined when the whole message is rejected. */
  reading?: string;
}

export interface ParsedMessage {
  readings: ValidReading[];
  rejections: Rejection[];
}

export interface TimeWindow {
  now: number;
  /** How far back a reading is still accepted: the protocol's 30 days, or less if retention is shorter. */
  maxAgeMs: number;
}

const isWatts = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * The common case without Zod: a well-formed reading, checked field by field with exactly the
 * schema's rules, and returned in the schema's output shape (unknown keys dropped, `win` defaulted).
 * Anything else returns undefined and goes through `readingSchema`, which also words the reason.
 * At tens of thousands of readings a second this is most of the validation cost saved.
 */
function fastReading(raw: Record<string, unknown>): ValidReading | undefined {
  const { ts, p, win, pMax, pMin, seq, onSec } = raw;
  if (!Number.isSafeInteger(ts) || (ts as number) <= 0 || !isWatts(p)) return undefined;
  if (win !== undefined && !(Number.isInteger(win) && (win as number) >= 1 && (win as number) <= 300)) return undefined;
  if ((pMax !== undefined && !isWatts(pMax)) || (pMin !== undefined && !isWatts(pMin))) return undefined;
  if ((seq !== undefined && !isCount(seq)) || (onSec !== undefined && !isCount(onSec))) return undefined;
  const r: ValidReading = { ts: ts as number, p: p as number, win: (win as number | undefined) ?? 30 };
  if (pMax !== undefined) r.pMax = pMax as number;
  if (pMin !== undefined) r.pMin = pMin as number;
  if (seq !== undefined) r.seq = seq as number;
  if (onSec !== undefined) r.onSec = onSec as number;
  return r;
}

function rejectReading(raw: unknown, issues: z.core.$ZodIssue[]): Rejection {
  const negative = issues.some((i) => i.code === 'too_small' && ['p', 'pMax', 'pMin'].includes(String(i.path[0])));
  return {
    reason: negative ? 'TELEMETRY_NEGATIVE_POWER' : 'TELEMETRY_BAD_READING',
    detail: issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(reading)'}: ${i.message}`)
      .join('; '),
    reading: JSON.stringify(raw)?.slice(0, 1000),
  };
}

export function parsePayload(payload: Buffer, window: TimeWindow): ParsedMessage {
  if (payload.length > MAX_PAYLOAD_BYTES)
    return reject('TELEMETRY_TOO_LARGE', `${payload.length} bytes > ${MAX_PAYLOAD_BYTES}`);
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    return reject('TELEMETRY_BAD_JSON', (err as Error).message.slice(0, 200));
  }
  const items = Array.isArray(json) ? json : [json];
  if (items.length === 0) return reject('TELEMETRY_BAD_SHAPE', 'empty array');
  if (items.length > MAX_READINGS) return reject('TELEMETRY_TOO_MANY', `${items.length} readings > ${MAX_READINGS}`);
  const out: ParsedMessage = { readings: [], rejections: [] };
  for (const raw of items) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      out.rejections.push({
        reason: Array.isArray(json) ? 'TELEMETRY_BAD_READING' : 'TELEMETRY_BAD_SHAPE',
        detail: 'a reading must be a JSON object',
        reading: JSON.stringify(raw)?.slice(0, 1000),
      });
      continue;
    }
    let r = fastReading(raw as Record<string, unknown>);
    if (!r) {
      const parsed = readingSchema.safeParse(raw);
      if (!parsed.success) {
        out.rejections.push(rejectReading(raw, parsed.error.issues));
        continue;
      }
      r = parsed.data;
    }
    if (r.ts > window.now + MAX_AHEAD_MS) {
      out.rejections.push({
        reason: 'TELEMETRY_TS_FUTURE',
        detail: `ts ${new Date(r.ts).toISOString()} is ${Math.round((r.ts - window.now) / 1000)} s ahead`,
        reading: JSON.stringify(raw),
      });
    } else if (r.ts < window.now - window.maxAgeMs) {
      out.rejections.push({
        reason: 'TELEMETRY_TS_TOO_OLD',
        detail: `ts ${new Date(r.ts).toISOString()} is older than ${Math.round(window.maxAgeMs / 86_400_000)} days`,
        reading: JSON.stringify(raw),
      });
    } else out.readings.push(r);
  }
  return out;
}

function reject(reason: RejectReason, detail: string): ParsedMessage {
  return { readings: [], rejections: [{ reason, detail }] };
}
