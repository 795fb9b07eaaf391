import type { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, Tx } from '../../db/client.js';
import type { StateEvent } from './ingest.js';

/**
 * Live state changes travel with the commit that made them: `pg_notify` inside the ingest
 * transaction is delivered only if it commits, to every process listening — the web instances
 * behind the load balancer, whoever ingested. Each web instance re-emits them on its telemetry
 * `events`, which the board's server-sent events stream listens to. PGlite (one process) takes the
 * same path through its own LISTEN, so there is one way for a change to reach a browser.
 */
export const STATE_CHANNEL = 'kc_power_state';

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; stay well under it. */
const MAX_PAYLOAD = 7000;

type Wire = { i: string; s: StateEvent['state']; t: number; p: number | null };

/** Queues the events for delivery at COMMIT (one statement, split into payloads under the limit). */
export async function notifyStates(tx: Tx, events: StateEvent[]): Promise<void> {
  if (events.length === 0) return;
  const payloads: string[] = [];
  let chunk: string[] = [];
  let size = 2;
  for (const e of events) {
    const wire: Wire = { i: e.instrumentId, s: e.state, t: e.since.getTime(), p: e.powerW ?? null };
    const json = JSON.stringify(wire);
    if (size + json.length + 1 > MAX_PAYLOAD && chunk.length) {
      payloads.push(`[${chunk.join(',')}]`);
      chunk = [];
      size = 2;
    }
    chunk.push(json);
    size += json.length + 1;
  }
  if (chunk.length) payloads.push(`[${chunk.join(',')}]`);
  await tx.execute(sql`select pg_notify(${STATE_CHANNEL}, x) from unnest(${sql.param(payloads)}::text[]) as u(x)`);
}

function emitPayload(events: EventEmitter, payload: string | undefined, log: (m: string) => void) {
  if (!payload) return;
  try {
    for (const w of JSON.parse(payload) as Wire[])
      events.emit('state', {
        instrumentId: w.i,
        state: w.s,
        since: new Date(w.t),
        powerW: w.p ?? undefined,
      } satisfies StateEvent);
  } catch (err) {
    log(`telemetry state feed: unreadable payload (${(err as Error).message})`);
  }
}

/**
 * Listens for committed state changes and re-emits them on `events`. On PostgreSQL a dedicated
 * connection (LISTEN needs one that stays open), reconnected after a drop; a change committed
 * while it is down is not replayed, but the board's periodic reload and the next change catch up.
 */
export async function listenStates(
  database: Pick<Database, 'kind' | 'url' | 'pglite'>,
  events: EventEmitter,
  log: (message: string) => void = () => {},
): Promise<{ close(): Promise<void> }> {
  if (database.kind === 'pglite' && database.pglite) {
    const unlisten = await database.pglite.listen(STATE_CHANNEL, (payload) => emitPayload(events, payload, log));
    return { close: () => unlisten() };
  }
  if (!database.url) throw new Error('listenStates needs a PostgreSQL URL');
  const url = database.url;
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === STATE_CHANNEL) emitPayload(events, n.payload, log);
    });
    c.on('error', (err) => {
      log(`telemetry state feed: ${err.message}; reconnecting`);
      reconnect(c);
    });
    c.on('end', () => reconnect(c));
    try {
      await c.connect();
      await c.query(`listen ${STATE_CHANNEL}`);
    } catch (err) {
      c.end().catch(() => {});
      throw err;
    }
    client = c;
  };
  const schedule = (ms: number) => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect().catch((err: Error) => {
        log(`telemetry state feed: ${err.message}`);
        schedule(5000);
      });
    }, ms);
    retry.unref();
  };
  const reconnect = (c: pg.Client) => {
    if (closed || client !== c) return;
    client = null;
    c.end().catch(() => {});
    schedule(1000);
  };
  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
