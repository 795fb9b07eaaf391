import type {
  DeadLetterEntry,
  IncomingMessage,
  IngestOutcome,
  TelemetryIngest,
} from '../src/server/mqtt/ingest.contract.js';

/**
 * A stand-in for the telemetry module in transport tests: keeps readings in memory keyed by
 * (device, ts) like the real primary key, and can be made slow or failing to test backpressure.
 */
export function createFakeTelemetry() {
  const readings = new Map<string, { deviceId: string; instrumentId: string; ts: number; p: number }>();
  const deadLetters: DeadLetterEntry[] = [];
  let gate: Promise<void> | null = null;
  let failures = 0;
  let calls = 0;
  const fake: TelemetryIngest & {
    readings: typeof readings;
    deadLetters: DeadLetterEntry[];
    batches: number[];
    hold(): () => void;
    failNext(n: number): void;
    readonly calls: number;
  } = {
    readings,
    deadLetters,
    batches: [],
    get calls() {
      return calls;
    },
    hold() {
      let release = () => {};
      gate = new Promise((r) => {
        release = () => {
          gate = null;
          r();
        };
      });
      return release;
    },
    failNext(n) {
      failures = n;
    },
    async ingest(batch: IncomingMessage[]): Promise<IngestOutcome[]> {
      calls++;
      if (gate) await gate;
      if (failures > 0) {
        failures--;
        throw new Error('connection terminated (fake)');
      }
      fake.batches.push(batch.length);
      return batch.map((m) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(m.payload.toString('utf8'));
        } catch {
          deadLetters.push({ ...m, reason: 'TELEMETRY_BAD_JSON' });
          return { stored: 0, duplicates: 0, rejected: 1, reasons: ['TELEMETRY_BAD_JSON'] };
        }
        const list = (Array.isArray(parsed) ? parsed : [parsed]) as { ts: number; p: number }[];
        const out: IngestOutcome = { stored: 0, duplicates: 0, rejected: 0, reasons: [] };
        for (const r of list) {
          const key = `${m.deviceId}|${r.ts}`;
          if (readings.has(key)) out.duplicates++;
          else {
            readings.set(key, { deviceId: m.deviceId, instrumentId: m.instrumentId, ts: r.ts, p: r.p });
            out.stored++;
          }
        }
        return out;
      });
    },
    async deadLetter(entries) {
      deadLetters.push(...entries);
    },
  };
  return fake;
}
export type FakeTelemetry = ReturnType<typeof createFakeTelemetry>;
