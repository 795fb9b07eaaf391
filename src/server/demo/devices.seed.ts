import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { hashDevicePassword, newDeviceId, newDevicePassword } from '../modules/devices/device.credentials.js';
import { deviceFittings, devices } from '../modules/devices/device.table.js';
import { instruments } from '../modules/instruments/instrument.table.js';
import type { SimDevice } from '../mqtt/simulator.js';

/**
 * Demo sensors: one device on each of the first `count` catalogue instruments (or the given ones).
 * Passwords are shown nowhere, so each start issues fresh ones (only their hashes are stored) and
 * hands them to the in-process simulator that keeps the live board moving.
 */
export async function seedDemoDevices(db: Db, opts: { count?: number; instrumentIds?: string[]; now: Date }) {
  const chosen =
    opts.instrumentIds ??
    (
      await db
        .select({ id: instruments.id })
        .from(instruments)
        .orderBy(asc(instruments.createdAt), asc(instruments.id))
        .limit(opts.count ?? 12)
    ).map((r) => r.id);
  const out: SimDevice[] = [];
  await db.transaction(async (tx) => {
    for (const instrumentId of chosen) {
      const [instrument] = await tx.select().from(instruments).where(eq(instruments.id, instrumentId));
      if (!instrument) continue;
      const password = newDevicePassword();
      const secretHash = hashDevicePassword(password);
      const [existing] = await tx
        .select({ id: devices.id })
        .from(devices)
        .where(and(eq(devices.instrumentId, instrumentId), eq(devices.status, 'active')));
      if (existing) {
        await tx.update(devices).set({ secretHash, updatedAt: opts.now }).where(eq(devices.id, existing.id));
        out.push({ id: existing.id, password, instrumentId });
        continue;
      }
      const id = newDeviceId();
      await tx.insert(devices).values({
        id,
        label: '演示传感器 demo sensor',
        instrumentId,
        organisationId: instrument.organisationId,
        regionCode: instrument.regionCode,
        secretHash,
        credentialsIssuedAt: opts.now,
        createdAt: opts.now,
        updatedAt: opts.now,
      });
      await tx.insert(deviceFittings).values({ deviceId: id, instrumentId, fromAt: opts.now, actorUserId: null });
      out.push({ id, password, instrumentId });
    }
  });
  return out;
}
