import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Ingest metrics on the given registry (the app's `/metrics`, or a standalone ingester's). */
export function createIngestMetrics(registry: Registry) {
  const registers = [registry];
  return {
    received: new Counter({
      name: 'kc_ingest_messages_received_total',
      help: 'Telemetry messages received from the broker',
      registers,
    }),
    stored: new Counter({ name: 'kc_ingest_readings_stored_total', help: 'New readings committed', registers }),
    duplicates: new Counter({
      name: 'kc_ingest_readings_duplicate_total',
      help: 'Readings already stored (same device and ts), counted once',
      registers,
    }),
    rejected: new Counter({
      name: 'kc_ingest_rejected_total',
      help: 'Readings and messages refused (dead-letter store) and device logins refused (CONNECT_*), by reason',
      labelNames: ['reason'],
      registers,
    }),
    batchSize: new Histogram({
      name: 'kc_ingest_batch_messages',
      help: 'Messages per group commit',
      buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
      registers,
    }),
    commitSeconds: new Histogram({
      name: 'kc_ingest_commit_seconds',
      help: 'Time to store one batch (one transaction)',
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    lagSeconds: new Histogram({
      name: 'kc_ingest_lag_seconds',
      help: 'From receipt by the ingester to commit (queueing + window + commit)',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    failures: new Counter({
      name: 'kc_ingest_commit_failures_total',
      help: 'Batches whose commit failed (retried; nothing acknowledged)',
      registers,
    }),
    pending: new Gauge({
      name: 'kc_ingest_pending_messages',
      help: 'Messages received and not yet acknowledged',
      registers,
    }),
  };
}
export type IngestMetrics = ReturnType<typeof createIngestMetrics>;
