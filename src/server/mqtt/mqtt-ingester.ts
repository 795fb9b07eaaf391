import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { SHARED_STATE_FILTER, SHARED_UP_FILTER } from '../modules/devices/topics.js';
import type { GroupCommit } from './group-commit.js';
import type { IncomingMessage } from './ingest.contract.js';

export interface MqttIngesterOptions {
  url: string;
  /** Stable per process so a restarted ingester resumes its session and gets its unacked messages back. */
  clientId: string;
  username?: string;
  password?: string;
  commit: GroupCommit;
  /** The instrument a device is fitted to now; undefined for unknown or retired devices. */
  instrumentOf: (deviceId: string) => Promise<string | undefined>;
  /** Messages from devices that are not (or no longer) fitted anywhere. */
  orphan?: (msg: Omit<IncomingMessage, 'instrumentId'>) => Promise<void>;
  /** A device's `state` message (online / firmware; its will says offline). Not stored, so acked at once. */
  onState?: (deviceId: string, payload: Buffer) => void;
  /** The most messages the broker may have in flight to us (MQTT 5 Receive Maximum). */
  receiveMaximum?: number;
  log?: (message: string) => void;
}

type Internals = { _sendPacket(packet: object, cb?: () => void): void };

/**
 * One ingester on an external broker. It joins the shared subscription, so N ingesters split the
 * stream and each message goes to one of them. MQTT 5's Receive Maximum caps how many unacked
 * messages the broker sends us, which is the memory bound and the backpressure: while commits
 * fail nothing is acked, so the broker stops sending and keeps the rest (persistent session).
 *
 * mqtt.js handles incoming packets one at a time and would send each PUBACK as soon as
 * `handleMessage` calls back, i.e. before any batching. So `handleMessage` takes the message,
 * answers with an error (which makes mqtt.js skip its own PUBACK and move on), and the PUBACK is
 * written by us after the batch commits. mqtt.js 5.16 has no public "ack later" call; `_sendPacket`
 * is the internal it uses itself.
 */
export async function startMqttIngester(opts: MqttIngesterOptions) {
  const log = opts.log ?? (() => {});
  const deferred = new Error('deferred ack');
  const client: MqttClient = mqtt.connect(opts.url, {
    clientId: opts.clientId,
    username: opts.username,
    password: opts.password,
    protocolVersion: 5,
    clean: false,
    properties: { sessionExpiryInterval: 3600, receiveMaximum: opts.receiveMaximum ?? 2000 },
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    resubscribe: true,
  });
  client.on('error', (err) => log(`ingester MQTT error: ${err.message}`));

  let stopped = false;
  /**
   * Files a message with the group commit (or the orphan store). A failed device lookup is retried
   * with backoff rather than dropped: the message is not acked until it is stored, and giving up
   * would leave it unacked for good, using up one of the broker's Receive Maximum slots each time,
   * until the stream stalled.
   */
  async function route(msg: Omit<IncomingMessage, 'instrumentId'>, ack: () => void) {
    for (let delay = 50; !stopped; delay = Math.min(delay * 2, 5000)) {
      try {
        const instrumentId = await opts.instrumentOf(msg.deviceId);
        if (instrumentId) opts.commit.push({ msg: { ...msg, instrumentId }, ack });
        else {
          await opts.orphan?.(msg);
          ack();
        }
        return;
      } catch (err) {
        log(`ingester could not route a message, retrying in ${delay} ms: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  client.handleMessage = (packet: IPublishPacket, callback) => {
    const topic = packet.topic;
    const deviceId = topic.split('/')[3] ?? '';
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    const receivedAt = new Date();
    const messageId = packet.messageId;
    // A PUBACK belongs to the connection that got the message: after a reconnect the broker resends
    // it (a duplicate, counted once), and the old id may now name a different message.
    const stream = client.stream;
    const ack =
      packet.qos === 1 && messageId !== undefined
        ? () => {
            if (client.stream === stream && client.connected)
              (client as unknown as Internals)._sendPacket({ cmd: 'puback', messageId, reasonCode: 0 });
          }
        : () => {};
    if (topic.endsWith('/state')) {
      opts.onState?.(deviceId, payload);
      ack();
    } else void route({ deviceId, topic, payload, receivedAt }, ack);
    callback(packet.qos === 1 ? deferred : undefined);
  };

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    client.once('error', onError);
    client.once('connect', () => {
      client.off('error', onError);
      // A resumed session keeps its subscription; subscribing again is harmless and covers a new one.
      client.subscribe([SHARED_UP_FILTER, SHARED_STATE_FILTER], { qos: 1 }, (err) => (err ? reject(err) : resolve()));
    });
  });

  return {
    client,
    /** Waits for in-flight batches to commit and ack, then disconnects (keeping the session). */
    async close() {
      await opts.commit.drain();
      stopped = true;
      await client.endAsync();
    },
    /**
     * Leaves the group for good (scaling down): drains, unsubscribes and ends the broker session.
     * Without this a stopped ingester's persistent session stays in the shared group, and Mosquitto
     * keeps queueing its share of the stream for it until the session expires (then drops it).
     */
    async leave() {
      await opts.commit.drain();
      stopped = true;
      await client.unsubscribeAsync([SHARED_UP_FILTER, SHARED_STATE_FILTER]);
      await opts.commit.drain();
      await client.endAsync(false, { reasonCode: 0, properties: { sessionExpiryInterval: 0 } });
    },
    /** Simulates a crash: drops the connection without acking or draining. */
    kill() {
      stopped = true;
      opts.commit.close();
      client.end(true);
    },
  };
}
export type MqttIngester = Awaited<ReturnType<typeof startMqttIngester>>;
