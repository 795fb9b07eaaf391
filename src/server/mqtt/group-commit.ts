import type { IncomingMessage, IngestOutcome, TelemetryIngest } from './ingest.contract.js';
import type { IngestMetrics } from './ingest.metrics.js';

export interface Pending {
  msg: IncomingMessage;
  /** Sends the PUBACK (or lets the broker send it). Called only after the batch committed. */
  ack: () => void;
}

export interface GroupCommitOptions {
  telemetry: Pick<TelemetryIngest, 'ingest'>;
  metrics?: IngestMetrics;
  /** How long the first message of a batch waits for company (10–50 ms). */
  windowMs?: number;
  /** A batch is flushed at once when it reaches this many messages. */
  maxBatch?: number;
  /** Above this many unacknowledged messages `full` turns true and sources should pause. */
  maxPending?: number;
  /**
   * Batches committing at once (default 1). On PostgreSQL 2 lets the next batch be validated and
   * sent while the previous one is still in the database; it is as safe as two ingesters, since
   * the transactions lock the instruments they derive (PGlite runs one transaction at a time anyway).
   */
  concurrency?: number;
  /** Called after each commit with the outcomes (error counters, last-seen); never awaited. */
  afterCommit?: (batch: IncomingMessage[], outcomes: IngestOutcome[]) => Promise<void> | void;
  log?: (message: string) => void;
}

/**
 * Group commit: messages gather for a short window, then go to `ingest()` as one transaction; the
 * acks of the whole batch are sent only after it resolves. At most `concurrency` commits run at
 * once (the next batch gathers meanwhile); derivation is kept free of races between them by the
 * row locks its transaction takes, as between separate ingesters. When the
 * database fails the batch is kept and retried with backoff, nothing is acked, and the broker's
 * flow control (unacked messages) stops the stream: memory stays bounded and no reading is lost.
 */
export function createGroupCommit(opts: GroupCommitOptions) {
  const windowMs = opts.windowMs ?? 20;
  const maxBatch = opts.maxBatch ?? 2000;
  const maxPending = opts.maxPending ?? 20_000;
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const m = opts.metrics;
  let queue: Pending[] = [];
  /** When each queued message arrived (performance.now()), in queue order. */
  let arrived: number[] = [];
  let pending = 0;
  let timer: NodeJS.Timeout | null = null;
  let committing = 0;
  let closed = false;
  let idle: (() => void)[] = [];

  function schedule() {
    if (committing >= concurrency || closed || !queue.length) return;
    // A batch goes once its oldest message has waited one window.
    const waited = performance.now() - (arrived[0] ?? 0);
    if (queue.length >= maxBatch || waited >= windowMs) {
      // Full, or its messages already waited a window (e.g. while the previous commit ran): go now.
      if (timer) clearTimeout(timer);
      timer = null;
      void flush();
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = null;
        void flush();
      }, windowMs - waited);
    }
  }

  async function flush() {
    if (committing >= concurrency || !queue.length) return;
    committing++;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    arrived = arrived.slice(batch.length);
    const msgs = batch.map((p) => p.msg);
    let delay = 50;
    for (;;) {
      const started = performance.now();
      try {
        const outcomes = await opts.telemetry.ingest(msgs);
        const now = Date.now();
        m?.commitSeconds.observe((performance.now() - started) / 1000);
        m?.batchSize.observe(batch.length);
        for (const p of batch) {
          p.ack();
          m?.lagSeconds.observe((now - p.msg.receivedAt.getTime()) / 1000);
        }
        for (const o of outcomes) {
          m?.stored.inc(o.stored);
          m?.duplicates.inc(o.duplicates);
          for (const r of o.reasons) m?.rejected.inc({ reason: r });
        }
        pending -= batch.length;
        m?.pending.set(pending);
        if (opts.afterCommit) {
          Promise.resolve(opts.afterCommit(msgs, outcomes)).catch((err) =>
            opts.log?.(`ingest bookkeeping failed: ${(err as Error).message}`),
          );
        }
        break;
      } catch (err) {
        m?.failures.inc();
        opts.log?.(`ingest commit failed, retrying in ${delay} ms: ${(err as Error).message}`);
        if (closed) {
          // Shutting down: drop without acking; the broker redelivers to whoever takes over.
          pending -= batch.length;
          break;
        }
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 5000);
      }
    }
    committing--;
    if (!queue.length && !committing) {
      const waiters = idle;
      idle = [];
      for (const w of waiters) w();
    }
    schedule();
  }

  return {
    push(p: Pending) {
      queue.push(p);
      arrived.push(performance.now());
      pending++;
      m?.received.inc();
      m?.pending.set(pending);
      schedule();
    },
    /** True when sources should stop taking messages until `pending` falls. */
    get full() {
      return pending >= maxPending;
    },
    get pending() {
      return pending;
    },
    /** Resolves when everything received so far is committed and acked. */
    drain(): Promise<void> {
      if (!queue.length && !committing) return Promise.resolve();
      return new Promise((r) => idle.push(r));
    },
    /** Stops retrying; unacked messages stay with the broker. */
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const waiters = idle;
      idle = [];
      for (const w of waiters) w();
    },
  };
}
export type GroupCommit = ReturnType<typeof createGroupCommit>;
