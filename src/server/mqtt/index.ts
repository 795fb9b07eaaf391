import { hostname } from 'node:os';
import type { Registry } from 'prom-client';
import type { Config } from '../config.js';
import { deviceBookkeeping } from './bookkeeping.js';
import { type BrokerDevices, deviceState, startEmbeddedBroker } from './embedded-broker.js';
import { createGroupCommit } from './group-commit.js';
import type { TelemetryIngest } from './ingest.contract.js';
import { createIngestMetrics } from './ingest.metrics.js';
import { startMqttIngester } from './mqtt-ingester.js';

export interface TransportDeps {
  config: Pick<
    Config,
    'MQTT_URL' | 'MQTT_PORT' | 'MQTT_SERVICE_USERNAME' | 'MQTT_SERVICE_PASSWORD' | 'MQTT_CLIENT_ID' | 'MQTT_INGEST'
  >;
  devices: BrokerDevices;
  telemetry: TelemetryIngest;
  registry: Registry;
  log?: (message: string) => void;
  /** Group-commit tuning (benchmarks); the defaults suit production. */
  windowMs?: number;
  maxBatch?: number;
  /** Batches committing at once: 2 on PostgreSQL (see group-commit.ts), 1 on PGlite. */
  concurrency?: number;
}

/**
 * The sensor transport of one process: the embedded broker when MQTT_URL is unset, otherwise an
 * ingester on the external broker (unless MQTT_INGEST=false, for web instances beside dedicated
 * ingesters). Either way readings reach the database through one group commit.
 */
export async function startTransport(deps: TransportDeps) {
  const { config, devices, telemetry } = deps;
  const log = deps.log ?? ((m: string) => console.warn(m));
  const metrics = createIngestMetrics(deps.registry);
  const commit = createGroupCommit({
    telemetry,
    metrics,
    windowMs: deps.windowMs,
    maxBatch: deps.maxBatch,
    concurrency: deps.concurrency,
    afterCommit: deviceBookkeeping(devices),
    log,
  });
  if (!config.MQTT_URL) {
    const broker = await startEmbeddedBroker({
      port: config.MQTT_PORT,
      devices,
      telemetry,
      commit,
      service: { username: config.MQTT_SERVICE_USERNAME, password: config.MQTT_SERVICE_PASSWORD },
      refused: (reason) => metrics.rejected.inc({ reason }),
      log,
    });
    return {
      kind: 'embedded' as const,
      port: broker.port,
      commit,
      async close() {
        await broker.close();
        await commit.drain();
        commit.close();
      },
      leave: async () => {},
    };
  }
  if (!config.MQTT_INGEST)
    return { kind: 'none' as const, port: null, commit, close: async () => commit.close(), leave: async () => {} };
  const url = new URL(config.MQTT_URL);
  const ingester = await startMqttIngester({
    url: config.MQTT_URL,
    clientId: config.MQTT_CLIENT_ID ?? `kc-ingest-${hostname()}`,
    username: url.username
      ? decodeURIComponent(url.username)
      : config.MQTT_SERVICE_PASSWORD
        ? config.MQTT_SERVICE_USERNAME
        : undefined,
    password: url.password ? decodeURIComponent(url.password) : config.MQTT_SERVICE_PASSWORD,
    commit,
    instrumentOf: (id) => devices.instrumentOf(id),
    onState: deviceState(devices),
    // The broker's auth hook keeps unknown and retired devices out; this catches what slips through
    // its cache window (a device retired seconds ago) and anyone publishing with no auth at all.
    orphan: async (m) => {
      const known = m.deviceId ? await devices.statusOf(m.deviceId) : undefined;
      const reason = known ? 'TELEMETRY_RETIRED_DEVICE' : 'TELEMETRY_UNKNOWN_DEVICE';
      metrics.rejected.inc({ reason });
      await telemetry.deadLetter([
        { ...m, deviceId: m.deviceId || null, instrumentId: known?.instrumentId ?? null, reason },
      ]);
    },
    log,
  });
  return {
    kind: 'client' as const,
    port: null,
    commit,
    async close() {
      await ingester.close();
      commit.close();
    },
    /** Stops for good: leaves the shared group so the other ingesters take the whole stream. */
    async leave() {
      await ingester.leave();
      commit.close();
    },
  };
}
export type Transport = Awaited<ReturnType<typeof startTransport>>;
