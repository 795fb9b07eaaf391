import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { brokerHookRoutes, type HookConfig } from './broker-hook.routes.js';
import { createDeviceRepository } from './device.repository.js';
import { deviceRoutes } from './device.routes.js';
import { createDeviceService } from './device.service.js';

/** Power sensors: provisioning, credentials, fittings, error counters, and the broker's auth hook. */
export function createDevicesModule(deps: { db: Db; clock: Clock; brokerUrl?: string | null; hook?: HookConfig }) {
  const repository = createDeviceRepository(deps.db);
  const service = createDeviceService({
    db: deps.db,
    clock: deps.clock,
    devices: repository,
    brokerUrl: deps.brokerUrl,
  });
  return {
    repository,
    service,
    routes(app: FastifyInstance) {
      deviceRoutes(app, { service });
      brokerHookRoutes(app, { service, hook: deps.hook ?? {} });
    },
  };
}
export type DevicesModule = ReturnType<typeof createDevicesModule>;
