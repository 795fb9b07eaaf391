import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { deadLetterItem, deadLetterQuery } from '../../../shared/api/telemetry.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../identity/actor.js';
import { rowsOf } from './derivation.js';
import { instrumentFor, readableInstruments } from './scope.js';

/** Rejected messages of the instruments the actor may read, newest first. */
export async function listDeadLetters(db: Db, actor: Actor, q: z.infer<typeof deadLetterQuery>) {
  const conds: SQL[] = [];
  if (q.instrumentId) {
    await instrumentFor(db, actor, q.instrumentId, 'telemetry.read');
    conds.push(sql`l.instrument_id = ${q.instrumentId}`);
  } else conds.push(readableInstruments(actor, 'telemetry.read', {}));
  if (q.deviceId) conds.push(sql`l.device_id = ${q.deviceId}`);
  if (q.reason) conds.push(sql`l.reason = ${q.reason}`);
  const where = sql.join(conds, sql` and `);
  const [count] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from telemetry_dead_letters l
      join instruments i on i.id = l.instrument_id where ${where}`),
  );
  const items = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select l.id::int as id, l.device_id, l.instrument_id::text as instrument_id, l.topic, l.reason,
        l.detail, substring(l.payload from 1 for 2048) as payload, l.received_at
      from telemetry_dead_letters l join instruments i on i.id = l.instrument_id
      where ${where} order by l.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
  ).map(
    (r): z.infer<typeof deadLetterItem> => ({
      id: Number(r.id),
      deviceId: (r.device_id as string | null) ?? null,
      instrumentId: (r.instrument_id as string | null) ?? null,
      topic: r.topic as string,
      reason: r.reason as string,
      detail: (r.detail as string | null) ?? null,
      payload: Buffer.from(r.payload as Uint8Array).toString('utf8'),
      receivedAt: new Date(r.received_at as string).toISOString(),
    }),
  );
  return { items, total: Number(count?.n ?? 0), page: q.page, pageSize: q.pageSize };
}
