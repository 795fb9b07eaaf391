import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { msToTs, rowsOf } from './derivation.js';
import type { ValidReading } from './payload.js';

/** Readings of one message, as they go into telemetry_readings. */
export interface MessageReadings {
  deviceId: string;
  instrumentId: string;
  receivedAt: number;
  readings: ValidReading[];
}

/**
 * Builds one `insert … select` for many messages' readings. The cost of a bulk insert here is
 * mostly parsing the array parameters (text on the wire), so values shared by a message (device,
 * instrument, receipt time) travel once per message and are joined back by message number, and
 * optional fields absent from the whole batch are not sent at all.
 */
function insertSql(messages: MessageReadings[], returning: boolean): SQL {
  const k: number[] = [];
  const t: number[] = [];
  const p: number[] = [];
  const win: number[] = [];
  const opt = {
    pMin: [] as (number | null)[],
    pMax: [] as (number | null)[],
    seq: [] as (number | null)[],
    onSec: [] as (number | null)[],
  };
  const any = { pMin: false, pMax: false, seq: false, onSec: false };
  messages.forEach((m, i) => {
    for (const r of m.readings) {
      k.push(i + 1);
      t.push(r.ts);
      p.push(r.p);
      win.push(r.win);
      for (const f of ['pMin', 'pMax', 'seq', 'onSec'] as const) {
        const v = r[f] ?? null;
        opt[f].push(v);
        if (v !== null) any[f] = true;
      }
    }
  });
  const sameWin = win.every((w) => w === win[0]);
  const cols: SQL[] = [sql`${sql.param(k)}::int[]`, sql`${sql.param(t)}::float8[]`, sql`${sql.param(p)}::float8[]`];
  const names = ['k', 't', 'p'];
  if (!sameWin) {
    cols.push(sql`${sql.param(win)}::int2[]`);
    names.push('w');
  }
  const types = { pMin: 'float8', pMax: 'float8', seq: 'int8', onSec: 'int8' } as const;
  for (const f of ['pMin', 'pMax', 'seq', 'onSec'] as const) {
    if (!any[f]) continue;
    cols.push(sql`${sql.param(opt[f])}::${sql.raw(types[f])}[]`);
    names.push(f.toLowerCase());
  }
  const col = (name: string, fallback: SQL) => (names.includes(name) ? sql.raw(`r.${name}`) : fallback);
  return sql`
    insert into telemetry_readings (device_id, instrument_id, ts, p, p_min, p_max, win, seq, on_sec, received_at)
    select m.d, m.i, ${msToTs(sql`r.t`)}, r.p, ${col('pmin', sql`null::real`)}, ${col('pmax', sql`null::real`)},
      ${col('w', sql`${win[0] ?? 30}::int2`)}, ${col('seq', sql`null::int8`)}, ${col('onsec', sql`null::int8`)},
      ${msToTs(sql`m.rcv`)}
    from unnest(${sql.join(cols, sql`, `)}) as r(${sql.raw(names.join(', '))})
    join unnest(${sql.param(messages.map((m) => m.deviceId))}::text[], ${sql.param(messages.map((m) => m.instrumentId))}::uuid[],
                ${sql.param(messages.map((m) => m.receivedAt))}::float8[]) with ordinality as m(d, i, rcv, k) using (k)
    on conflict (device_id, ts) do nothing
    ${returning ? sql`returning device_id, (extract(epoch from ts) * 1000)::float8 as ts` : sql``}`;
}

const affected = (res: unknown) => {
  const r = res as { rowCount?: number | null; affectedRows?: number };
  return Number(r.rowCount ?? r.affectedRows ?? 0);
};

/**
 * Inserts readings that look new (newer than everything their instrument has seen) without asking
 * for them back. Returns false when the database disagrees — a device moved and resent old
 * readings, or a concurrent batch stored one first — and the caller must redo the batch the
 * careful way; the transaction is then rolled back, so nothing is half-written.
 */
export async function insertFresh(tx: Tx, messages: MessageReadings[]): Promise<boolean> {
  const expected = messages.reduce((n, m) => n + m.readings.length, 0);
  if (expected === 0) return true;
  return affected(await tx.execute(insertSql(messages, false))) === expected;
}

/** Inserts readings that may be resent ones; returns the keys (`device\0ts`) actually stored. */
export async function insertMaybeKnown(tx: Tx, messages: MessageReadings[]): Promise<Set<string>> {
  if (!messages.some((m) => m.readings.length)) return new Set();
  const res = await tx.execute(insertSql(messages, true));
  return new Set(rowsOf<{ device_id: string; ts: number }>(res).map((r) => `${r.device_id}\u0000${Number(r.ts)}`));
}
