import type { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../../http/session.plugin.js';
import { can } from '../identity/access.policy.js';
import type { BoardService } from './board.service.js';
import type { StateEvent } from './ingest.js';

const HEARTBEAT_MS = 25_000;

/**
 * `GET /api/telemetry/board/stream`: server-sent events (`event: state`) for every state change of
 * an instrument the user may read, fed by the telemetry service's events. A comment line every 25 s
 * keeps proxies from closing the idle connection; browsers reconnect on their own (EventSource).
 */
export function createBoardStream(app: FastifyInstance, deps: { board: BoardService; events: EventEmitter }) {
  app.get(
    '/api/telemetry/board/stream',
    {
      schema: {
        tags: ['telemetry'],
        summary: 'Live board changes as server-sent events (event `state`, data: instrumentId, state, since, powerW)',
        produces: ['text/event-stream'],
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      // Only instruments the actor may read (bureau region or own organisation), cached per instrument.
      const visible = new Map<string, boolean>();
      const mayRead = async (instrumentId: string) => {
        const known = visible.get(instrumentId);
        if (known !== undefined) return known;
        const place = await deps.board.placeOf(instrumentId);
        const ok = !!place && can(actor, 'telemetry.read', place);
        visible.set(instrumentId, ok);
        return ok;
      };
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      res.write('retry: 5000\n\n');
      const onState = (e: StateEvent) => {
        void mayRead(e.instrumentId).then(
          (ok) => {
            if (!ok || res.writableEnded) return;
            const data = {
              instrumentId: e.instrumentId,
              state: e.state,
              since: e.since.toISOString(),
              powerW: e.powerW ?? null,
            };
            res.write(`event: state\ndata: ${JSON.stringify(data)}\n\n`);
          },
          () => {},
        );
      };
      deps.events.on('state', onState);
      const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      beat.unref();
      const stop = () => {
        clearInterval(beat);
        deps.events.off('state', onState);
      };
      req.raw.on('close', stop);
      res.on('close', stop);
    },
  );
}
