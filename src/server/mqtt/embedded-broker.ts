import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { AppError } from '../lib/errors.js';
import type { DeviceService } from '../modules/devices/device.service.js';
import { deviceMayUse, deviceOfTopic } from '../modules/devices/topics.js';
import type { GroupCommit } from './group-commit.js';
import type { TelemetryIngest } from './ingest.contract.js';

/** Why the broker refused a device's publish, subscription or login (codes in src/shared/errors.ts). */
export type RefusalReason =
  | 'TELEMETRY_TOPIC_MISMATCH'
  | 'TELEMETRY_RETIRED_DEVICE'
  | 'CONNECT_DEVICE_BAD_PASSWORD'
  | 'CONNECT_DEVICE_RETIRED'
  | 'CONNECT_DEVICE_UNKNOWN';

/** What the broker needs from the devices module. */
export type BrokerDevices = Pick<
  DeviceService,
  'verify' | 'instrumentOf' | 'statusOf' | 'recordErrors' | 'setOnline' | 'touch' | 'events'
>;

export interface EmbeddedBrokerOptions {
  port: number;
  host?: string;
  devices: BrokerDevices;
  telemetry: Pick<TelemetryIngest, 'deadLetter'>;
  commit: GroupCommit;
  /** Counts refusals by reason (the ingest metrics); the broker itself keeps no counters. */
  refused?: (reason: RefusalReason) => void;
  /** The platform's own account, for operators who want to watch the stream with mosquitto_sub. */
  service?: { username: string; password?: string };
  log?: (message: string) => void;
}

const BAD_LOGIN = 4;
const NOT_AUTHORIZED = 5;

function refusal(code: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode: code }) as AuthenticateError;
}

/**
 * The broker `npm start` runs when MQTT_URL is unset. Devices log in with their own credentials and
 * may touch only `kc/v1/d/{ownId}/`. Telemetry is ingested inside `authorizePublish`, which aedes
 * runs before it writes the PUBACK: holding its callback until the batch commits is what makes the
 * acknowledgement mean "stored". (aedes' subscriber path is no use here: it acks QoS 1 first.)
 */
/**
 * Handles a device's `state` message (`{"online":true,"fw":"1.2.0"}`, or the will's
 * `{"online":false}`): its online flag and firmware. Anything unreadable is ignored; state is a hint.
 */
export function deviceState(devices: Pick<BrokerDevices, 'setOnline'>) {
  return (deviceId: string, payload: Buffer) => {
    let state: { online?: unknown; fw?: unknown } = {};
    try {
      state = JSON.parse(payload.toString('utf8'));
    } catch {
      return;
    }
    if (typeof state.online === 'boolean' && deviceId)
      devices
        .setOnline(deviceId, state.online, typeof state.fw === 'string' ? state.fw.slice(0, 40) : undefined)
        .catch(() => {});
  };
}

export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions) {
  const { devices, telemetry, commit } = opts;
  const log = opts.log ?? (() => {});
  const deviceOf = new WeakMap<Client, { deviceId: string; service: boolean }>();

  const refused = opts.refused ?? (() => {});

  /**
   * A refused publish or subscription: into the dead-letter store under the publishing device's own
   * instrument (so its manager sees it), and onto the device's error counters.
   */
  async function refuseTopic(
    client: Client | null,
    topic: string,
    payload: Buffer,
    reason: RefusalReason,
    detail?: string,
  ) {
    refused(reason);
    const who = client ? deviceOf.get(client) : undefined;
    const deviceId = who?.deviceId ?? null;
    const at = new Date();
    try {
      const instrumentId = deviceId ? ((await devices.instrumentOf(deviceId)) ?? null) : null;
      await Promise.all([
        telemetry.deadLetter([{ deviceId, instrumentId, topic, payload, reason, detail, receivedAt: at }]),
        deviceId ? devices.recordErrors([{ deviceId, reason, detail: detail ?? topic, at }]) : undefined,
      ]);
    } catch (err) {
      log(`could not record a refused publish: ${(err as Error).message}`);
    }
  }

  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const user = username ?? '';
      if (opts.service?.password && user === opts.service.username) {
        const ok = password?.toString() === opts.service.password;
        if (ok) deviceOf.set(client, { deviceId: user, service: true });
        return done(ok ? null : refusal(BAD_LOGIN, 'bad username or password'), ok);
      }
      // The protocol fixes clientId = username = device id.
      if (client.id !== user) return done(refusal(BAD_LOGIN, 'client id must equal username'), false);
      devices
        .verify(user, password ?? Buffer.alloc(0))
        .then(async (v) => {
          if (v.ok) {
            deviceOf.set(client, { deviceId: v.deviceId, service: false });
            return done(null, true);
          }
          const reason = `CONNECT_${v.reason}` as const;
          refused(reason);
          if (v.reason !== 'DEVICE_UNKNOWN')
            await devices.recordErrors([{ deviceId: v.deviceId, reason, at: new Date() }]).catch(() => {});
          done(refusal(v.reason === 'DEVICE_RETIRED' ? NOT_AUTHORIZED : BAD_LOGIN, v.reason), false);
        })
        .catch((err) => {
          log(`device authentication failed: ${(err as Error).message}`);
          done(refusal(3, 'server unavailable'), false);
        });
    },

    authorizePublish(client, packet, callback) {
      const who = client ? deviceOf.get(client) : undefined;
      if (!who) return callback(new Error('not authenticated'));
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      if (who.service) return callback(null);
      if (!deviceMayUse(who.deviceId, packet.topic)) {
        void refuseTopic(client, packet.topic, payload, 'TELEMETRY_TOPIC_MISMATCH', `publish ${packet.topic}`);
        return callback(new Error('topic outside the device prefix'));
      }
      const kind = packet.topic.slice(packet.topic.lastIndexOf('/') + 1);
      if (kind === 'state') {
        onState(who.deviceId, payload);
        return callback(null);
      }
      if (kind !== 'up' || deviceOfTopic(packet.topic) !== who.deviceId) return callback(null);
      const receivedAt = new Date();
      devices
        .instrumentOf(who.deviceId)
        .then((instrumentId) => {
          if (!instrumentId) {
            void refuseTopic(client, packet.topic, payload, 'TELEMETRY_RETIRED_DEVICE');
            return callback(new Error('device retired'));
          }
          commit.push({
            msg: { deviceId: who.deviceId, instrumentId, topic: packet.topic, payload, receivedAt },
            // QoS 0 has no ack to hold; the callback still releases aedes' per-client batch.
            ack: () => callback(null),
          });
        })
        .catch((err) => callback(err as Error));
    },

    authorizeSubscribe(client, sub, callback) {
      const who = deviceOf.get(client);
      if (who?.service || (who && deviceMayUse(who.deviceId, sub.topic))) return callback(null, sub);
      if (who)
        void refuseTopic(client, sub.topic, Buffer.alloc(0), 'TELEMETRY_TOPIC_MISMATCH', `subscribe ${sub.topic}`);
      // A null subscription is a refusal the client sees (SUBACK 0x80), without dropping it.
      callback(null, null);
    },
  });

  const onState = deviceState(devices);

  broker.on('clientReady', (client) => {
    const who = deviceOf.get(client);
    if (who && !who.service) devices.setOnline(who.deviceId, true).catch(() => {});
  });
  broker.on('clientDisconnect', (client) => {
    const who = deviceOf.get(client);
    if (who && !who.service) devices.setOnline(who.deviceId, false).catch(() => {});
  });

  // A rotated, retired or moved device must log in again under its new terms.
  const onChanged = ({ deviceId }: { deviceId: string }) => {
    for (const c of Object.values((broker as unknown as { clients: Record<string, Client> }).clients)) {
      if (c.id === deviceId) c.close();
    }
  };
  devices.events.on('changed', onChanged);

  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new AppError('MQTT_PORT_IN_USE', { port: opts.port }));
      else reject(err);
    });
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;

  return {
    port,
    broker,
    async close() {
      devices.events.off('changed', onChanged);
      // Clients first: the listening socket closes only when its connections are gone.
      await new Promise<void>((r) => broker.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
export type EmbeddedBroker = Awaited<ReturnType<typeof startEmbeddedBroker>>;
