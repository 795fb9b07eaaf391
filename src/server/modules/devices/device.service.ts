import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import type { deviceCreateBody, deviceListQuery, deviceMoveBody } from '../../../shared/api/devices.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, pgConstraint, pgErrorCode } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { createRowCache } from './device.cache.js';
import {
  hashDevicePassword,
  newDeviceId,
  newDevicePassword,
  passwordMatches,
  UNKNOWN_HASH,
} from './device.credentials.js';
import type { DeviceRepository } from './device.repository.js';
import { topicsOf } from './topics.js';

/** What a broker needs to know about a device to let it connect and to file its readings. */
export interface DeviceAuth {
  id: string;
  status: string;
  secretHash: string;
  instrumentId: string;
}

export type VerifyResult =
  | { ok: true; deviceId: string; instrumentId: string }
  | { ok: false; reason: 'DEVICE_UNKNOWN' | 'DEVICE_RETIRED' | 'DEVICE_BAD_PASSWORD'; deviceId: string };

/**
 * How long a broker process trusts a device row it read (hash, status, instrument). Changes made
 * in this process invalidate at once; another process (web instance answering an external broker's
 * hook) sees a rotation or retirement within this window.
 */
const CACHE_MS = 10_000;

export function createDeviceService(deps: {
  db: Db;
  clock: Clock;
  devices: DeviceRepository;
  /** Shown with new credentials so the installer knows where to point the sensor. */
  brokerUrl?: string | null;
}) {
  const { db, clock, devices: repo } = deps;
  // The embedded broker may learn its port only after start (MQTT_PORT=0), so this can be replaced.
  let brokerUrl = deps.brokerUrl ?? null;
  const events = new EventEmitter();
  const cache = createRowCache((id) => repo.credentials(id), { maxAgeMs: CACHE_MS });
  const lookup = (id: string): Promise<DeviceAuth | undefined> => cache.get(id);

  /** Forget a device everywhere in this process and tell brokers to drop its live connection. */
  function revoke(id: string, why: 'rotated' | 'retired' | 'moved') {
    cache.forget(id);
    events.emit('changed', { deviceId: id, why });
  }

  async function present(id: string, actor: Actor | null) {
    const found = await repo.find(id);
    if (!found) throw new AppError('NOT_FOUND');
    const d = found.device;
    const target = { organisationId: d.organisationId, regionCode: d.regionCode };
    if (!can(actor, 'device.read', target)) throw new AppError('NOT_FOUND');
    const [fittings, errors] = await Promise.all([repo.fittings(id), repo.errors(id)]);
    return {
      ...summary(found),
      retiredReason: d.retiredReason,
      fittings: fittings.map((f) => ({
        instrumentId: f.instrumentId,
        instrumentName: f.instrumentName,
        fromAt: f.fromAt.toISOString(),
        toAt: f.toAt?.toISOString() ?? null,
        reason: f.reason,
      })),
      errors: errors.map((e) => ({
        reason: e.reason,
        count: e.count,
        lastAt: e.lastAt.toISOString(),
        lastDetail: e.lastDetail,
      })),
      topics: topicsOf(id),
      canManage: can(actor, 'device.manage', target),
    };
  }

  function credentials(id: string, password: string) {
    return { clientId: id, username: id, password, brokerUrl, topic: topicsOf(id).up };
  }

  async function manageable(actor: Actor, id: string) {
    const row = await repo.findRow(id);
    if (!row) throw new AppError('NOT_FOUND');
    const target = { organisationId: row.organisationId, regionCode: row.regionCode };
    if (!can(actor, 'device.manage', target)) {
      throw new AppError(can(actor, 'device.read', target) ? 'FORBIDDEN' : 'NOT_FOUND');
    }
    return row;
  }

  async function instrumentFor(actor: Actor, instrumentId: string) {
    const instrument = await repo.instrument(instrumentId);
    if (!instrument) throw new AppError('NOT_FOUND');
    if (!can(actor, 'device.manage', { organisationId: instrument.organisationId, regionCode: instrument.regionCode }))
      throw new AppError('FORBIDDEN');
    return instrument;
  }

  /** The unique index is the real guard (two managers at once); this turns it into a clear error. */
  async function guardTaken<T>(instrumentId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'devices_active_instrument_key') {
        const other = await repo.activeOn(db, instrumentId);
        throw new AppError('DEVICE_INSTRUMENT_TAKEN', { id: other?.id ?? '?' });
      }
      throw err;
    }
  }

  return {
    events,

    /** Where new credentials tell sensors to connect, once the broker's real port is known. */
    useBrokerUrl(url: string) {
      brokerUrl = url;
    },

    async list(actor: Actor, q: z.infer<typeof deviceListQuery>) {
      const organisationIds = [
        ...actor.memberships.filter((m) => m.isAdmin).map((m) => m.organisationId),
        ...actor.roles
          .filter((g) => g.role === 'instrument_manager' && g.organisationId)
          .map((g) => g.organisationId as string),
      ];
      const { rows, total } = await repo.list(
        { ...q, regionPrefixes: regionPrefixes(actor, 'device.read'), organisationIds: [...new Set(organisationIds)] },
        q.page,
        q.pageSize,
      );
      return { items: rows.map(summary), total, page: q.page, pageSize: q.pageSize };
    },

    detail: (actor: Actor | null, id: string) => present(id, actor),

    async provision(actor: Actor, ctx: RequestContext, input: z.infer<typeof deviceCreateBody>) {
      const instrument = await instrumentFor(actor, input.instrumentId);
      const existing = await repo.activeOn(db, instrument.id);
      if (existing) throw new AppError('DEVICE_INSTRUMENT_TAKEN', { id: existing.id });
      const id = newDeviceId();
      const password = newDevicePassword();
      const now = clock.now();
      await guardTaken(instrument.id, () =>
        db.transaction(async (tx) => {
          await repo.insert(tx, {
            id,
            label: input.label || null,
            instrumentId: instrument.id,
            organisationId: instrument.organisationId,
            regionCode: instrument.regionCode,
            secretHash: hashDevicePassword(password),
            credentialsIssuedAt: now,
            createdAt: now,
            updatedAt: now,
          });
          await repo.openFitting(tx, {
            deviceId: id,
            instrumentId: instrument.id,
            at: now,
            reason: null,
            actorUserId: ctx.actorUserId,
          });
          await appendAudit(
            tx,
            ctx,
            {
              action: 'device.create',
              targetType: 'device',
              targetId: id,
              regionCode: instrument.regionCode,
              summary: { after: { instrumentId: instrument.id, label: input.label ?? null } },
            },
            now,
          );
        }),
      );
      return { device: await present(id, actor), credentials: credentials(id, password) };
    },

    async rotate(actor: Actor, ctx: RequestContext, id: string) {
      const row = await manageable(actor, id);
      if (row.status === 'retired') throw new AppError('DEVICE_RETIRED', { id });
      const password = newDevicePassword();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repo.update(tx, id, {
          secretHash: hashDevicePassword(password),
          credentialsIssuedAt: now,
          updatedAt: now,
        });
        await appendAudit(
          tx,
          ctx,
          { action: 'device.rotate', targetType: 'device', targetId: id, regionCode: row.regionCode },
          now,
        );
      });
      revoke(id, 'rotated');
      return { device: await present(id, actor), credentials: credentials(id, password) };
    },

    async retire(actor: Actor, ctx: RequestContext, id: string, reason: string) {
      const row = await manageable(actor, id);
      if (row.status === 'retired') throw new AppError('DEVICE_RETIRED', { id });
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repo.update(tx, id, {
          status: 'retired',
          retiredAt: now,
          retiredReason: reason,
          online: false,
          updatedAt: now,
        });
        await repo.closeFitting(tx, id, now);
        await appendAudit(
          tx,
          ctx,
          {
            action: 'device.retire',
            targetType: 'device',
            targetId: id,
            regionCode: row.regionCode,
            summary: { reason, instrumentId: row.instrumentId },
          },
          now,
        );
      });
      revoke(id, 'retired');
      return present(id, actor);
    },

    async move(actor: Actor, ctx: RequestContext, id: string, input: z.infer<typeof deviceMoveBody>) {
      const row = await manageable(actor, id);
      if (row.status === 'retired') throw new AppError('DEVICE_RETIRED', { id });
      if (row.instrumentId === input.instrumentId) throw new AppError('DEVICE_SAME_INSTRUMENT');
      const to = await instrumentFor(actor, input.instrumentId);
      const existing = await repo.activeOn(db, to.id);
      if (existing) throw new AppError('DEVICE_INSTRUMENT_TAKEN', { id: existing.id });
      const now = clock.now();
      await guardTaken(to.id, () =>
        db.transaction(async (tx) => {
          await repo.update(tx, id, {
            instrumentId: to.id,
            organisationId: to.organisationId,
            regionCode: to.regionCode,
            updatedAt: now,
          });
          await repo.closeFitting(tx, id, now);
          await repo.openFitting(tx, {
            deviceId: id,
            instrumentId: to.id,
            at: now,
            reason: input.reason ?? null,
            actorUserId: ctx.actorUserId,
          });
          await appendAudit(
            tx,
            ctx,
            {
              action: 'device.move',
              targetType: 'device',
              targetId: id,
              regionCode: to.regionCode,
              summary: {
                before: { instrumentId: row.instrumentId },
                after: { instrumentId: to.id },
                reason: input.reason,
              },
            },
            now,
          );
        }),
      );
      revoke(id, 'moved');
      return present(id, actor);
    },

    /**
     * Checks a connecting device's credentials. The row is cached briefly, so a fleet reconnecting
     * at once costs one query per device, then a SHA-256 each; unknown ids pay the same compare.
     */
    async verify(username: string, password: string | Buffer): Promise<VerifyResult> {
      const row = username ? await lookup(username) : undefined;
      const matches = passwordMatches(password, row?.secretHash ?? UNKNOWN_HASH);
      if (!row) return { ok: false, reason: 'DEVICE_UNKNOWN', deviceId: username };
      if (!matches) return { ok: false, reason: 'DEVICE_BAD_PASSWORD', deviceId: row.id };
      if (row.status !== 'active') return { ok: false, reason: 'DEVICE_RETIRED', deviceId: row.id };
      return { ok: true, deviceId: row.id, instrumentId: row.instrumentId };
    },

    /** The instrument a device is fitted to now (cached), or undefined if unknown or retired. */
    async instrumentOf(deviceId: string): Promise<string | undefined> {
      const row = await lookup(deviceId);
      return row && row.status === 'active' ? row.instrumentId : undefined;
    },

    /** A device's status and last instrument (cached like `instrumentOf`); undefined when unknown. */
    async statusOf(deviceId: string): Promise<{ status: 'active' | 'retired'; instrumentId: string } | undefined> {
      const row = await lookup(deviceId);
      return row && { status: row.status === 'active' ? 'active' : 'retired', instrumentId: row.instrumentId };
    },

    recordErrors: (entries: { deviceId: string; reason: string; detail?: string | null; at: Date }[]) =>
      repo.addErrors(entries.map((e) => ({ ...e, detail: e.detail?.slice(0, 500) ?? null }))),
    touch: (seen: { deviceId: string; at: Date }[]) => repo.touch(seen),
    setOnline: (id: string, online: boolean, firmware?: string) => repo.setOnline(id, online, firmware, clock.now()),
  };
}
export type DeviceService = ReturnType<typeof createDeviceService>;

function summary(r: {
  device: {
    id: string;
    label: string | null;
    status: string;
    instrumentId: string;
    organisationId: string;
    regionCode: string;
    online: boolean;
    firmware: string | null;
    lastSeenAt: Date | null;
    errorCount: number;
    credentialsIssuedAt: Date;
    createdAt: Date;
    retiredAt: Date | null;
  };
  instrumentName: string;
  organisationName: string;
}) {
  const d = r.device;
  return {
    id: d.id,
    label: d.label,
    status: d.status as 'active' | 'retired',
    instrumentId: d.instrumentId,
    instrumentName: r.instrumentName,
    organisationId: d.organisationId,
    organisationName: r.organisationName,
    regionCode: d.regionCode,
    online: d.online,
    firmware: d.firmware,
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
    errorCount: d.errorCount,
    credentialsIssuedAt: d.credentialsIssuedAt.toISOString(),
    createdAt: d.createdAt.toISOString(),
    retiredAt: d.retiredAt?.toISOString() ?? null,
  };
}
