import type { EventEmitter } from 'node:events';

/**
 * The seam with the telemetry module (storage and derivation), as fixed in the telemetry contract
 * between the two halves of issue 5. The transport only needs this shape, so it is restated here
 * and the real `createTelemetryModule().service` satisfies it structurally.
 */
export interface IncomingMessage {
  deviceId: string;
  /** The instrument the device is fitted to at receipt (devices move). */
  instrumentId: string;
  topic: string;
  /** Raw bytes as received; validating them is the telemetry module's job. */
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
  /** The instrument whose manager should see it (the sending device's), when known. */
  instrumentId?: string | null;
  topic: string;
  payload: Buffer;
  reason: string;
  detail?: string;
  receivedAt: Date;
}

export interface TelemetryIngest {
  /** Stores a batch in one transaction; resolves after COMMIT; throws only when the database fails. */
  ingest(batch: IncomingMessage[]): Promise<IngestOutcome[]>;
  deadLetter(entries: DeadLetterEntry[]): Promise<void>;
  events?: EventEmitter;
}
