/**
 * `npm run ingester`: one ingester process on its own, for deployments with an external broker.
 * Reads MQTT_URL and DATABASE_URL (and MQTT_CLIENT_ID: give each ingester its own stable id so a
 * restart resumes its broker session). Serves Prometheus metrics on INGESTER_METRICS_PORT (9464).
 * With `-- --leave`, stopping it (SIGINT/SIGTERM) also leaves the shared group for good: use that
 * when scaling down, so the broker stops queueing a share of the stream for a session nobody resumes.
 */
import { createServer } from 'node:http';
import { Registry } from 'prom-client';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';
import { systemClock } from '../src/server/lib/clock.js';
import { createDevicesModule } from '../src/server/modules/devices/index.js';
import { createTelemetryModule } from '../src/server/modules/telemetry/index.js';
import { startTransport } from '../src/server/mqtt/index.js';

const config = loadConfig();
if (!config.MQTT_URL || !config.DATABASE_URL) {
  console.error('npm run ingester 需要 MQTT_URL 和 DATABASE_URL / needs MQTT_URL and DATABASE_URL');
  process.exit(2);
}
const database = await openDatabase({ url: config.DATABASE_URL, poolSize: 4 });
const devices = createDevicesModule({ db: database.db, clock: systemClock });
const telemetry = createTelemetryModule({
  db: database.db,
  clock: systemClock,
  config: {
    retentionDays: config.TELEMETRY_RETENTION_DAYS,
    offlineAfterS: config.TELEMETRY_OFFLINE_MINUTES * 60,
    timezone: config.TIMEZONE,
  },
});
const registry = new Registry();
const transport = await startTransport({
  config: { ...config, MQTT_INGEST: true },
  devices: devices.service,
  telemetry: telemetry.service,
  registry,
  // Validation of the next batch overlaps the database work of the previous one.
  concurrency: 2,
});
const metricsPort = Number(process.env.INGESTER_METRICS_PORT ?? 9464);
const server = createServer(async (_req, res) => {
  res.setHeader('content-type', registry.contentType);
  res.end(await registry.metrics());
}).listen(metricsPort, '127.0.0.1');
console.log(
  `ingester ${config.MQTT_CLIENT_ID ?? '(default id)'} on ${config.MQTT_URL}; metrics on :${metricsPort}/metrics`,
);

const leaveOnStop = process.argv.includes('--leave');
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  await (leaveOnStop ? transport.leave() : transport.close());
  await database.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
