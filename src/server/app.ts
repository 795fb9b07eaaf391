import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { registerErrorHandling, sendError } from './http/errors.plugin.js';
import { registerMetrics } from './http/metrics.plugin.js';
import { registerSession } from './http/session.plugin.js';
import type { Clock } from './lib/clock.js';
import type { Mailer } from './lib/mailer.js';
import { createAssetsModule } from './modules/assets/index.js';
import { createAuditModule } from './modules/audit/index.js';
import { createBookingsModule } from './modules/bookings/index.js';
import { createChallengesModule } from './modules/challenges/index.js';
import { createDevicesModule } from './modules/devices/index.js';
import { createIdentityModule } from './modules/identity/index.js';
import { createInstrumentsModule } from './modules/instruments/index.js';
import { createMetricsModule } from './modules/metrics/index.js';
import { createNotificationsModule } from './modules/notifications/index.js';
import { createOrganisationsModule } from './modules/organisations/index.js';
import { healthRoutes } from './modules/system/health.routes.js';
import { createTelemetryModule } from './modules/telemetry/index.js';
import { listenStates } from './modules/telemetry/state-feed.js';
import { createVouchersModule } from './modules/vouchers/index.js';

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  mailer: Mailer;
  /** Folder of the built web app; omitted in API-only tests. */
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
  version?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const processId = randomUUID().slice(0, 13).replace('-', '');
let requestCount = 0;

/**
 * Builds the whole HTTP application from its infrastructure. Tests call this with a PGlite
 * database, a fixed clock and a fake mailer; main.ts calls it with the real ones.
 */
export async function buildApp(deps: AppDeps) {
  const { config, database, clock, mailer } = deps;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY === 'none' ? false : config.TRUST_PROXY,
    // An upstream proxy's request id is kept so one id follows a request across services. Our own
    // are this process's random prefix and a counter: unique across processes and restarts like a
    // UUID, without drawing random bytes on every request.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given)
        ? given
        : `${processId}-${(++requestCount).toString(36)}`;
    },
    ajv: { customOptions: { coerceTypes: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  registerErrorHandling(app, config.BODY_LIMIT_BYTES);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '科创 Kechuang API',
        version: deps.version ?? '0.0.0',
        description:
          'Errors are `{ requestId, code, message }`; state-changing requests need the `X-CSRF-Token` header.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const cookies = { secure: config.COOKIE_SECURE ?? config.PUBLIC_URL?.startsWith('https://') ?? false };
  const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const log = (m: string) => app.log.warn(m);

  const notifications = createNotificationsModule({ db: database.db, mailer, clock, log });
  const audit = createAuditModule({ db: database.db });
  const organisations = createOrganisationsModule({ db: database.db, clock, notifications: notifications.service });
  const identity = createIdentityModule({
    db: database.db,
    clock,
    config,
    cookies,
    publicUrl,
    notifications: notifications.service,
    organisations,
  });
  const instruments = createInstrumentsModule({
    db: database.db,
    clock,
    organisations: organisations.repository,
    cacheSeconds: config.CATALOGUE_CACHE_SECONDS,
  });
  const bookings = createBookingsModule({
    db: database.db,
    clock,
    instruments: instruments.repository,
    identity: identity.repository,
    notifications: notifications.service,
  });
  const assets = createAssetsModule({
    db: database.db,
    clock,
    organisations: organisations.repository,
    settings: instruments.settings,
  });
  const challenges = createChallengesModule({
    db: database.db,
    clock,
    notifications: notifications.service,
    dataDir: config.dataDir,
  });
  const devices = createDevicesModule({
    db: database.db,
    clock,
    brokerUrl: config.MQTT_PUBLIC_URL ?? config.MQTT_URL ?? `mqtt://${new URL(publicUrl).hostname}:${config.MQTT_PORT}`,
    hook: {
      token: config.MQTT_HOOK_TOKEN,
      serviceUsername: config.MQTT_SERVICE_USERNAME,
      servicePassword: config.MQTT_SERVICE_PASSWORD,
    },
  });
  const telemetry = createTelemetryModule({
    db: database.db,
    clock,
    config: {
      retentionDays: config.TELEMETRY_RETENTION_DAYS,
      offlineAfterS: config.TELEMETRY_OFFLINE_MINUTES * 60,
      timezone: config.TIMEZONE,
    },
  });
  const vouchers = createVouchersModule({
    db: database.db,
    clock,
    notifications: notifications.service,
    bookings: bookings.service,
  });
  // Committed state changes reach this instance's live boards whichever process ingested them.
  const stateFeed = await listenStates(database, telemetry.service.events, (m) => app.log.warn(m));
  app.addHook('onClose', () => stateFeed.close());
  registerSession(app, identity.auth, cookies);
  const registry = registerMetrics(app, database);

  healthRoutes(app, { database, version: deps.version ?? '0.0.0', demo: config.DEMO_DATA ?? false });
  identity.routes(app);
  organisations.routes(app);
  audit.routes(app);
  notifications.routes(app);
  instruments.routes(app);
  bookings.routes(app);
  assets.routes(app);
  challenges.routes(app);
  devices.routes(app);
  createMetricsModule({ db: database.db, clock }).routes(app);
  telemetry.routes(app);
  vouchers.routes(app);

  if (deps.webDir && existsSync(join(deps.webDir, 'index.html'))) {
    const indexHtml = readFileSync(join(deps.webDir, 'index.html'), 'utf8');
    await app.register(fastifyStatic, { root: deps.webDir, wildcard: false, index: false });
    app.get('/', (_req, reply) => reply.type('text/html').send(indexHtml));
    app.get('/*', (req, reply) => {
      const path = (req.params as { '*': string })['*'];
      // Assets are files; every other path is a client-side route of the single-page app.
      if (path.startsWith('api/'))
        return sendError(req, reply, 'ROUTE_NOT_FOUND', 404, { method: req.method, url: req.url });
      if (/\.[a-z0-9]+$/i.test(path) && existsSync(join(deps.webDir as string, path))) return reply.sendFile(path);
      return reply.type('text/html').send(indexHtml);
    });
  }

  return {
    app,
    registry,
    services: {
      identity,
      organisations,
      audit,
      notifications,
      instruments,
      bookings,
      assets,
      challenges,
      devices,
      telemetry,
      vouchers,
    },
  };
}
export type BuiltApp = Awaited<ReturnType<typeof buildApp>>;
