import type { BrokerDevices } from './embedded-broker.js';
import type { IncomingMessage, IngestOutcome } from './ingest.contract.js';

/**
 * After a commit: rejections onto the devices' error counters and last-seen times, each one
 * statement for the whole batch. Off the ack path: losing this on a crash loses no reading.
 */
export function deviceBookkeeping(devices: Pick<BrokerDevices, 'recordErrors' | 'touch'>) {
  return async (batch: IncomingMessage[], outcomes: IngestOutcome[]) => {
    const errors: { deviceId: string; reason: string; at: Date }[] = [];
    const seen = new Map<string, Date>();
    batch.forEach((m, i) => {
      seen.set(m.deviceId, m.receivedAt);
      for (const reason of outcomes[i]?.reasons ?? []) errors.push({ deviceId: m.deviceId, reason, at: m.receivedAt });
    });
    await Promise.all([
      devices.recordErrors(errors),
      devices.touch([...seen].map(([deviceId, at]) => ({ deviceId, at }))),
    ]);
  };
}
