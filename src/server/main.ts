import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatErrorMessage } from '../shared/errors.js';
import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { type Database, openDatabase, runMigrations } from './db/client.js';
import { lockDataDir } from './db/data-dir-lock.js';
import { seedDemo } from './demo/demo-data.js';
import { seedDemoDevices } from './demo/devices.seed.js';
import { demoConnectedInstruments } from './demo/telemetry.seed.js';
import { startJobs } from './jobs.js';
import { type Clock, systemClock } from './lib/clock.js';
import { AppError } from './lib/errors.js';
import { createDisabledMailer, createSmtpMailer } from './lib/mailer.js';
import { startTransport } from './mqtt/index.js';
import { simulate } from './mqtt/simulator.js';

const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
export const webDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface Platform {
  url: string;
  config: Config;
  database: Database;
  /** The embedded broker's port; null when an external broker (MQTT_URL) is used. */
  mqttPort: number | null;
  close(): Promise<void>;
}

/**
 * The composition root: config → data-folder lock → database + migrations → jobs → app → listen.
 * Returns a handle so e2e journeys can start and stop the real thing in-process.
 */
export async function startPlatform(
  opts: {
    env?: Record<string, string | undefined>;
    quiet?: boolean;
    /** The services' time source (default: the system clock); browser journeys move it to end windows. */
    clock?: Clock;
  } = {},
): Promise<Platform> {
  const config = loadConfig({ ...process.env, ...opts.env });
  const embedded = !config.DATABASE_URL;
  const demo = config.DEMO_DATA ?? embedded;
  const releaseLock = embedded ? lockDataDir(config.dataDir) : () => {};
  const cleanups: (() => Promise<void> | void)[] = [releaseLock];
  const close = async () => {
    for (const c of cleanups.reverse()) await c();
  };
  try {
    const database = await openDatabase({
      url: config.DATABASE_URL,
      dataDir: embedded ? `${config.dataDir}/pg` : undefined,
    });
    cleanups.push(() => database.close());
    await runMigrations(database);
    const logger = opts.quiet ? false : { level: config.LOG_LEVEL };
    const warn = (m: string) => console.warn(m);
    const smtp = config.SMTP_HOST ? createSmtpMailer(config) : createDisabledMailer(warn);
    const jobs = await startJobs({ database, mailer: smtp, log: warn });
    cleanups.push(() => jobs.stop());
    const { app, services, registry } = await buildApp({
      config: { ...config, DEMO_DATA: demo },
      database,
      clock: opts.clock ?? systemClock,
      mailer: jobs.mailer,
      webDir,
      logger,
      version,
    });
    cleanups.push(() => app.close());
    // Sensors: the embedded broker, or an ingester on the external one (MQTT_URL).
    const transport = await startTransport({
      config,
      devices: services.devices.service,
      telemetry: services.telemetry.service,
      registry,
      log: warn,
      concurrency: database.kind === 'postgres' ? 2 : 1,
    });
    cleanups.push(() => transport.close());
    // With the embedded broker, credentials name the port it really listens on (MQTT_PORT=0 picks one).
    if (transport.kind === 'embedded' && !config.MQTT_PUBLIC_URL)
      services.devices.service.useBrokerUrl(
        `mqtt://${new URL(config.PUBLIC_URL ?? 'http://localhost').hostname}:${transport.port}`,
      );
    await jobs.every('booking-no-show', '*/5 * * * *', () => services.bookings.service.releaseNoShows());
    // Raw readings: partitions for the next days ahead, expired ones dropped; once now, then daily.
    await services.telemetry.service.maintainPartitions();
    await jobs.every('telemetry-partitions', '7 0 * * *', () => services.telemetry.service.maintainPartitions());
    services.telemetry.startTimers(app);
    // Vouchers: unused quota expires at the end of validity; reservations past the claim window too.
    await jobs.every('voucher-expiry', '15 0 * * *', () => services.vouchers.service.expireDue());
    const logins = demo ? await seedDemo(database.db) : [];
    if (demo && transport.kind === 'embedded') {
      // A living board for a new user: every connected demo instrument (the ones with the year of
      // history) gets a sensor that publishes in real time from now on, after uploading its last
      // 20 minutes at once so the board shows states straight away.
      const connected = await demoConnectedInstruments(database.db);
      const sensors = await seedDemoDevices(database.db, { instrumentIds: connected, now: new Date() });
      let stopped = false;
      cleanups.push(() => {
        stopped = true;
      });
      const now = Date.now();
      const week = 7 * 86_400_000;
      simulate({
        brokerUrl: `mqtt://127.0.0.1:${transport.port}`,
        devices: sensors,
        days: 7 + 20 / 1440,
        end: new Date(now + week),
        liveFrom: new Date(now),
        speed: 1,
        shouldStop: () => stopped,
        onError: warn,
      }).catch((err) => warn(`demo sensors stopped: ${(err as Error).message}`));
    }
    // The catalogue's search index loads in the background (seconds at province scale), so the first
    // visitor does not wait for it; a search that comes first simply waits for the same load.
    services.instruments.search.warm().catch((err) => warn(`catalogue index: ${(err as Error).message}`));
    await app.listen({ port: config.PORT, host: config.HOST });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const url = `http://${['0.0.0.0', '127.0.0.1', '::'].includes(config.HOST) ? 'localhost' : config.HOST}:${port}`;
    if (!opts.quiet) printBanner(url, database.kind, config, logins, transport.port);
    return { url, config, database, mqttPort: transport.port, close };
  } catch (err) {
    await close();
    throw err;
  }
}

function printBanner(
  url: string,
  kind: string,
  config: Config,
  logins: { email: string; role: string }[],
  mqttPort: number | null,
) {
  const lines = [
    '',
    `  科创 Kechuang ${version} 已启动 / is running: ${url}`,
    `  数据库 / database: ${kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    `  传感器 MQTT / sensors: ${mqttPort === null ? `external broker (MQTT_URL)` : `embedded broker on port ${mqttPort}`}`,
    `  API 文档 / docs: ${url}/api/docs`,
  ];
  if (logins.length) {
    lines.push('  演示账号 / demo logins (password 密码: Kechuang#2026):');
    for (const l of logins) lines.push(`    ${l.email.padEnd(30)} ${l.role}`);
  }
  console.log(`${lines.join('\n')}\n`);
}

/** Runs the platform as a process: clear messages for configuration and lock errors, clean shutdown on signals. */
export async function main() {
  let platform: Platform;
  try {
    platform = await startPlatform();
  } catch (err) {
    if (err instanceof ConfigError || (err as Error).name === 'DataDirLockedError') {
      console.error(`\n${(err as Error).message}\n`);
      process.exit(2);
    }
    if (err instanceof AppError && err.code === 'MQTT_PORT_IN_USE') {
      const params = err.params;
      console.error(`\n${formatErrorMessage(err.code, 'zh', params)}\n${formatErrorMessage(err.code, 'en', params)}\n`);
      process.exit(2);
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `\n端口已被占用，请用 PORT 指定其他端口 / The port is taken; choose another with PORT. (${(err as Error).message})\n`,
      );
      process.exit(2);
    }
    throw err;
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
