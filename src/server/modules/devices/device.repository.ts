import { and, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { instruments } from '../instruments/instrument.table.js';
import { organisations } from '../organisations/organisation.table.js';
import { deviceErrorCounts, deviceFittings, devices } from './device.table.js';

export type DeviceRow = typeof devices.$inferSelect;

export interface DeviceFilter {
  /** Region prefixes the actor may read (bureau) — OR'd with `organisationIds` (member/manager). */
  regionPrefixes: string[];
  organisationIds: string[];
  instrumentId?: string;
  organisationId?: string;
  status?: string;
  q?: string;
}

const summaryColumns = {
  device: devices,
  instrumentName: instruments.nameZh,
  organisationName: organisations.name,
};

export function createDeviceRepository(db: Db) {
  return {
    async list(f: DeviceFilter, page: number, pageSize: number) {
      const scope: SQL[] = [
        ...f.regionPrefixes.map((p) => sql`${devices.regionCode} like ${`${p}%`}`),
        ...(f.organisationIds.length ? [inArray(devices.organisationId, f.organisationIds)] : []),
      ];
      if (!scope.length) return { rows: [], total: 0 };
      const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
      const where = and(
        or(...scope),
        f.instrumentId ? eq(devices.instrumentId, f.instrumentId) : undefined,
        f.organisationId ? eq(devices.organisationId, f.organisationId) : undefined,
        f.status ? eq(devices.status, f.status) : undefined,
        like ? or(ilike(devices.id, like), ilike(devices.label, like), ilike(instruments.nameZh, like)) : undefined,
      );
      const base = db
        .select(summaryColumns)
        .from(devices)
        .innerJoin(instruments, eq(instruments.id, devices.instrumentId))
        .innerJoin(organisations, eq(organisations.id, devices.organisationId));
      const [rows, totals] = await Promise.all([
        base
          .where(where)
          .orderBy(desc(devices.createdAt), devices.id)
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        db
          .select({ total: count() })
          .from(devices)
          .innerJoin(instruments, eq(instruments.id, devices.instrumentId))
          .where(where),
      ]);
      return { rows, total: totals[0]?.total ?? 0 };
    },

    async find(id: string) {
      const [row] = await db
        .select(summaryColumns)
        .from(devices)
        .innerJoin(instruments, eq(instruments.id, devices.instrumentId))
        .innerJoin(organisations, eq(organisations.id, devices.organisationId))
        .where(eq(devices.id, id));
      return row;
    },

    async findRow(id: string) {
      const [row] = await db.select().from(devices).where(eq(devices.id, id));
      return row;
    },

    async activeOn(tx: Tx | Db, instrumentId: string) {
      const [row] = await tx
        .select({ id: devices.id })
        .from(devices)
        .where(and(eq(devices.instrumentId, instrumentId), eq(devices.status, 'active')));
      return row;
    },

    async fittings(id: string) {
      return db
        .select({
          instrumentId: deviceFittings.instrumentId,
          instrumentName: instruments.nameZh,
          fromAt: deviceFittings.fromAt,
          toAt: deviceFittings.toAt,
          reason: deviceFittings.reason,
        })
        .from(deviceFittings)
        .innerJoin(instruments, eq(instruments.id, deviceFittings.instrumentId))
        .where(eq(deviceFittings.deviceId, id))
        .orderBy(desc(deviceFittings.fromAt), desc(deviceFittings.id));
    },

    async errors(id: string) {
      return db
        .select()
        .from(deviceErrorCounts)
        .where(eq(deviceErrorCounts.deviceId, id))
        .orderBy(desc(deviceErrorCounts.lastAt));
    },

    async instrument(id: string) {
      const [row] = await db
        .select({
          id: instruments.id,
          nameZh: instruments.nameZh,
          organisationId: instruments.organisationId,
          regionCode: instruments.regionCode,
        })
        .from(instruments)
        .where(eq(instruments.id, id));
      return row;
    },

    async insert(tx: Tx, row: typeof devices.$inferInsert) {
      await tx.insert(devices).values(row);
    },

    async update(tx: Tx, id: string, patch: Partial<typeof devices.$inferInsert>) {
      await tx.update(devices).set(patch).where(eq(devices.id, id));
    },

    async openFitting(
      tx: Tx,
      f: { deviceId: string; instrumentId: string; at: Date; reason?: string | null; actorUserId: string | null },
    ) {
      await tx.insert(deviceFittings).values({
        deviceId: f.deviceId,
        instrumentId: f.instrumentId,
        fromAt: f.at,
        reason: f.reason ?? null,
        actorUserId: f.actorUserId,
      });
    },

    async closeFitting(tx: Tx, deviceId: string, at: Date) {
      await tx
        .update(deviceFittings)
        .set({ toAt: at })
        .where(and(eq(deviceFittings.deviceId, deviceId), isNull(deviceFittings.toAt)));
    },

    /**
     * Adds rejections to the per-reason counters and the device's total in two statements for any
     * number of entries (unnest arrays), so a burst of bad messages costs one round trip each.
     * Unknown device ids are ignored by the join.
     */
    async addErrors(entries: { deviceId: string; reason: string; detail: string | null; at: Date }[]) {
      if (!entries.length) return;
      const ids = entries.map((e) => e.deviceId);
      const reasons = entries.map((e) => e.reason);
      const details = entries.map((e) => e.detail);
      const ats = entries.map((e) => e.at.toISOString());
      await db.transaction(async (tx) => {
        await tx.execute(sql`
          insert into device_error_counts as c (device_id, reason, count, last_at, last_detail)
          select e.device_id, e.reason, count(*), max(e.at), (array_agg(e.detail order by e.at desc))[1]
          from unnest(${sql.param(ids)}::text[], ${sql.param(reasons)}::text[], ${sql.param(details)}::text[], ${sql.param(ats)}::timestamptz[])
            as e(device_id, reason, detail, at)
          join devices d on d.id = e.device_id
          group by e.device_id, e.reason
          order by e.device_id, e.reason
          on conflict (device_id, reason) do update
            set count = c.count + excluded.count,
                last_at = greatest(c.last_at, excluded.last_at),
                last_detail = excluded.last_detail`);
        await tx.execute(sql`
          update devices d set error_count = d.error_count + e.n
          from (select device_id, count(*)::int as n from unnest(${sql.param(ids)}::text[]) as u(device_id) group by device_id) e
          where d.id = e.device_id`);
      });
    },

    /** Last-seen for a batch of devices in one statement; never moves backwards. */
    async touch(seen: { deviceId: string; at: Date }[]) {
      if (!seen.length) return;
      await db.execute(sql`
        update devices d set last_seen_at = greatest(d.last_seen_at, s.at)
        from (select device_id, max(at) as at
              from unnest(${sql.param(seen.map((s) => s.deviceId))}::text[], ${sql.param(seen.map((s) => s.at.toISOString()))}::timestamptz[])
                as u(device_id, at)
              group by device_id) s
        where d.id = s.device_id`);
    },

    async setOnline(id: string, online: boolean, firmware: string | undefined, at: Date) {
      await db
        .update(devices)
        .set({ online, ...(firmware ? { firmware } : {}), ...(online ? { lastSeenAt: at } : {}) })
        .where(eq(devices.id, id));
    },

    /** Every active device with its hash and instrument: warms the credential cache of a broker. */
    async credentials(id: string) {
      const [row] = await db
        .select({
          id: devices.id,
          status: devices.status,
          secretHash: devices.secretHash,
          instrumentId: devices.instrumentId,
        })
        .from(devices)
        .where(eq(devices.id, id));
      return row;
    },
  };
}
export type DeviceRepository = ReturnType<typeof createDeviceRepository>;
